/**
 * The response course (response-followup.md §9) that stored imaging time points and procedures
 * make: one reading, used by the registry (registry-cohort.ts) and by the patient page.
 */

const day = (s: string): string => s.slice(0, 10);

export interface LesionMeasurement {
  readonly lesionLabel: string;
  readonly role: string;
  readonly organ: string | null;
  readonly longestDiameterMm: number | null;
  readonly viableDiameterMm: number | null;
  readonly shortAxisMm: number | null;
}

export interface ImagingPoint {
  readonly studyDate: string;
  readonly modality: string | null;
  readonly measurements: readonly LesionMeasurement[];
}

const COURSE_ROLE: Readonly<Record<string, "target" | "non_target">> = {
  target: "target",
  "non-target": "non_target",
};

/**
 * The response course (response-followup.md §9) of the imaging time points, oldest first (the
 * first is the baseline), with the procedures since the baseline as treatments.
 */
export function courseOf(
  imaging: readonly ImagingPoint[],
  procedures: readonly { readonly modality: string; readonly performedOn: string }[],
): Record<string, unknown> | null {
  const points = [...imaging].sort((a, b) => (day(a.studyDate) < day(b.studyDate) ? -1 : 1));
  const first = points[0];
  if (!first) return null;
  const baseline = day(first.studyDate);
  const size = (m: LesionMeasurement) => ({
    longestDiameterMm: m.longestDiameterMm,
    viableDiameterMm: m.viableDiameterMm,
    ...(m.shortAxisMm !== null ? { shortAxisMm: m.shortAxisMm } : {}),
  });
  const timepoints = points.map((p) => ({
    date: day(p.studyDate),
    ...(p.modality ? { modality: p.modality } : {}),
    lesions: p.measurements
      .filter((m) => COURSE_ROLE[m.role])
      .map((m) => ({
        id: m.lesionLabel,
        organ: m.organ ?? "liver",
        role: COURSE_ROLE[m.role],
        ...size(m),
        ...(m.role === "non-target" ? { status: "present" } : {}),
      })),
    newLesions: p.measurements
      .filter((m) => m.role === "new")
      .map((m) => ({ id: m.lesionLabel, organ: m.organ ?? "liver", ...size(m) })),
  }));
  const treatments = procedures
    .map((p) => ({ date: day(p.performedOn), modality: p.modality }))
    .filter((t) => t.date >= baseline)
    .sort((a, b) => (a.date < b.date ? -1 : 1));
  const start = treatments[0]?.date;
  const firstFollowUp = timepoints[1]?.date;
  return {
    timepoints,
    treatments,
    ...(start && (!firstFollowUp || start <= firstFollowUp) ? { treatmentStart: start } : {}),
  };
}
