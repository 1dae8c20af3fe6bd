/**
 * The shape shared by the size-and-number transplant criteria that also exclude macrovascular
 * invasion and extrahepatic spread (Milan, UCSF; scores.md §6.1–6.2).
 *
 * [DECISION] When more nodules exist than are measured (`tumorCountTotal`), a criterion is
 * decided from the known facts when they already decide it (e.g. 4 nodules → beyond Milan
 * whatever their size; a known macrovascular invasion → beyond); otherwise it is indeterminate
 * naming the unmeasured diameters.
 * [DECISION] An invalid input the criterion reads makes it invalid even when other facts would
 * decide it: an invalid value is never silently bypassed.
 */
import type { ParsedCase } from "../case/types.js";
import { type FieldError, indeterminate, invalid, type RuleResult } from "../result.js";
import { describeBurden, macrovascular, sizesMissingPath, type TumorBurden, tumorBurden } from "./burden.js";

/** The values every transplant criterion reports. */
export interface TransplantCriterionValues {
  readonly within: boolean;
  /** Number of nodules; `null` when the tumours are not given (decided by MVI/EHS alone). */
  readonly tumorCount: number | null;
  /** Largest diameter (cm); `null` when some nodules are unmeasured. */
  readonly largestCm: number | null;
  readonly unmeasuredNodules: number;
}

/** A size-and-number verdict: within, beyond (with why), or undecided by the known sizes. */
export type SizeVerdict =
  | { readonly within: true; readonly why: string }
  | { readonly within: false; readonly why: string }
  | { readonly within: undefined };

export interface CriterionSpec<Extra extends object> {
  readonly rule: string;
  readonly name: string;
  readonly citation: string;
  /** The criterion's size-and-number test on the (possibly incomplete) burden. */
  readonly size: (b: TumorBurden) => SizeVerdict;
  /** Extra values (e.g. UCSF's total diameter); `undefined` burden when tumours are not given. */
  readonly extra: (b: TumorBurden | undefined) => Extra;
  /** The rule in words, for reasons. */
  readonly definition: string;
}

/** Missing-input names used by Milan and UCSF (exact strings of the reference vectors). */
export const MISSING = {
  tumors: "tumors",
  macrovascularInvasion: "macrovascularInvasion",
  extrahepaticSpread: "extrahepaticSpread",
} as const;

export function evaluateCriterion<Extra extends object>(
  c: ParsedCase,
  spec: CriterionSpec<Extra>,
): RuleResult<TransplantCriterionValues & Extra> {
  const burden = tumorBurden(c);
  const mvi = macrovascular(c);
  const ehs = c.extrahepaticSpread;
  const errors: FieldError[] = [];
  for (const f of [burden, mvi, ehs]) if (f.state === "invalid") errors.push(...f.errors);
  if (errors.length > 0) return invalid(spec.rule, spec.citation, errors);

  const b = burden.state === "present" ? burden.value : undefined;
  const size: SizeVerdict = b ? spec.size(b) : { within: undefined };
  const mviKnown = mvi.state === "present" ? mvi.value : undefined;
  const ehsKnown = ehs.state === "present" ? ehs.value : undefined;

  const beyond: string[] = [];
  if (size.within === false) beyond.push(size.why);
  if (mviKnown === true) beyond.push("macrovascular invasion present");
  if (ehsKnown === true) beyond.push("extrahepatic spread present");

  if (beyond.length === 0) {
    const missing: string[] = [];
    if (size.within === undefined) missing.push(b?.listed ? sizesMissingPath(b) : MISSING.tumors);
    if (mviKnown === undefined) missing.push(MISSING.macrovascularInvasion);
    if (ehsKnown === undefined) missing.push(MISSING.extrahepaticSpread);
    if (missing.length > 0) return indeterminate(spec.rule, spec.citation, missing, `(${spec.definition})`);
  }
  // Either a beyond-fact is known, or every input is known and within.
  const burdenValue = b;
  const within = beyond.length === 0;
  const inputs = burdenValue ? describeBurden(burdenValue) : "tumours not listed";
  const why = within
    ? `${size.within === true ? size.why : ""}; no macrovascular invasion; no extrahepatic spread`
    : beyond.join("; ");
  const base = {
    within,
    tumorCount: burdenValue?.count ?? null,
    largestCm:
      burdenValue && burdenValue.unmeasured === 0 && burdenValue.largestKnownCm !== undefined
        ? burdenValue.largestKnownCm
        : null,
    unmeasuredNodules: burdenValue?.unmeasured ?? 0,
  };
  return {
    status: "ok",
    rule: spec.rule,
    ...base,
    ...spec.extra(burdenValue),
    reason: `${within ? "Within" : "Beyond"} ${spec.name}: ${inputs} — ${why} (${spec.definition}).`,
    citation: spec.citation,
  } as RuleResult<TransplantCriterionValues & Extra>;
}
