/**
 * Best overall response and first progression (response-followup.md §1.6, §4.2, §9.2).
 *
 * - Only scans up to and including the first PD count.
 * - With confirmation: CR needs a later CR at least `confirmationMinDays` later with only CR or
 *   NE scans in between; PR (or an unconfirmed CR) needs a later CR or PR likewise, with only
 *   CR, PR or NE in between.
 * - Without confirmation: the best of CR, then PR.
 * - Otherwise SD (NON_CR_NON_PD for non-target-only disease) if an SD-like scan (SD, non-CR/
 *   non-PD, or an unconfirmed CR/PR) lies at least `sdMinDays` after the treatment start.
 * - Otherwise PD if progression occurred, else NE.
 */
import type { Course } from "./course.js";
import type { OverallResponse } from "./rules.js";

/** What best response and progression read of a criterion's course (RECIST 1.1, mRECIST, EASL). */
export interface OverallCourse {
  readonly baseline: { readonly targets: readonly string[] };
  readonly timepoints: readonly { readonly overall: OverallResponse }[];
}

export interface Progression {
  readonly firstPdDate: string | null;
  readonly daysFromTreatmentStart: number | null;
}

export function progression(course: Course, result: OverallCourse): Progression {
  const i = result.timepoints.findIndex((t) => t.overall === "PD");
  const tp = i < 0 ? undefined : course.timepoints[i + 1];
  if (!tp) return { firstPdDate: null, daysFromTreatmentStart: null };
  return { firstPdDate: tp.date, daysFromTreatmentStart: tp.day - course.treatmentStartDay };
}

function confirmed(
  scans: readonly { overall: OverallResponse; day: number }[],
  i: number,
  confirmers: readonly OverallResponse[],
  between: readonly OverallResponse[],
  minDays: number,
): boolean {
  const first = scans[i];
  if (!first) return false;
  for (let j = i + 1; j < scans.length; j++) {
    const s = scans[j] as { overall: OverallResponse; day: number };
    if (confirmers.includes(s.overall) && s.day - first.day >= minDays) return true;
    if (!between.includes(s.overall)) return false;
  }
  return false;
}

export function bestOverallResponse(course: Course, result: OverallCourse): OverallResponse {
  const { options } = course;
  const all = result.timepoints.map((t, k) => ({
    overall: t.overall,
    day: (course.timepoints[k + 1] as { day: number }).day,
  }));
  const pdAt = all.findIndex((s) => s.overall === "PD");
  const scans = pdAt < 0 ? all : all.slice(0, pdAt + 1);
  const hasTargets = result.baseline.targets.length > 0;

  if (options.confirmationRequired) {
    const min = options.confirmationMinDays;
    if (scans.some((s, i) => s.overall === "CR" && confirmed(scans, i, ["CR"], ["CR", "NE"], min)))
      return "CR";
    if (
      hasTargets &&
      scans.some(
        (s, i) =>
          (s.overall === "PR" || s.overall === "CR") &&
          confirmed(scans, i, ["CR", "PR"], ["CR", "PR", "NE"], min),
      )
    ) {
      return "PR";
    }
  } else {
    if (scans.some((s) => s.overall === "CR")) return "CR";
    if (scans.some((s) => s.overall === "PR")) return "PR";
  }
  const sdLike = new Set<OverallResponse>(["SD", "NON_CR_NON_PD", "PR", "CR"]);
  if (scans.some((s) => sdLike.has(s.overall) && s.day - course.treatmentStartDay >= options.sdMinDays)) {
    return hasTargets ? "SD" : "NON_CR_NON_PD";
  }
  return pdAt >= 0 ? "PD" : "NE";
}
