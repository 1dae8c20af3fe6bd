/**
 * ABCR score (Adhoute 2015), scores.md §7.4, assessed before the second TACE:
 * AFP ≥ 200 ng/mL → 1; BCLC A → 0, B → 2, C → 3; Child-Pugh score rise ≥ 2 points between the
 * first and second TACE → 2; objective response (mRECIST CR/PR) after the first TACE → −3.
 * Range −3 to 6; groups ≤ 0, 1–3, ≥ 4 (≥ 4: no benefit from retreatment).
 *
 * [recalled] The point values are recalled by the reference (no copy of the paper retrieved);
 * this project's search found the authors' 2015 review (World J Hepatol 2015;7(3):521-531,
 * doi:10.4254/wjh.v7.i3.521) but not its text, so they remain unverified.
 * [DECISION] scores.md §7.4: BCLC 0 and D are rejected (the score was defined for A–C): the
 * result is `invalid` with code `not-applicable`. The BCLC stage is the input `bclcStage`
 * (stage at baseline, before the first TACE), not today's computed stage.
 */
import type { ParsedCase } from "../case/types.js";
import { cite } from "../evidence/index.js";
import { type FieldError, indeterminate, invalid, type RuleResult } from "../result.js";
import { conversionAssumptions, formatQuantity } from "../units/quantity.js";
import { AFP_MISSING_PATH } from "./afp-input.js";

export const ABCR_RULE = "abcr";
const CITATION = cite("adhoute2015Abcr");

export const ABCR_POINTS = {
  afpAtLeastNgPerMl: 200,
  afp: 1,
  bclc: { A: 0, B: 2, C: 3 },
  childPughRiseAtLeast: 2,
  childPugh: 2,
  response: -3,
} as const;

const P = ABCR_POINTS;
/** The point table as text, from the values above (one place for them). */
const POINTS_TEXT = {
  afp: `≥ ${P.afpAtLeastNgPerMl} ng/mL: ${P.afp}`,
  bclc: `A ${P.bclc.A}, B ${P.bclc.B}, C ${P.bclc.C}`,
  childPugh: `rise ≥ ${P.childPughRiseAtLeast}: ${P.childPugh}`,
  response: `${P.response}`.replace("-", "−"),
} as const;

export type AbcrGroup = "<=0" | "1-3" | ">=4";

export interface AbcrValues {
  readonly score: number;
  readonly group: AbcrGroup;
  readonly points: {
    readonly afp: number;
    readonly bclc: number;
    readonly childPugh: number;
    readonly response: number;
  };
  readonly retreatmentAdvised: boolean;
}

export type AbcrResult = RuleResult<AbcrValues>;

export function abcrGroup(score: number): AbcrGroup {
  return score <= 0 ? "<=0" : score <= 3 ? "1-3" : ">=4";
}

export function abcr(c: ParsedCase): AbcrResult {
  const errors: FieldError[] = [];
  const missing: string[] = [];
  function pick<T>(
    f:
      | { state: "present"; value: T }
      | { state: "absent" }
      | { state: "invalid"; errors: readonly FieldError[] },
    path: string,
  ): T | undefined {
    if (f.state === "invalid") errors.push(...f.errors);
    else if (f.state === "absent") missing.push(path);
    return f.state === "present" ? f.value : undefined;
  }
  const afp = pick(c.labs.afp, AFP_MISSING_PATH);
  const stage = pick(c.bclcStage, "bclcStage");
  const before1 = pick(c.tace.childPughScoreBeforeFirst, "tace.childPughScoreBeforeFirst");
  const before2 = pick(c.tace.childPughScoreBeforeSecond, "tace.childPughScoreBeforeSecond");
  const response = pick(c.tace.mrecistObjectiveResponse, "tace.mrecistObjectiveResponse");
  if (stage === "0" || stage === "D") {
    errors.push({
      path: "bclcStage",
      code: "not-applicable",
      message: `ABCR is defined for BCLC A–C; bclcStage ${stage} is outside its scope`,
    });
  }
  if (errors.length > 0) return invalid(ABCR_RULE, CITATION, errors);
  if (
    missing.length > 0 ||
    !afp ||
    stage === undefined ||
    before1 === undefined ||
    before2 === undefined ||
    response === undefined
  ) {
    return indeterminate(ABCR_RULE, CITATION, missing);
  }
  const bclcStage = stage as "A" | "B" | "C";
  const rise = before2 - before1;
  const points = {
    afp: afp.canonical >= ABCR_POINTS.afpAtLeastNgPerMl ? ABCR_POINTS.afp : 0,
    bclc: ABCR_POINTS.bclc[bclcStage],
    childPugh: rise >= ABCR_POINTS.childPughRiseAtLeast ? ABCR_POINTS.childPugh : 0,
    response: response ? ABCR_POINTS.response : 0,
  };
  const score = points.afp + points.bclc + points.childPugh + points.response;
  const group = abcrGroup(score);
  const assumptions = conversionAssumptions(afp);
  return {
    status: "ok",
    rule: ABCR_RULE,
    score,
    group,
    points,
    retreatmentAdvised: score < 4,
    reason:
      `ABCR ${score} (group ${group}): AFP ${formatQuantity(afp)} → ${points.afp} (${POINTS_TEXT.afp}); BCLC ${bclcStage} → ${points.bclc} ` +
      `(${POINTS_TEXT.bclc}); Child-Pugh ${before1} → ${before2} (rise ${rise}) → ${points.childPugh} (${POINTS_TEXT.childPugh}); ` +
      `mRECIST objective response ${response ? "yes" : "no"} → ${points.response} (${POINTS_TEXT.response}). ` +
      `${score >= 4 ? "≥ 4 before the second TACE: no benefit from retreatment in the derivation cohort." : "Retreatment not discouraged by ABCR."} ` +
      `Point values recalled, not verified against the paper.`,
    citation: CITATION,
    ...(assumptions.length > 0 ? { assumptions } : {}),
  };
}
