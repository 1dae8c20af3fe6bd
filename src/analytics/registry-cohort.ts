/**
 * Registry cohorts: per patient, the follow-up a survival analysis needs — the index treatment,
 * death, first progression by RECIST 1.1 or mRECIST (from the response module, on the course the
 * patient's imaging time points make), the last contact — then overall survival (OS),
 * progression-free survival (PFS) and time to progression (TTP), cohort selection and the
 * analysis (KM per group, log-rank, Cox) by {@link survivalReport}. Pure: the caller loads the
 * data (src/server/api/registry.ts) and decides on de-identification.
 *
 * Definitions (Llovet JM et al. Design and endpoints of clinical trials in HCC. J Natl Cancer
 * Inst 2008;100:698, §"End points"):
 * - time origin: the date of the first treatment (procedure or systemic therapy);
 * - OS: death from any cause; otherwise censored at the last follow-up;
 * - PFS: progression or death, whichever comes first; otherwise censored at the last follow-up;
 * - TTP: progression; death without progression is censored at the date of death, otherwise
 *   at the last follow-up.
 * The last follow-up is the latest dated record of the patient (lab, scan, procedure, therapy,
 * outcome). Departure: trial guidance censors PFS/TTP at the last adequate tumour assessment;
 * this registry censors every end point at the last follow-up, as issue 7 §4 asks.
 * Progression is the first PD of the chosen criterion after the origin; stored `progression`
 * outcome records are not used (they are not tied to a criterion).
 */
import { assessCourse } from "../clinical/response/assess-course.js";
import type { Criterion } from "../clinical/response/course.js";
import type { OverallResponse } from "../clinical/response/rules.js";
import { type TreatmentLine, treatmentLines, UNCODED_REGIMEN } from "../clinical/therapy/lines.js";
import { competingRisksReport } from "./competing-report.js";
import { courseOf, type ImagingPoint } from "./course-of.js";
import { type KmCurve, kaplanMeier, type MedianSurvival } from "./kaplan-meier.js";
import type { LogRankResult } from "./log-rank.js";
import { type CoxSection, type SurvivalReport, survivalReport, type Variable } from "./report.js";

export const ENDPOINTS = ["os", "pfs", "ttp"] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

export const GROUP_BY = [
  "none",
  "bclcStage",
  "cnlcStage",
  "modality",
  "lastResponse",
  "sex",
  "year",
  "treatmentLine",
  "combination",
] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** Covariates the Cox model may be adjusted for (besides the group). */
export const COVARIATES = ["age", "sex", "bclcStage", "cnlcStage", "modality"] as const;
export type Covariate = (typeof COVARIATES)[number];

export const TIME_UNITS = ["months", "days", "weeks", "years"] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/** Days per unit: a month is a Julian year / 12, as survival papers usually convert. */
export const DAYS_PER: Readonly<Record<TimeUnit, number>> = {
  days: 1,
  weeks: 7,
  months: 365.25 / 12,
  years: 365.25,
};

/** What is stored about one patient, as plain data. Dates are YYYY-MM-DD (longer is cut). */
export interface PatientHistory {
  readonly id: string;
  readonly sex: string | null;
  readonly birthDate: string | null;
  readonly procedures: readonly { readonly modality: string; readonly performedOn: string }[];
  readonly systemicTherapies: readonly {
    readonly startedOn: string;
    readonly stoppedOn: string | null;
    /** Therapy-catalogue regimen code; null for an uncoded (free-text) agent. */
    readonly regimen: string | null;
  }[];
  /** Graded adverse events: CTCAE v5 for systemic therapy, CIRSE for procedures. */
  readonly adverseEvents: readonly { readonly scale: "ctcae" | "cirse"; readonly grade: number }[];
  readonly imaging: readonly ImagingPoint[];
  readonly outcomes: readonly { readonly kind: string; readonly occurredOn: string }[];
  /** Latest observation date (labs and findings), if any. */
  readonly lastObservation: string | null;
}

/** Stages by the assessment derivation (src/server/api/derive-case.ts + staging); null if indeterminate. */
export interface Stages {
  readonly bclcStage: string | null;
  readonly cnlcStage: string | null;
}

/** The per-patient facts survival is computed from. Criterion-independent, so it can be cached. */
export interface FollowUp {
  readonly patientId: string;
  readonly sex: string | null;
  /** Whole years at the first treatment; null without birth date or treatment. */
  readonly ageAtStart: number | null;
  /** Stages at the first treatment (the cohort's baseline). */
  readonly stages: Stages;
  readonly firstTreatment: { readonly date: string; readonly modality: string } | null;
  readonly lastModality: string | null;
  readonly death: string | null;
  /** First liver transplant and first resection on record (stored outcome records). */
  readonly transplant: string | null;
  readonly resection: string | null;
  readonly progression: Readonly<Record<Criterion, string | null>>;
  /** Overall response at the latest follow-up scan per criterion; null without one. */
  readonly lastResponse: Readonly<Record<Criterion, OverallResponse | null>>;
  readonly lastFollowUp: string | null;
  /** The first treatment line (src/clinical/therapy/lines.ts): its code and kind. */
  readonly firstLine: { readonly code: string; readonly kind: TreatmentLine["kind"] } | null;
  /** Worst adverse-event grade per scale; null when none is recorded. */
  readonly worstGrade: { readonly ctcae: number | null; readonly cirse: number | null };
}

const day = (s: string): string => s.slice(0, 10);
const maxDate = (xs: readonly (string | null | undefined)[]): string | null =>
  xs.reduce<string | null>((m, x) => (x && (m === null || day(x) > m) ? day(x) : m), null);

/** Days between two YYYY-MM-DD dates. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${day(to)}T00:00:00Z`) - Date.parse(`${day(from)}T00:00:00Z`)) / 86_400_000);
}

function ageAt(birthDate: string | null, at: string | null): number | null {
  if (!birthDate || !at) return null;
  const b = day(birthDate);
  let age = Number(at.slice(0, 4)) - Number(b.slice(0, 4));
  if (at.slice(5) < b.slice(5)) age -= 1;
  return age;
}

/** The follow-up facts of one patient. `stages` are those at the first treatment. */
export function followUpOf(history: PatientHistory, stages: Stages): FollowUp {
  const treatments = [
    ...history.procedures.map((p) => ({ date: day(p.performedOn), modality: p.modality })),
    ...history.systemicTherapies.map((s) => ({ date: day(s.startedOn), modality: "systemic" })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const firstTreatment = treatments[0] ?? null;
  const firstOf = (kind: string): string | null =>
    history.outcomes
      .filter((o) => o.kind === kind)
      .map((o) => day(o.occurredOn))
      .sort()[0] ?? null;
  const death = firstOf("death");
  const progression: Record<Criterion, string | null> = { recist11: null, mrecist: null };
  const lastResponse: Record<Criterion, OverallResponse | null> = { recist11: null, mrecist: null };
  const course = courseOf(history.imaging, history.procedures);
  const assessed = course ? assessCourse(course) : null;
  if (assessed?.status === "ok") {
    for (const c of ["recist11", "mrecist"] as const) {
      // The first PD after the origin (a PD before any treatment is not a treatment failure).
      const pd = assessed.timepoints.find(
        (tp) => tp[c].overall === "PD" && (!firstTreatment || tp.date > firstTreatment.date),
      );
      progression[c] = pd ? pd.date : null;
      lastResponse[c] = assessed.timepoints.at(-1)?.[c].overall ?? null;
    }
  }
  const lastFollowUp = maxDate([
    history.lastObservation,
    ...history.imaging.map((i) => i.studyDate),
    ...history.procedures.map((p) => p.performedOn),
    ...history.systemicTherapies.flatMap((s) => [s.startedOn, s.stoppedOn]),
    ...history.outcomes.map((o) => o.occurredOn),
  ]);
  const line = treatmentLines(
    history.procedures.map((p) => ({ modality: p.modality, on: p.performedOn })),
    history.systemicTherapies.map((s) => ({
      regimen: s.regimen ?? UNCODED_REGIMEN,
      start: s.startedOn,
      stop: s.stoppedOn,
    })),
  )[0];
  const worst = (scale: "ctcae" | "cirse") =>
    history.adverseEvents.reduce<number | null>(
      (m, e) => (e.scale === scale && (m === null || e.grade > m) ? e.grade : m),
      null,
    );
  return {
    patientId: history.id,
    sex: history.sex,
    ageAtStart: ageAt(history.birthDate, firstTreatment?.date ?? null),
    stages,
    firstTreatment,
    lastModality: treatments.at(-1)?.modality ?? null,
    death: death ?? null,
    transplant: firstOf("transplant"),
    resection: firstOf("resection"),
    progression,
    lastResponse,
    lastFollowUp,
    firstLine: line ? { code: line.code, kind: line.kind } : null,
    worstGrade: { ctcae: worst("ctcae"), cirse: worst("cirse") },
  };
}

/** Shifts every date of a follow-up by `days` (researchers' de-identified view; intervals are kept). */
export function shiftFollowUp(f: FollowUp, days: number, shift: (d: string, n: number) => string): FollowUp {
  if (days === 0) return f;
  const s = (d: string | null) => (d === null ? null : shift(d, days));
  return {
    ...f,
    ageAtStart: f.ageAtStart !== null && f.ageAtStart > 89 ? 90 : f.ageAtStart,
    firstTreatment: f.firstTreatment
      ? { ...f.firstTreatment, date: shift(f.firstTreatment.date, days) }
      : null,
    death: s(f.death),
    transplant: s(f.transplant),
    resection: s(f.resection),
    progression: { recist11: s(f.progression.recist11), mrecist: s(f.progression.mrecist) },
    lastFollowUp: s(f.lastFollowUp),
  };
}

export type SurvivalTime =
  | {
      readonly status: "ok";
      readonly origin: string;
      readonly end: string;
      readonly days: number;
      readonly event: 0 | 1;
      /** What ended follow-up: death, progression, or censoring (last follow-up, or death for TTP). */
      readonly endReason: "death" | "progression" | "last-follow-up" | "death-censored";
    }
  | { readonly status: "excluded"; readonly reason: "no-treatment" | "no-follow-up" | "event-before-origin" };

/** The time and status of one patient for an end point and criterion. */
export function survivalTime(f: FollowUp, endpoint: Endpoint, criterion: Criterion): SurvivalTime {
  if (!f.firstTreatment) return { status: "excluded", reason: "no-treatment" };
  const origin = f.firstTreatment.date;
  const last = maxDate([f.lastFollowUp, f.death]);
  if (last === null) return { status: "excluded", reason: "no-follow-up" };
  const pd = f.progression[criterion];
  let end: string;
  let event: 0 | 1;
  let endReason: "death" | "progression" | "last-follow-up" | "death-censored";
  if (endpoint === "os") {
    [end, event, endReason] = f.death ? [f.death, 1, "death"] : [last, 0, "last-follow-up"];
  } else if (endpoint === "pfs") {
    if (pd && (!f.death || pd <= f.death)) [end, event, endReason] = [pd, 1, "progression"];
    else if (f.death) [end, event, endReason] = [f.death, 1, "death"];
    else [end, event, endReason] = [last, 0, "last-follow-up"];
  } else if (pd && (!f.death || pd <= f.death)) {
    [end, event, endReason] = [pd, 1, "progression"];
  } else if (f.death) {
    [end, event, endReason] = [f.death, 0, "death-censored"];
  } else {
    [end, event, endReason] = [last, 0, "last-follow-up"];
  }
  const days = daysBetween(origin, end);
  if (days < 0) return { status: "excluded", reason: "event-before-origin" };
  return { status: "ok", origin, end, days, event, endReason };
}

/**
 * Competing end points after the first treatment, in this order of codes (1, 2, 3): death,
 * liver transplant, resection (conversion). The first of them ends follow-up; a patient with
 * none is censored at the last follow-up (lost to follow-up or alive). Events dated before the
 * first treatment are not outcomes of it and are ignored. Kalbfleisch & Prentice 1980 §7.2; for
 * HCC after TACE, transplant and resection compete with death (a KM "1 − survival" of one of
 * them overstates it).
 */
export const COMPETING_EVENTS = ["death", "transplant", "resection"] as const;
export type CompetingEvent = (typeof COMPETING_EVENTS)[number];

export function competingTime(
  f: FollowUp,
): { readonly days: number; readonly event: CompetingEvent | null } | null {
  if (!f.firstTreatment) return null;
  const origin = f.firstTreatment.date;
  const last = maxDate([f.lastFollowUp, f.death, f.transplant, f.resection]);
  if (last === null) return null;
  let first: { date: string; event: CompetingEvent } | null = null;
  for (const event of COMPETING_EVENTS) {
    const date = f[event];
    if (date !== null && date >= origin && (first === null || date < first.date)) first = { date, event };
  }
  const days = daysBetween(origin, first ? first.date : last);
  return days < 0 ? null : { days, event: first ? first.event : null };
}

export interface CohortFilters {
  readonly bclcStage?: readonly string[];
  readonly cnlcStage?: readonly string[];
  /** Modality of the first treatment. */
  readonly modality?: readonly string[];
  /** First treatment on or after this date (YYYY-MM-DD). */
  readonly from?: string;
  /** First treatment on or before this date. */
  readonly to?: string;
  /** Last overall response under the analysis criterion (CR, PR, SD, PD, NE, NON_CR_NON_PD, or "none"). */
  readonly lastResponse?: readonly string[];
}

const NONE = "none";
const orNone = (v: string | null): string => v ?? NONE;

/** Whether a patient belongs to the cohort. A missing value matches the filter value "none". */
export function inCohort(f: FollowUp, filters: CohortFilters, criterion: Criterion): boolean {
  const match = (wanted: readonly string[] | undefined, v: string | null) =>
    !wanted || wanted.length === 0 || wanted.includes(orNone(v));
  const start = f.firstTreatment?.date ?? null;
  if (filters.from && (!start || start < filters.from)) return false;
  if (filters.to && (!start || start > filters.to)) return false;
  return (
    match(filters.bclcStage, f.stages.bclcStage) &&
    match(filters.cnlcStage, f.stages.cnlcStage) &&
    match(filters.modality, f.firstTreatment?.modality ?? null) &&
    match(filters.lastResponse, f.lastResponse[criterion])
  );
}

/** The value a patient is grouped by; null leaves the patient out of the comparison. */
export function groupOf(f: FollowUp, groupBy: GroupBy, criterion: Criterion): string | null {
  switch (groupBy) {
    case "none":
      return "all";
    case "bclcStage":
      return f.stages.bclcStage;
    case "cnlcStage":
      return f.stages.cnlcStage;
    case "modality":
      return f.firstTreatment?.modality ?? null;
    case "lastResponse":
      return f.lastResponse[criterion];
    case "sex":
      return f.sex === "male" || f.sex === "female" ? f.sex : null;
    case "year":
      return f.firstTreatment ? f.firstTreatment.date.slice(0, 4) : null;
    case "treatmentLine":
      return f.firstLine?.code ?? null;
    case "combination":
      return f.firstLine?.kind ?? null;
  }
}

export interface CohortRequest {
  readonly endpoint: Endpoint;
  readonly criterion: Criterion;
  readonly groupBy: GroupBy;
  readonly filters: CohortFilters;
  readonly unit: TimeUnit;
  readonly covariates: readonly Covariate[];
}

export interface CohortRow {
  readonly patientId: string;
  readonly firstTreatment: string;
  readonly modality: string;
  readonly bclcStage: string | null;
  readonly cnlcStage: string | null;
  readonly lastResponse: string | null;
  readonly sex: string | null;
  readonly ageAtStart: number | null;
  readonly group: string | null;
  readonly origin: string;
  readonly end: string;
  readonly days: number;
  /** `days` in the request's unit. */
  readonly time: number;
  readonly event: 0 | 1;
  readonly endReason: string;
  /** Competing end points: time (request's unit) to the first of death, transplant, resection. */
  readonly competingTime: number | null;
  readonly competingEvent: CompetingEvent | null;
  /** First treatment line code (e.g. `TACE+lenvatinib`). */
  readonly firstLine: string | null;
  readonly worstGrade: FollowUp["worstGrade"];
}

export interface CohortGroup {
  readonly level: string;
  readonly n: number;
  readonly events: number;
  readonly km: KmCurve;
  readonly median: MedianSurvival;
}

/**
 * Patients by their worst adverse-event grade, per group: CTCAE v5 grades 1–5 (systemic
 * therapy; NCI 2017) and CIRSE grades 1–6 (procedures; Filippiadis 2017). `none` counts the
 * patients with no graded event on that scale.
 */
export interface ToxicityRow {
  readonly level: string;
  readonly n: number;
  readonly ctcae: { readonly none: number; readonly byGrade: readonly number[] };
  readonly cirse: { readonly none: number; readonly byGrade: readonly number[] };
}

const SCALE_GRADES = { ctcae: 5, cirse: 6 } as const;

function toxicityRows(analysed: readonly CohortRow[], grouped: boolean): ToxicityRow[] {
  const levels = grouped ? [...new Set(analysed.map((r) => r.group as string))].sort() : ["all"];
  return levels.map((level) => {
    const members = analysed.filter((r) => !grouped || r.group === level);
    const table = (scale: keyof typeof SCALE_GRADES) => {
      const byGrade = new Array<number>(SCALE_GRADES[scale]).fill(0);
      let none = 0;
      for (const r of members) {
        const g = r.worstGrade[scale];
        if (g === null) none++;
        else byGrade[g - 1] = (byGrade[g - 1] ?? 0) + 1;
      }
      return { none, byGrade };
    };
    return { level, n: members.length, ctcae: table("ctcae"), cirse: table("cirse") };
  });
}

export interface CohortSurvival {
  readonly request: CohortRequest;
  /** Patients in the cohort (after the filters) and those of them left out, by reason. */
  readonly selected: number;
  readonly excluded: Readonly<Record<string, number>>;
  /** Patients analysed (a time, and a group when grouping). */
  readonly n: number;
  readonly events: number;
  readonly overall: { readonly km: KmCurve; readonly median: MedianSurvival };
  readonly groups: readonly CohortGroup[];
  /** Worst adverse-event grade by group (the toxicity table). */
  readonly toxicity: readonly ToxicityRow[];
  readonly logrank: LogRankResult | null;
  /** Cox proportional hazards (Efron ties), group as a factor against its first level plus the covariates. */
  readonly cox: { readonly formula: string; readonly fit: CoxSection } | null;
  readonly competing: CohortCompeting | null;
  readonly rows: readonly CohortRow[];
}

/** Cumulative incidence of death, transplant and resection per group, as cmprsk::cuminc. */
export interface CohortCompeting {
  readonly events: readonly CompetingEvent[];
  /** Patients with a competing-risk time (and a group when grouping), and their event counts. */
  readonly n: number;
  readonly counts: Readonly<Record<CompetingEvent, number>>;
  readonly curves: readonly {
    readonly level: string;
    readonly event: CompetingEvent;
    readonly time: readonly number[];
    readonly est: readonly number[];
    readonly var: readonly number[];
  }[];
  /** Event-free (all-cause) Kaplan–Meier per group: its numbers at risk go under the curves. */
  readonly atRisk: readonly { readonly level: string; readonly km: KmCurve }[];
  /** Gray's test per event type; null without two groups. */
  readonly grayTest:
    | readonly {
        readonly event: CompetingEvent;
        readonly stat: number | null;
        readonly pv: number | null;
        readonly df: number;
      }[]
    | null;
}

const COVARIATE_VALUE: Readonly<Record<Covariate, (r: CohortRow) => number | string | null>> = {
  age: (r) => r.ageAtStart,
  sex: (r) => (r.sex === "male" || r.sex === "female" ? r.sex : null),
  bclcStage: (r) => r.bclcStage,
  cnlcStage: (r) => r.cnlcStage,
  modality: (r) => r.modality,
};

/** Selects the cohort, derives each patient's time and status, and analyses it. */
export function cohortSurvival(followUps: readonly FollowUp[], req: CohortRequest): CohortSurvival {
  const excluded: Record<string, number> = {};
  const rows: CohortRow[] = [];
  let selected = 0;
  for (const f of followUps) {
    if (!inCohort(f, req.filters, req.criterion)) continue;
    selected++;
    const st = survivalTime(f, req.endpoint, req.criterion);
    if (st.status !== "ok") {
      excluded[st.reason] = (excluded[st.reason] ?? 0) + 1;
      continue;
    }
    const group = groupOf(f, req.groupBy, req.criterion);
    const cr = competingTime(f);
    if (group === null) {
      excluded["no-group-value"] = (excluded["no-group-value"] ?? 0) + 1;
    }
    rows.push({
      patientId: f.patientId,
      firstTreatment: (f.firstTreatment as { date: string }).date,
      modality: (f.firstTreatment as { modality: string }).modality,
      bclcStage: f.stages.bclcStage,
      cnlcStage: f.stages.cnlcStage,
      lastResponse: f.lastResponse[req.criterion],
      sex: f.sex,
      ageAtStart: f.ageAtStart,
      group,
      origin: st.origin,
      end: st.end,
      days: st.days,
      time: st.days / DAYS_PER[req.unit],
      event: st.event,
      endReason: st.endReason,
      competingTime: cr ? cr.days / DAYS_PER[req.unit] : null,
      competingEvent: cr ? cr.event : null,
      firstLine: f.firstLine?.code ?? null,
      worstGrade: f.worstGrade,
    });
  }
  rows.sort((a, b) => a.days - b.days || (a.patientId < b.patientId ? -1 : 1));
  const analysed = rows.filter((r) => r.group !== null);
  const group: Variable = { name: req.groupBy, values: analysed.map((r) => r.group), factor: true };
  const covariates: Variable[] = req.covariates
    .filter((c) => c !== req.groupBy)
    .map((c) => ({ name: c, values: analysed.map(COVARIATE_VALUE[c]) }));
  const grouped = req.groupBy !== "none";
  let report: SurvivalReport | null = null;
  if (analysed.length > 0) {
    report = survivalReport({
      timeName: "time",
      statusName: "status",
      time: analysed.map((r) => r.time),
      status: analysed.map((r) => r.event),
      ...(grouped ? { group } : {}),
      covariates,
      groupInCox: grouped,
    });
  }
  const empty = emptyKm();
  const groups: CohortGroup[] = report
    ? (grouped ? report.groupLevels : []).map((level) => {
        const km = report.km.byGroup[level] as KmCurve;
        return {
          level,
          n: km.n,
          events: km.events,
          km,
          median: report.median.byGroup[level] as MedianSurvival,
        };
      })
    : [];
  let cox: CohortSurvival["cox"] = null;
  if (report?.cox) {
    cox = { formula: report.cox.formula, fit: report.cox.efron };
  }
  return {
    competing: competingOf(analysed, grouped ? req.groupBy : null),
    request: req,
    selected,
    excluded,
    n: analysed.length,
    events: analysed.reduce((s, r) => s + r.event, 0),
    overall: report ? { km: report.km.overall, median: report.median.overall } : empty,
    groups,
    toxicity: toxicityRows(analysed, grouped),
    logrank: report?.logrank ?? null,
    cox,
    rows,
  };
}

function competingOf(rows: readonly CohortRow[], groupBy: GroupBy | null): CohortCompeting | null {
  const used = rows.filter((r) => r.competingTime !== null);
  if (used.length === 0) return null;
  const code = (e: CompetingEvent | null): number => (e === null ? 0 : COMPETING_EVENTS.indexOf(e) + 1);
  const report = competingRisksReport({
    timeName: "time",
    statusName: "event",
    time: used.map((r) => r.competingTime),
    status: used.map((r) => code(r.competingEvent)),
    ...(groupBy ? { group: { name: groupBy, values: used.map((r) => r.group), factor: true } } : {}),
    covariates: [],
  });
  const levels = groupBy ? report.groupLevels : ["1"];
  const label = (l: string): string => (groupBy ? l : "all");
  const curves = COMPETING_EVENTS.flatMap((event, k) =>
    levels.flatMap((level) => {
      const c = report.cuminc[`${level} ${k + 1}`];
      return c ? [{ level: label(level), event, time: c.time, est: c.est, var: c.var }] : [];
    }),
  );
  const atRisk = levels.map((level) => {
    const mine = used.filter((r) => !groupBy || String(r.group) === level);
    return {
      level: label(level),
      km: kaplanMeier(
        mine.map((r) => r.competingTime as number),
        mine.map((r) => (r.competingEvent === null ? 0 : 1)),
      ),
    };
  });
  const counts = { death: 0, transplant: 0, resection: 0 };
  for (const r of used) if (r.competingEvent) counts[r.competingEvent]++;
  const gray = report.grayTest;
  return {
    events: COMPETING_EVENTS,
    n: used.length,
    counts,
    curves,
    atRisk,
    grayTest: gray
      ? COMPETING_EVENTS.flatMap((event, k) => {
          const t = gray[String(k + 1)];
          return t ? [{ event, stat: t.stat, pv: t.pv, df: t.df }] : [];
        })
      : null,
  };
}

function emptyKm(): { km: KmCurve; median: MedianSurvival } {
  const km: KmCurve = {
    n: 0,
    events: 0,
    confType: "log",
    confLevel: 0.95,
    time: [],
    nRisk: [],
    nEvent: [],
    nCensor: [],
    surv: [],
    stdErr: [],
    stdErrSurv: [],
    lower: [],
    upper: [],
  };
  return { km, median: { n: 0, events: 0, median: null, lower: null, upper: null } };
}

const CSV_COLUMNS = [
  "patientId",
  "firstTreatment",
  "modality",
  "bclcStage",
  "cnlcStage",
  "lastResponse",
  "sex",
  "ageAtStart",
  "group",
  "origin",
  "end",
  "days",
  "time",
  "event",
  "endReason",
  "firstLine",
] as const;

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "NA";
  const s = typeof v === "number" ? String(Number(v.toPrecision(12))) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The per-patient times as CSV (R's `read.csv` reads it as is: NA for missing, `event` 1 = event). */
export function cohortCsv(rows: readonly CohortRow[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of rows) lines.push(CSV_COLUMNS.map((c) => csvCell(r[c])).join(","));
  return `${lines.join("\n")}\n`;
}
