/**
 * What differs between RECIST 1.1 and mRECIST, as data: which diameter is measured, when a
 * non-target is resolved, when a new lesion counts, and the absolute part of the PD rule
 * (response-followup.md §1, §2, §9.2). The time-point engine ({@link ./timepoint.ts}) is shared.
 */
import type {
  BaselineLesion,
  CourseOptions,
  Criterion,
  Diameter,
  NewLesionRecord,
  Observation,
} from "./course.js";

export type TargetResponse = "CR" | "PR" | "SD" | "PD" | "NE" | "NONE";
export type NonTargetResponse = "CR" | "NON_CR_NON_PD" | "PD" | "NE" | "NONE";
export type OverallResponse = "CR" | "PR" | "SD" | "PD" | "NE" | "NON_CR_NON_PD";

/** A new lesion's verdict at one record: does it have qualifying size, is it confirmed here. */
export interface NewLesionVerdict {
  /** The record is at a size from which the lesion would count (retrospective dating anchor). */
  readonly qualifyingSize: boolean;
  /** The record confirms the lesion as new disease. */
  readonly confirms: boolean;
}

export interface CriterionRules {
  readonly criterion: Criterion;
  readonly label: string;
  /** The diameter summed for a target, in micrometres; `null` = not evaluated. */
  measure(lesion: BaselineLesion, o: Observation): Diameter;
  /** A non-target that no longer counts as disease. */
  resolved(lesion: BaselineLesion, o: Observation): boolean;
  /** Absolute PD increase above the nadir, in micrometres. */
  pdAbsoluteUm(options: CourseOptions): number;
  /**
   * Judges each record of one tracked new lesion, in time order. `history` holds the earlier
   * records of the same lesion.
   */
  newLesion(record: NewLesionRecord, history: readonly NewLesionRecord[]): NewLesionVerdict;
}
