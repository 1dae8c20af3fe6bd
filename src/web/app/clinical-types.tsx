/**
 * Types of what the server returns, taken from the clinical core (type-only imports: nothing of
 * the core is bundled by these). The page reads them defensively all the same, since a server
 * of another version may send fields this build does not know.
 */
export type { Assessment } from "../../clinical/assess.js";
export type {
  EligibilityReason,
  EligibilityResult,
  Modality,
  Profile,
} from "../../clinical/eligibility/index.js";
export type { Combination, GuidelinePlan, PlanOption, TreatmentPlan } from "../../clinical/plan.js";
export type { CourseAssessment, TimePointOut } from "../../clinical/response/assess-course.js";
export type { StagingDisagreement } from "../../clinical/staging/concordance.js";
