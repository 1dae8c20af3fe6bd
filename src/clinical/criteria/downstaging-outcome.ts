/**
 * Outcome of downstaging (UNOS-DS; scores.md §6.5, AASLD 2023 Table 4): successful when the
 * residual **viable** (enhancing) tumour is within Milan; failure with any of major vessel
 * invasion, nodal or extrahepatic spread, an infiltrative growth pattern, or AFP persistently
 * > 500 ng/mL after a pre-treatment AFP ≥ 1000 ng/mL. At least 3 months of stability are
 * required before transplant.
 *
 * The Milan and UCSF tests are those of milan.ts / ucsf.ts, applied to the viable nodules (the
 * thresholds live there only). The result also carries a conversion flag: the patient has come
 * within transplant criteria (Milan, or UCSF as an extended criterion), or down to a single
 * viable nodule without vascular invasion or spread that should be re-evaluated for resection.
 *
 * [DECISION] scores.md §6.5: AFP exactly 500 after ≥ 1000 passes (AASLD "> 500").
 * [DECISION] A failure that is known decides "not successful" even when other inputs are
 * missing; success needs every criterion known. An absent `infiltrative` (in the block or the
 * case) is read as not reported and said in `assumptions`.
 */
import type { ParsedCase, Tumor } from "../case/types.js";
import { cite } from "../evidence/index.js";
import { ABSENT, type FieldError, indeterminate, invalid, present, type RuleResult } from "../result.js";
import { formatQuantity } from "../units/quantity.js";
import { milan } from "./milan.js";
import { ucsf } from "./ucsf.js";

export const DOWNSTAGING_OUTCOME_RULE = "downstagingOutcome";
const CITATION = cite("yao2008Downstaging");

/** AFP (ng/mL): a pre-treatment value at or above this makes the post-treatment AFP decisive. */
export const DS_AFP_BASELINE_HIGH = 1000;
/** AFP (ng/mL) that must not be exceeded after treatment when the baseline was high. */
export const DS_AFP_POST_MAX = 500;
/** Months of stability before transplant. */
export const DS_MIN_OBSERVATION_MONTHS = 3;

export interface DownstagingOutcomeValues {
  readonly successful: boolean;
  readonly failedCriteria: readonly string[];
  readonly minimumObservationMonths: number;
  readonly viableWithinMilan: boolean | null;
  readonly conversion: {
    /** The patient has come within transplant criteria or a resection should be re-evaluated. */
    readonly flag: boolean;
    readonly withinMilan: boolean | null;
    readonly withinUcsf: boolean | null;
    readonly resectionReview: boolean;
    readonly reason: string;
  };
  readonly assumptions?: readonly string[];
}

export type DownstagingOutcomeResult = RuleResult<DownstagingOutcomeValues>;

/** The case as Milan/UCSF should see it after treatment: viable nodules only, size alone. */
function viableBurdenCase(c: ParsedCase, viable: readonly Tumor[]): ParsedCase {
  return {
    ...c,
    tumors: present(viable),
    tumorCountTotal: ABSENT,
    vascularInvasion: {
      ...c.vascularInvasion,
      present: present(false),
      portalVein: ABSENT,
      hepaticVein: ABSENT,
    },
    extrahepaticSpread: present(false),
  };
}

function within(r: ReturnType<typeof milan> | ReturnType<typeof ucsf>): boolean | null {
  return r.status === "ok" ? r.within : null;
}

export function downstagingOutcome(c: ParsedCase): DownstagingOutcomeResult {
  const block = c.postDownstaging;
  if (block.state === "invalid") return invalid(DOWNSTAGING_OUTCOME_RULE, CITATION, block.errors);
  if (block.state === "absent") {
    return indeterminate(
      DOWNSTAGING_OUTCOME_RULE,
      CITATION,
      ["postDownstaging"],
      "(residual viable tumour after treatment)",
    );
  }
  const p = block.value;
  const errors: FieldError[] = [];
  for (const f of [p.viableTumors, p.vascularInvasion, p.extrahepaticSpread, p.infiltrative, p.afp]) {
    if (f.state === "invalid") errors.push(...f.errors);
  }
  if (errors.length > 0) return invalid(DOWNSTAGING_OUTCOME_RULE, CITATION, errors);

  const failed: string[] = [];
  const missing: string[] = [];
  const assumptions: string[] = [];

  // Viable burden within Milan (size and number only; vessels and spread are judged below).
  let viableWithinMilan: boolean | null = null;
  let withinUcsf: boolean | null = null;
  let viableCount: number | null = null;
  if (p.viableTumors.state === "absent") missing.push("postDownstaging.viableTumors");
  else if (p.viableTumors.state === "present") {
    const viable = p.viableTumors.value;
    viableCount = viable.length;
    if (viable.length === 0) {
      viableWithinMilan = true; // complete necrosis: no viable tumour to measure
      withinUcsf = true;
    } else {
      const vc = viableBurdenCase(c, viable);
      viableWithinMilan = within(milan(vc));
      withinUcsf = within(ucsf(vc));
    }
    if (viableWithinMilan === false) failed.push("viable tumour burden beyond Milan");
  }

  if (p.vascularInvasion.state === "absent") missing.push("postDownstaging.vascularInvasion");
  else if (p.vascularInvasion.state === "present" && p.vascularInvasion.value)
    failed.push("major vessel invasion");
  if (p.extrahepaticSpread.state === "absent") missing.push("postDownstaging.extrahepaticSpread");
  else if (p.extrahepaticSpread.state === "present" && p.extrahepaticSpread.value) {
    failed.push("nodal or extrahepatic spread");
  }
  const infiltrative = p.infiltrative.state === "present" ? p.infiltrative : c.infiltrative;
  if (infiltrative.state === "present" && infiltrative.value) failed.push("infiltrative growth pattern");
  else if (infiltrative.state !== "present") {
    assumptions.push(
      "infiltrative growth not reported (postDownstaging.infiltrative): not counted as failure",
    );
  }

  // AFP: decisive only after a pre-treatment AFP ≥ 1000 ng/mL.
  const pre = c.labs.afp.state === "present" ? c.labs.afp.value : undefined;
  const post = p.afp.state === "present" ? p.afp.value : undefined;
  if (c.labs.afp.state === "invalid") return invalid(DOWNSTAGING_OUTCOME_RULE, CITATION, c.labs.afp.errors);
  let afpText = "";
  if (post !== undefined && post.canonical <= DS_AFP_POST_MAX) {
    afpText = `post-treatment AFP ${formatQuantity(post)} (≤ ${DS_AFP_POST_MAX})`;
  } else if (pre !== undefined && pre.canonical < DS_AFP_BASELINE_HIGH) {
    afpText = `pre-treatment AFP ${formatQuantity(pre)} (< ${DS_AFP_BASELINE_HIGH}: AFP rule not applicable)`;
  } else if (pre !== undefined && post !== undefined) {
    failed.push(
      `AFP persistently > ${DS_AFP_POST_MAX} ng/mL after a pre-treatment AFP ≥ ${DS_AFP_BASELINE_HIGH} ng/mL`,
    );
    afpText = `AFP ${formatQuantity(pre)} → ${formatQuantity(post)}`;
  } else {
    if (post === undefined) missing.push("postDownstaging.afp");
    if (pre === undefined) missing.push("labs.afp");
  }

  if (failed.length === 0 && missing.length > 0) {
    return indeterminate(
      DOWNSTAGING_OUTCOME_RULE,
      CITATION,
      missing,
      "(successful downstaging: viable tumour within Milan, no vessel invasion, spread or persistent AFP > 500)",
    );
  }
  const successful = failed.length === 0;
  const noSpread =
    p.vascularInvasion.state === "present" &&
    !p.vascularInvasion.value &&
    p.extrahepaticSpread.state === "present" &&
    !p.extrahepaticSpread.value;
  const withinMilan = viableWithinMilan === null ? null : viableWithinMilan && noSpread;
  const ucsfIn = withinUcsf === null ? null : withinUcsf && noSpread;
  const resectionReview = viableCount === 1 && noSpread;
  const flag = withinMilan === true || ucsfIn === true || resectionReview;
  const conversionReason = flag
    ? [
        withinMilan ? "viable tumour now within Milan (transplant criteria)" : "",
        !withinMilan && ucsfIn ? "viable tumour within UCSF (extended transplant criteria)" : "",
        resectionReview
          ? "single viable nodule without vascular invasion or spread: re-evaluate for resection"
          : "",
      ]
        .filter(Boolean)
        .join("; ")
    : "not within transplant criteria after treatment";
  return {
    status: "ok",
    rule: DOWNSTAGING_OUTCOME_RULE,
    successful,
    failedCriteria: failed,
    minimumObservationMonths: DS_MIN_OBSERVATION_MONTHS,
    viableWithinMilan,
    conversion: { flag, withinMilan, withinUcsf: ucsfIn, resectionReview, reason: conversionReason },
    reason: successful
      ? `Successful downstaging: residual viable tumour within Milan, no vessel invasion or spread${afpText ? `; ${afpText}` : ""}. Observe ≥ ${DS_MIN_OBSERVATION_MONTHS} months of stability before transplant.`
      : `Downstaging not successful: ${failed.join("; ")}.${missing.length > 0 ? ` (Not given: ${missing.join(", ")}.)` : ""}`,
    citation: CITATION,
    ...(assumptions.length > 0 ? { assumptions } : {}),
  };
}
