/**
 * Assesses a course (case-format.md, "Input: a course"): RECIST 1.1 and mRECIST side by side
 * per time point, best overall response and first progression, with the treatments between
 * scans and a TACE-failure signal. Pure: no I/O, no clock.
 */
import { cite } from "../evidence/index.js";
import { factHepChange, qlqC30Change } from "../qol/change.js";
import { type EortcScores, type ScaleScore, scoreQlqC30, scoreQlqHcc18 } from "../qol/eortc.js";
import { type FactHepScores, scoreFactHep } from "../qol/fact-hep.js";
import { bestOverallResponse, type Progression, progression } from "./best-response.js";
import { type Course, type CourseError, type Criterion, parseCourse, type Treatment } from "./course.js";
import { type EaslCourse, type EaslTimePoint, easlCourse } from "./easl.js";
import { type LrTrCourse, lrTrCourse } from "./lrtr.js";
import { MRECIST } from "./mrecist.js";
import { RECIST11 } from "./recist11.js";
import type { CriterionRules, OverallResponse } from "./rules.js";
import {
  type BaselineSummary,
  type CriterionCourse,
  evaluateCriterion,
  type TimePointResult,
} from "./timepoint.js";

export const RESPONSE_RULE = "response";
const CITATION = cite(
  "eisenhauer2009Recist11",
  "lencioni2010Mrecist",
  "llovet2008Jnci",
  "bruix2001Easl",
  "acrLiRads2018Tra",
);

const RULES: Readonly<Record<Criterion, CriterionRules>> = { recist11: RECIST11, mrecist: MRECIST };

/** TACE-like modalities counted as sessions for the failure signal. */
const TACE_MODALITIES = new Set(["tace", "ctace", "debtace", "tae", "deb-tace", "c-tace"]);

/** A treatment as reported: `day` counts from `treatmentStart` (day 0), not from 1970. */
export type CourseTreatment = Omit<Treatment, "day"> & { readonly day: number };

export interface TimePointOut {
  readonly date: string;
  readonly modality?: string;
  readonly phase?: string;
  /** Treatments given after the previous scan and up to this scan's date; `day` is the day in the course. */
  readonly treatmentsBefore: readonly CourseTreatment[];
  readonly recist11: TimePointResult;
  readonly mrecist: TimePointResult;
  /** EASL at this scan; `null` when EASL is indeterminate for the course (see `easl.missing`). */
  readonly easl: EaslTimePoint | null;
}

/**
 * TACE failure as read from the course (response-followup.md §4.3, §6 "Stopping TACE"): no
 * objective mRECIST response at the two scans that follow two TACE sessions, or mRECIST
 * progression after TACE. A signal for the tumour board, not the JSH-LCSGJ definition
 * (that is `taceRefractoriness`, which needs its own inputs).
 */
export interface TaceFailureSignal {
  readonly taceSessions: number;
  readonly failing: boolean;
  readonly reason: string;
  /** Treatment stage migration (BCLC 2022 §1.5) suggested when TACE fails. */
  readonly stageMigration: {
    readonly suggested: boolean;
    readonly to: readonly string[];
    readonly reason: string;
  };
}

/** Quality-of-life scores at one scan, and their change since the previous questionnaire. */
export interface QolPoint {
  readonly date: string;
  readonly qlqC30: EortcScores | null;
  readonly qlqHcc18: readonly ScaleScore[] | null;
  readonly factHep: FactHepScores | null;
  readonly changeFromPrevious: {
    readonly since: string;
    readonly qlqC30: ReturnType<typeof qlqC30Change> | null;
    readonly qlqHcc18: ReturnType<typeof eortcChangeOf> | null;
    readonly factHep: ReturnType<typeof factHepChange> | null;
  } | null;
}

function eortcChangeOf(a: readonly ScaleScore[], b: readonly ScaleScore[]) {
  return qlqC30Change({ scales: a, summaryScore: null }, { scales: b, summaryScore: null }).scales;
}

function qolTimeline(course: Course): QolPoint[] {
  const points: QolPoint[] = [];
  for (const tp of course.timepoints) {
    if (!tp.qol) continue;
    const e = tp.qol.eortc;
    const hasC30 = e !== undefined && [...e.keys()].some((k) => k <= 30);
    const hasHcc = e !== undefined && [...e.keys()].some((k) => k > 30);
    const qlqC30 = e && hasC30 ? scoreQlqC30(e) : null;
    const qlqHcc18 = e && hasHcc ? scoreQlqHcc18(e) : null;
    const factHep = tp.qol.factHep ? scoreFactHep(tp.qol.factHep) : null;
    const prev = points[points.length - 1];
    points.push({
      date: tp.date,
      qlqC30,
      qlqHcc18,
      factHep,
      changeFromPrevious: prev
        ? {
            since: prev.date,
            qlqC30: prev.qlqC30 && qlqC30 ? qlqC30Change(prev.qlqC30, qlqC30) : null,
            qlqHcc18: prev.qlqHcc18 && qlqHcc18 ? eortcChangeOf(prev.qlqHcc18, qlqHcc18) : null,
            factHep: prev.factHep && factHep ? factHepChange(prev.factHep, factHep) : null,
          }
        : null,
    });
  }
  return points;
}

export type CourseAssessment =
  | {
      readonly id?: string;
      readonly status: "ok";
      readonly rule: string;
      readonly citation: string;
      readonly treatmentStart: string;
      readonly baseline: {
        readonly date: string;
        readonly recist11: BaselineSummary;
        readonly mrecist: BaselineSummary;
      };
      readonly timepoints: readonly TimePointOut[];
      readonly bestOverallResponse: Readonly<Record<Criterion, OverallResponse>>;
      readonly progression: Readonly<Record<Criterion, Progression>>;
      readonly confirmationRequired: boolean;
      readonly taceFailure: TaceFailureSignal;
      /** EASL (bidimensional viable product), the third criterion beside RECIST 1.1 and mRECIST. */
      readonly easl: EaslCourse;
      /** LI-RADS v2018 LR-TR per treated lesion after each locoregional treatment. */
      readonly lrTr: LrTrCourse;
      /** Present when questionnaires were given at some scans. */
      readonly qol?: readonly QolPoint[];
    }
  | { readonly id?: string; readonly status: "invalid"; readonly errors: readonly CourseError[] };

function taceFailure(course: Course, mrecist: CriterionCourse): TaceFailureSignal {
  const tace = course.treatments.filter((t) => TACE_MODALITIES.has(t.modality.toLowerCase()));
  // The overall mRECIST response at the first scan after each TACE session.
  const after = tace
    .map((t) => {
      const k = course.timepoints.findIndex((tp, i) => i > 0 && tp.day > t.day);
      return k < 0 ? undefined : mrecist.timepoints[k - 1]?.overall;
    })
    .filter((r): r is OverallResponse => r !== undefined);
  const objective = (r: OverallResponse) => r === "CR" || r === "PR";
  const lastTwo = after.slice(-2);
  const noResponseTwice = lastTwo.length === 2 && lastTwo.every((r) => !objective(r));
  const pdAfterTace = after.includes("PD");
  const failing = tace.length >= 2 && (noResponseTwice || pdAfterTace);
  const reason =
    tace.length < 2
      ? `${tace.length} TACE session(s) recorded; failure is judged after two sessions.`
      : failing
        ? noResponseTwice
          ? `No objective mRECIST response (CR/PR) after the last two of ${tace.length} TACE sessions (${lastTwo.join(", ")}).`
          : `mRECIST progression after TACE (${after.join(", ")}).`
        : after.some(objective)
          ? `Objective mRECIST response (CR or PR) after TACE (${after.join(", ")}).`
          : `No TACE failure yet: mRECIST after TACE ${after.length > 0 ? after.join(", ") : "not yet assessed"} — SD is not an objective response (CR or PR only); failure is judged at the scans after two sessions.`;
  return {
    taceSessions: tace.length,
    failing,
    reason,
    stageMigration: failing
      ? {
          suggested: true,
          to: ["systemic-therapy"],
          reason:
            "TACE is failing: consider treatment stage migration to the next stage's option (systemic therapy as for BCLC C) rather than repeating TACE; confirm with taceRefractoriness and the tumour board.",
        }
      : { suggested: false, to: [], reason: "No TACE failure on this course." },
  };
}

/** Parses and assesses an untrusted course. */
export function assessCourse(input: unknown): CourseAssessment {
  const parsed = parseCourse(input);
  if (!parsed.ok) {
    return {
      ...(parsed.id !== undefined ? { id: parsed.id } : {}),
      status: "invalid",
      errors: parsed.errors,
    };
  }
  const course = parsed.course;
  const recist11 = evaluateCriterion(course, RULES.recist11);
  const mrecist = evaluateCriterion(course, RULES.mrecist);
  const base = course.timepoints[0] as Course["timepoints"][number];
  const qol = qolTimeline(course);
  const easl = easlCourse(course, mrecist);
  const timepoints = course.timepoints.slice(1).map((tp, k): TimePointOut => {
    const prevDay = (course.timepoints[k] as { day: number }).day;
    return {
      date: tp.date,
      ...(tp.modality !== undefined ? { modality: tp.modality } : {}),
      ...(tp.phase !== undefined ? { phase: tp.phase } : {}),
      treatmentsBefore: course.treatments
        .filter((t) => t.day > prevDay && t.day <= tp.day)
        .map((t) => ({ ...t, day: t.day - course.treatmentStartDay })),
      recist11: recist11.timepoints[k] as TimePointResult,
      mrecist: mrecist.timepoints[k] as TimePointResult,
      easl: easl.status === "ok" ? (easl.timepoints[k] as EaslTimePoint) : null,
    };
  });
  return {
    ...(course.id !== undefined ? { id: course.id } : {}),
    status: "ok",
    rule: RESPONSE_RULE,
    citation: CITATION,
    treatmentStart: course.treatmentStart,
    baseline: { date: base.date, recist11: recist11.baseline, mrecist: mrecist.baseline },
    timepoints,
    bestOverallResponse: {
      recist11: bestOverallResponse(course, recist11),
      mrecist: bestOverallResponse(course, mrecist),
    },
    progression: { recist11: progression(course, recist11), mrecist: progression(course, mrecist) },
    confirmationRequired: course.options.confirmationRequired,
    taceFailure: taceFailure(course, mrecist),
    easl,
    lrTr: lrTrCourse(course),
    ...(qol.length > 0 ? { qol } : {}),
  };
}
