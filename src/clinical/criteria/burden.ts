/**
 * The tumour-burden summary every size-and-number rule reads (scores.md §6, staging-treatment.md
 * §1–3): nodule count (including `tumorCountTotal`), the measured diameters, the largest, the
 * sum, how many nodules are unmeasured, and the macrovascular/extrahepatic flags. Computed once
 * per parsed case and shared by Milan, UCSF, up-to-seven, six-and-twelve, BCLC, CNLC and AJCC.
 *
 * [DECISION] scores.md §6: every nodule received is counted (OPTN does not count nodules < 1 cm;
 * that filtering is the caller's responsibility).
 * [DECISION] Sums of diameters are rounded to 6 decimals (as every converted quantity,
 * scores.md §0.1) so that 5.0 + 2.0 is exactly 7 and 4.5 + 3.5 exactly 8.
 */
import type { ParsedCase } from "../case/types.js";
import type { Field, FieldError } from "../result.js";
import { round6 } from "../units/quantity.js";

export interface TumorBurden {
  /** Number of nodules: `tumorCountTotal` when given, else the listed nodules. */
  readonly count: number;
  /** Diameters (cm) of the measured nodules, largest first. */
  readonly measuredCm: readonly number[];
  /** Nodules counted but without a diameter (listed unmeasured, or beyond the list). */
  readonly unmeasured: number;
  /** Largest measured diameter; the true largest when `unmeasured` is 0, else a lower bound. */
  readonly largestKnownCm: number | undefined;
  /** Sum of the measured diameters (round6); a lower bound when `unmeasured` > 0. */
  readonly sumKnownCm: number;
  /** Whether the nodule list was given at all (a count alone gives no sizes). */
  readonly listed: boolean;
  /** The segmentation(s) the measured nodules came from, e.g. "segmentation 2026-11-02, series 1.2.3". */
  readonly measuredFrom?: string;
}

/** The burden as a field: absent when neither `tumors` nor `tumorCountTotal` is given. */
export type BurdenField = Field<TumorBurden>;

const cache = new WeakMap<ParsedCase, BurdenField>();

/** Sums diameters with the 6-decimal rounding of scores.md §0.1. */
export function sumCm(diameters: readonly number[]): number {
  return round6(diameters.reduce((a, b) => a + b, 0));
}

function compute(c: ParsedCase): BurdenField {
  const errors: FieldError[] = [];
  if (c.tumors.state === "invalid") errors.push(...c.tumors.errors);
  if (c.tumorCountTotal.state === "invalid") errors.push(...c.tumorCountTotal.errors);
  if (errors.length > 0) return { state: "invalid", errors };
  const list = c.tumors.state === "present" ? c.tumors.value : undefined;
  const total = c.tumorCountTotal.state === "present" ? c.tumorCountTotal.value : undefined;
  if (list === undefined && total === undefined) return { state: "absent" };
  const measuredCm = (list ?? [])
    .map((t) => t.diameterCm)
    .filter((d): d is number => d !== undefined)
    .sort((a, b) => b - a);
  const count = Math.max(total ?? 0, list?.length ?? 0);
  const from = [
    ...new Set(
      (list ?? []).flatMap((t) =>
        t.source
          ? [
              `segmentation${t.source.studyDate ? ` ${t.source.studyDate}` : ""}${t.source.seriesInstanceUid ? `, series ${t.source.seriesInstanceUid}` : ""}`,
            ]
          : [],
      ),
    ),
  ];
  return {
    state: "present",
    value: Object.freeze({
      count,
      measuredCm: Object.freeze(measuredCm),
      unmeasured: count - measuredCm.length,
      largestKnownCm: measuredCm[0],
      sumKnownCm: sumCm(measuredCm),
      listed: list !== undefined,
      ...(from.length > 0 ? { measuredFrom: from.join("; ") } : {}),
    }),
  };
}

/** The burden summary of a parsed case, computed once and cached per case object. */
export function tumorBurden(c: ParsedCase): BurdenField {
  let b = cache.get(c);
  if (!b) {
    b = compute(c);
    cache.set(c, b);
  }
  return b;
}

/**
 * The input path to report when sizes are needed but not all nodules are measured, e.g.
 * `tumors[].diameterCm (all 2 nodules)` (the reference's wording), or `tumors` when no list
 * was given.
 */
export function sizesMissingPath(b: TumorBurden | undefined): string {
  if (!b?.listed) return "tumors";
  return `tumors[].diameterCm (all ${b.count} nodule${b.count === 1 ? "" : "s"})`;
}

const descriptions = new WeakMap<TumorBurden, string>();

/**
 * "3 nodules (3, 3, 2 cm)" or "6 nodules (3 measured: 2, 1.5, 1 cm)", for reasons. Built once
 * per burden: every size-and-number criterion of a case describes the same one.
 */
export function describeBurden(b: TumorBurden): string {
  let text = descriptions.get(b);
  if (text === undefined) {
    text = describe(b);
    descriptions.set(b, text);
  }
  return text;
}

function describe(b: TumorBurden): string {
  const n = `${b.count} nodule${b.count === 1 ? "" : "s"}`;
  if (b.measuredCm.length === 0) return `${n} (none measured)`;
  const sizes = `${b.measuredCm.join(", ")} cm${b.measuredFrom ? `, from ${b.measuredFrom}` : ""}`;
  return b.unmeasured === 0 ? `${n} (${sizes})` : `${n} (${b.measuredCm.length} measured: ${sizes})`;
}

/** Whether the nodules are all measured. */
export function complete(b: TumorBurden): boolean {
  return b.unmeasured === 0;
}

/** Macrovascular invasion as the criteria read it: imaging-visible (Vp/Vv implies present). */
export function macrovascular(c: ParsedCase): Field<boolean> {
  return c.vascularInvasion.present;
}

/**
 * Largest diameter + number of nodules (up-to-seven, six-and-twelve). Exact when every nodule
 * is measured; otherwise a lower bound, strict because every unmeasured nodule has a
 * diameter > 0 (so 7 nodules with none measured exceed 7 whatever their sizes).
 */
export type LargestPlusCount =
  | { readonly exact: true; readonly value: number }
  | { readonly exact: false; readonly lowerBound: number; readonly strict: boolean };

export function largestPlusCount(b: TumorBurden): LargestPlusCount {
  if (b.unmeasured === 0 && b.largestKnownCm !== undefined) {
    return { exact: true, value: round6(b.largestKnownCm + b.count) };
  }
  return {
    exact: false,
    lowerBound: round6((b.largestKnownCm ?? 0) + b.count),
    strict: b.largestKnownCm === undefined,
  };
}

/** Whether a lower bound already exceeds a cut-off (`sum > cut`). */
export function exceeds(s: LargestPlusCount, cut: number): boolean {
  if (s.exact) return s.value > cut;
  return s.strict ? s.lowerBound >= cut : s.lowerBound > cut;
}
