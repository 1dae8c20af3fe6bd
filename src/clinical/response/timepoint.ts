/**
 * The time-point engine shared by RECIST 1.1 and mRECIST (response-followup.md §9.2): sums,
 * nadir, target / non-target / new-lesion response and the overall response of RECIST 1.1
 * Table 1 (patients with targets) or Table 2 (non-target disease only).
 *
 * Exact arithmetic: diameters are integer micrometres, so PR is `10·sum ≤ 7·baseline` and PD
 * is `10·sum ≥ 12·nadir` with `sum − nadir ≥ absolute`, all in integers (no float at −30 %/+20 %).
 */
import { type Course, type NewLesionRecord, toMm } from "./course.js";
import type { CriterionRules, NonTargetResponse, OverallResponse, TargetResponse } from "./rules.js";

export interface BaselineSummary {
  readonly sumMm: number;
  readonly targets: readonly string[];
  readonly nonTargets: readonly string[];
}

export interface TimePointResult {
  readonly sumMm: number | null;
  /** Sum of the targets that were measured, when some were not. */
  readonly partialSumMm?: number;
  readonly nadirMm: number;
  readonly pctFromBaseline: number | null;
  readonly pctFromNadir: number | null;
  readonly target: TargetResponse;
  readonly nonTarget: NonTargetResponse;
  readonly newLesions: boolean;
  readonly newLesionIds: readonly string[];
  readonly overall: OverallResponse;
  readonly allTargetsEvaluated: boolean;
}

export interface CriterionCourse {
  readonly baseline: BaselineSummary;
  /** One per follow-up scan (baseline excluded). */
  readonly timepoints: readonly TimePointResult[];
}

/** Percentage change, 2 decimals for display; `null` when the reference is 0. */
function pct(value: number, ref: number): number | null {
  if (ref === 0) return null;
  return Math.round(((value - ref) / ref) * 10_000) / 100;
}

/** PD by sum (§9.2): ≥ +20 % over the nadir (any sum > 0 over a 0 nadir) and ≥ the absolute rise. */
export function meetsPd(sumUm: number, nadirUm: number, absoluteUm: number): boolean {
  const relative = nadirUm === 0 ? sumUm > 0 : 10 * sumUm >= 12 * nadirUm;
  return relative && sumUm - nadirUm >= absoluteUm;
}

/** PR by sum (§9.2): ≤ 70 % of the baseline sum. */
export function meetsPr(sumUm: number, baselineUm: number): boolean {
  return 10 * sumUm <= 7 * baselineUm;
}

/** RECIST 1.1 Table 1 / Table 2 (§2.5), used for both criteria (§1.6 CHOICE). */
export function overallResponse(
  target: TargetResponse,
  nonTarget: NonTargetResponse,
  anyNew: boolean,
): OverallResponse {
  if (target === "PD" || nonTarget === "PD" || anyNew) return "PD";
  if (target === "NONE") {
    if (nonTarget === "CR") return "CR";
    if (nonTarget === "NE") return "NE";
    return "NON_CR_NON_PD";
  }
  if (target === "CR") return nonTarget === "CR" || nonTarget === "NONE" ? "CR" : "PR";
  return target;
}

/**
 * For each tracked new lesion, the scan indices at which it counts under `rules`: from its first
 * qualifying-size record onward, once any record confirms it (retrospective dating, §1.5/§2.4).
 */
function newLesionCounts(course: Course, rules: CriterionRules): Map<number, string[]> {
  const history = new Map<string, { index: number; record: NewLesionRecord }[]>();
  course.timepoints.forEach((tp, i) => {
    for (const r of tp.newLesions) history.set(r.id, [...(history.get(r.id) ?? []), { index: i, record: r }]);
  });
  const counts = new Map<number, string[]>();
  for (const [id, records] of history) {
    let anchor: number | undefined;
    let confirmed = false;
    records.forEach(({ index, record }, k) => {
      const v = rules.newLesion(
        record,
        records.slice(0, k).map((h) => h.record),
      );
      if (v.qualifyingSize && anchor === undefined) anchor = index;
      if (v.confirms) confirmed = true;
    });
    if (!confirmed || anchor === undefined) continue;
    for (const { index } of records) {
      if (index >= anchor) counts.set(index, [...(counts.get(index) ?? []), id]);
    }
  }
  return counts;
}

export function evaluateCriterion(course: Course, rules: CriterionRules): CriterionCourse {
  const crit = rules.criterion;
  const targets = course.lesions.filter((l) => l.roles[crit] === "target");
  const nonTargets = course.lesions.filter((l) => l.roles[crit] !== "target");
  const [base, ...followUps] = course.timepoints;
  if (!base) throw new Error("a parsed course has a baseline");
  let baselineUm = 0;
  for (const t of targets) {
    const o = base.observations.get(t.id);
    baselineUm += (o && rules.measure(t, o)) ?? 0;
  }
  const absolute = rules.pdAbsoluteUm(course.options);
  const newCounts = newLesionCounts(course, rules);
  const results: TimePointResult[] = [];
  let nadirUm = baselineUm;
  /** Overall response at the previous evaluable (non-NE) scan; baseline counts as none. */
  let previousOverall: OverallResponse | undefined;

  followUps.forEach((tp, k) => {
    const index = k + 1;
    const afterCr = previousOverall === "CR";
    // Targets.
    let measuredUm = 0;
    let allEvaluated = true;
    let allCr = true;
    for (const t of targets) {
      const o = tp.observations.get(t.id);
      const m = o ? rules.measure(t, o) : null;
      if (m === null) {
        allEvaluated = false;
        continue;
      }
      measuredUm += m;
      const isNodeTarget = t.organ === "lymph_node" || t.organ === "node";
      if (isNodeTarget ? m >= 10_000 : m !== 0) allCr = false;
    }
    let target: TargetResponse;
    if (targets.length === 0) target = "NONE";
    else if (!allEvaluated) target = meetsPd(measuredUm, nadirUm, absolute) ? "PD" : "NE";
    else if (allCr) target = "CR";
    else if (afterCr)
      target = "PD"; // reappearance after an overall CR (EORTC FAQ)
    else if (meetsPd(measuredUm, nadirUm, absolute)) target = "PD";
    else if (meetsPr(measuredUm, baselineUm)) target = "PR";
    else target = "SD";

    // Non-targets.
    let nonTarget: NonTargetResponse;
    if (nonTargets.length === 0) nonTarget = "NONE";
    else {
      let pd = false;
      let ne = false;
      let allResolved = true;
      for (const l of nonTargets) {
        const o = tp.observations.get(l.id);
        if (!o || o.status === undefined || o.status === "not_evaluated") {
          ne = true;
          allResolved = false;
          continue;
        }
        const effusion = ["ascites", "pleural_effusion", "pericardial_effusion", "effusion"].includes(
          l.organ,
        );
        if (o.status === "progression" && (!effusion || o.cytologyMalignant === true)) pd = true;
        const resolved = rules.resolved(l, o);
        if (!resolved) {
          allResolved = false;
          if (afterCr) pd = true; // unresolved right after an overall CR
        }
      }
      nonTarget = pd ? "PD" : ne ? "NE" : allResolved ? "CR" : "NON_CR_NON_PD";
    }

    const newLesionIds = newCounts.get(index) ?? [];
    const overall = overallResponse(target, nonTarget, newLesionIds.length > 0);
    const sumUm = allEvaluated ? measuredUm : null;
    results.push({
      sumMm: sumUm === null ? null : toMm(sumUm),
      ...(allEvaluated ? {} : { partialSumMm: toMm(measuredUm) }),
      nadirMm: toMm(nadirUm),
      pctFromBaseline: sumUm === null ? null : pct(sumUm, baselineUm),
      pctFromNadir: sumUm === null ? null : pct(sumUm, nadirUm),
      target,
      nonTarget,
      newLesions: newLesionIds.length > 0,
      newLesionIds,
      overall,
      allTargetsEvaluated: allEvaluated,
    });
    if (sumUm !== null && sumUm < nadirUm) nadirUm = sumUm;
    if (overall !== "NE") previousOverall = overall;
  });
  return {
    baseline: {
      sumMm: toMm(baselineUm),
      targets: targets.map((t) => t.id),
      nonTargets: nonTargets.map((t) => t.id),
    },
    timepoints: results,
  };
}
