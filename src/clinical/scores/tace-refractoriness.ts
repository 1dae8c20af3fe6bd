/**
 * TACE failure / refractoriness, JSH-LCSGJ 2014 (Kudo 2014; scores.md §7.6). Any one of:
 * 1a. ≥ 2 consecutive insufficient responses of the treated tumour (> 50 % viable on CT/MRI
 *     1–3 months after adequate selective TACE);
 * 1b. ≥ 2 consecutive intrahepatic progressions (more tumours than before the previous TACE);
 * 2.  continuous rise of tumour markers right after TACE, despite a slight transient fall;
 * 3.  appearance of vascular invasion;
 * 4.  appearance of extrahepatic spread.
 *
 * When refractory, a treatment stage migration is suggested (BCLC 2022 §1.5 of
 * staging-treatment.md): the option of the next stage (systemic therapy as for BCLC C) rather
 * than another TACE — an explicit, reasoned transition, not a re-staging.
 *
 * [DECISION] A criterion known to be met decides `refractory: true` even when others are
 * missing (the definition is "any one of"); `false` needs every input known.
 */
import type { ParsedCase } from "../case/types.js";
import { cite } from "../evidence/index.js";
import { type FieldError, indeterminate, invalid, type RuleResult } from "../result.js";

export const TACE_REFRACTORINESS_RULE = "taceRefractoriness";
const CITATION = cite("kudo2014JshRefractoriness", "reig2022Bclc");

/** Consecutive sessions needed for criteria 1a and 1b. */
export const JSH_CONSECUTIVE_MIN = 2;

export type JshCriterion =
  | "consecutiveInsufficientResponses"
  | "consecutiveIntrahepaticProgressions"
  | "continuousTumorMarkerElevation"
  | "newVascularInvasion"
  | "newExtrahepaticSpread";

export interface TaceRefractorinessValues {
  readonly refractory: boolean;
  readonly criteriaMet: readonly JshCriterion[];
  readonly stageMigration: {
    readonly suggested: boolean;
    readonly to: readonly string[];
    readonly reason: string;
  };
}

export type TaceRefractorinessResult = RuleResult<TaceRefractorinessValues>;

const WORDS: Readonly<Record<JshCriterion, string>> = {
  consecutiveInsufficientResponses: "≥ 2 consecutive insufficient responses (> 50 % viable)",
  consecutiveIntrahepaticProgressions: "≥ 2 consecutive intrahepatic progressions",
  continuousTumorMarkerElevation: "continuous tumour-marker rise after TACE",
  newVascularInvasion: "new vascular invasion",
  newExtrahepaticSpread: "new extrahepatic spread",
};

export function taceRefractoriness(c: ParsedCase): TaceRefractorinessResult {
  const t = c.taceRefractoriness;
  const fields = [
    [
      "consecutiveInsufficientResponses",
      t.consecutiveInsufficientResponses,
      (v: number | boolean) => Number(v) >= 2,
    ],
    [
      "consecutiveIntrahepaticProgressions",
      t.consecutiveIntrahepaticProgressions,
      (v: number | boolean) => Number(v) >= 2,
    ],
    ["continuousTumorMarkerElevation", t.continuousTumorMarkerElevation, (v: number | boolean) => v === true],
    ["newVascularInvasion", t.newVascularInvasion, (v: number | boolean) => v === true],
    ["newExtrahepaticSpread", t.newExtrahepaticSpread, (v: number | boolean) => v === true],
  ] as const;
  const errors: FieldError[] = [];
  const missing: string[] = [];
  const met: JshCriterion[] = [];
  for (const [key, field, isMet] of fields) {
    if (field.state === "invalid") errors.push(...field.errors);
    else if (field.state === "absent") missing.push(`taceRefractoriness.${key}`);
    else if (isMet(field.value)) met.push(key);
  }
  if (errors.length > 0) return invalid(TACE_REFRACTORINESS_RULE, CITATION, errors);
  if (met.length === 0 && missing.length > 0) {
    return indeterminate(TACE_REFRACTORINESS_RULE, CITATION, missing, "(JSH-LCSGJ 2014: any one criterion)");
  }
  const refractory = met.length > 0;
  const unknownNote = missing.length > 0 ? ` (not given: ${missing.join(", ")})` : "";
  return {
    status: "ok",
    rule: TACE_REFRACTORINESS_RULE,
    refractory,
    criteriaMet: met,
    stageMigration: refractory
      ? {
          suggested: true,
          to: ["systemic-therapy"],
          reason:
            "TACE failure/refractoriness: consider treatment stage migration to the next stage's option (systemic therapy as for BCLC C) instead of repeating TACE; the tumour board decides.",
        }
      : { suggested: false, to: [], reason: "Not refractory: TACE may be continued on demand." },
    reason: refractory
      ? `TACE refractory (JSH-LCSGJ 2014): ${met.map((k) => WORDS[k]).join("; ")}${unknownNote}.`
      : "Not TACE refractory (JSH-LCSGJ 2014): fewer than 2 consecutive insufficient responses or intrahepatic progressions, no continuous marker rise, no new vascular invasion or extrahepatic spread.",
    citation: CITATION,
  };
}
