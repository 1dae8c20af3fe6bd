/**
 * EASL response (Bruix J et al., Barcelona-2000 EASL conference, J Hepatol 2001;35:421–430): the
 * WHO bidimensional method applied to viable (arterially enhancing) tumour. Per target the
 * product of the longest viable diameter and the viable diameter perpendicular to it on the same
 * image; the sum of products over the targets (the mRECIST targets).
 * - CR: no viable target tumour (every product 0).
 * - PR: sum of products ≥ 50 % below the baseline.
 * - PD: sum of products ≥ 25 % above the nadir (WHO 1981: "an increase of 25 % or more"); any
 *   viable tumour over a nadir of 0.
 * - SD otherwise. Non-target and new-lesion verdicts are mRECIST's (new enhancing lesions are
 *   progression under both); the overall response follows the same table as RECIST 1.1 / mRECIST.
 * [CHOICE] WHO's PD reads on "one or more lesions"; EASL users apply it to the sum of products, as
 * here. Targets outside the liver (nodes, other organs) use longest × short axis (WHO).
 * Exact arithmetic: products in integer µm², PR is 2·sum ≤ baseline, PD 4·sum ≥ 5·nadir.
 * A target whose perpendicular is missing makes the target response "cannot determine" (NE)
 * at that scan; at baseline it makes EASL indeterminate, naming the missing input.
 */
import { cite } from "../evidence/index.js";
import { bestOverallResponse, type Progression, progression } from "./best-response.js";
import { type BaselineLesion, type Course, MICRONS_PER_MM, type Observation } from "./course.js";
import type { NonTargetResponse, OverallResponse, TargetResponse } from "./rules.js";
import { type CriterionCourse, overallResponse } from "./timepoint.js";

export const EASL_RULE = "response.easl";
export const EASL_PR_FRACTION = 0.5;
export const EASL_PD_FRACTION = 0.25;
const CITATION = cite("bruix2001Easl", "lencioni2010Mrecist");

export interface EaslTimePoint {
  /** Sum of the targets' bidimensional viable products (mm²); `null` when a target was not evaluated. */
  readonly sumOfProductsMm2: number | null;
  readonly nadirMm2: number;
  readonly pctFromBaseline: number | null;
  readonly pctFromNadir: number | null;
  readonly target: TargetResponse;
  readonly nonTarget: NonTargetResponse;
  readonly newLesions: boolean;
  readonly overall: OverallResponse;
  /** Targets whose product could not be formed at this scan, with the missing input. */
  readonly missing: readonly string[];
}

export type EaslCourse =
  | {
      readonly status: "ok";
      readonly rule: typeof EASL_RULE;
      readonly citation: string;
      readonly baseline: { readonly sumOfProductsMm2: number; readonly targets: readonly string[] };
      readonly timepoints: readonly EaslTimePoint[];
      readonly bestOverallResponse: OverallResponse;
      readonly progression: Progression;
    }
  | {
      readonly status: "indeterminate";
      readonly rule: typeof EASL_RULE;
      readonly citation: string;
      readonly missing: readonly string[];
    };

const UM2_PER_MM2 = MICRONS_PER_MM * MICRONS_PER_MM;

/** The bidimensional product (µm²) of one target, or the input that is missing. */
function product(lesion: BaselineLesion, o: Observation | undefined, path: string): number | string {
  if (!o || o.status === "not_evaluated") return `${path}.viableDiameterMm`;
  if (lesion.organ === "liver") {
    if (o.viable === null) return `${path}.viableDiameterMm`;
    if (o.viable === 0) return 0;
    if (o.viablePerpendicular === undefined || o.viablePerpendicular === null)
      return `${path}.viablePerpendicularMm`;
    return o.viable * o.viablePerpendicular;
  }
  if (o.longest === null) return `${path}.longestDiameterMm`;
  if (o.longest === 0) return 0;
  if (o.shortAxis === null) return `${path}.shortAxisMm`;
  return o.longest * o.shortAxis;
}

function pct(value: number, ref: number): number | null {
  return ref === 0 ? null : Math.round(((value - ref) / ref) * 10_000) / 100;
}

/** EASL over a parsed course; non-target and new-lesion verdicts come from the mRECIST course. */
export function easlCourse(course: Course, mrecist: CriterionCourse): EaslCourse {
  const targets = course.lesions.filter((l) => l.roles.mrecist === "target");
  const sumAt = (k: number): { sum: number | null; missing: string[] } => {
    const tp = course.timepoints[k];
    let sum = 0;
    const missing: string[] = [];
    for (const l of targets) {
      const p = product(l, tp?.observations.get(l.id), `timepoints.${k}.lesions[${l.id}]`);
      if (typeof p === "string") missing.push(p);
      else sum += p;
    }
    return { sum: missing.length > 0 ? null : sum, missing };
  };
  const base = sumAt(0);
  if (targets.length === 0 || base.sum === null) {
    return {
      status: "indeterminate",
      rule: EASL_RULE,
      citation: CITATION,
      missing: targets.length === 0 ? ["mRECIST target lesions"] : base.missing,
    };
  }
  const baseline = base.sum;
  let nadir = baseline;
  const timepoints = mrecist.timepoints.map((m, i): EaslTimePoint => {
    const { sum, missing } = sumAt(i + 1);
    let target: TargetResponse;
    if (sum === null) target = "NE";
    else if (sum === 0) target = "CR";
    else if (nadir === 0 || 4 * sum >= 5 * nadir) target = "PD";
    else if (2 * sum <= baseline) target = "PR";
    else target = "SD";
    const result: EaslTimePoint = {
      sumOfProductsMm2: sum === null ? null : sum / UM2_PER_MM2,
      nadirMm2: nadir / UM2_PER_MM2,
      pctFromBaseline: sum === null ? null : pct(sum, baseline),
      pctFromNadir: sum === null ? null : pct(sum, nadir),
      target,
      nonTarget: m.nonTarget,
      newLesions: m.newLesions,
      overall: overallResponse(target, m.nonTarget, m.newLesions),
      missing,
    };
    if (sum !== null && sum < nadir) nadir = sum;
    return result;
  });
  const asCourse = { baseline: { targets: targets.map((t) => t.id) }, timepoints };
  return {
    status: "ok",
    rule: EASL_RULE,
    citation: CITATION,
    baseline: { sumOfProductsMm2: baseline / UM2_PER_MM2, targets: targets.map((t) => t.id) },
    timepoints,
    bestOverallResponse: bestOverallResponse(course, asCourse),
    progression: progression(course, asCourse),
  };
}
