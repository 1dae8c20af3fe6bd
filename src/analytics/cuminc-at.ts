/**
 * Cumulative incidence at given times, as `cmprsk::timepoints` (Fortran `tpoi`): the value
 * after every jump at or before t; null before 0 and beyond the last follow-up time. Kept apart
 * from the estimators so the web app can read curves without the matrix code.
 */
import type { CumincCurve } from "./cumulative-incidence.js";

export function cumincAt(
  curve: CumincCurve,
  times: readonly number[],
): { time: number; est: number | null; var: number | null }[] {
  const last = curve.time[curve.time.length - 1] as number;
  return times.map((t) => {
    if (t > last || t < (curve.time[0] as number)) return { time: t, est: null, var: null };
    let lo = 0;
    let hi = curve.time.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((curve.time[mid] as number) <= t) lo = mid;
      else hi = mid - 1;
    }
    return { time: t, est: curve.est[lo] as number, var: curve.var[lo] as number };
  });
}
