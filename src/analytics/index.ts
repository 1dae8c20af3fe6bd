/**
 * Survival statistics exact to R's survival package (3.5) and cmprsk (2.2-11): the public surface for the CLI,
 * the server and the web app. Pure functions, no I/O.
 */
export {
  type CompetingReport,
  type CompetingRequest,
  type CumincEntry,
  competingRisksReport,
  type GrayEntry,
} from "./competing-report.js";
export { type Concordance, concordance } from "./concordance.js";
export {
  type ChiSquareTest,
  type CoxDesign,
  type CoxFit,
  type CoxOptions,
  type CoxResult,
  coxPh,
  type Ties,
} from "./cox.js";
export { coxZph, type ZphResult, ZphSingularError, type ZphTerm } from "./cox-zph.js";
export { cumincAt } from "./cuminc-at.js";
export {
  type CumincCurve,
  cumulativeIncidence,
  type GrayTestResult,
  grayTest,
} from "./cumulative-incidence.js";
export {
  chiSquareUpper,
  normalQuantile,
  normalUpper,
  twoSidedNormalP,
  zForConfidence,
} from "./distributions.js";
export { type FineGrayFit, type FineGrayResult, fineGray } from "./fine-gray.js";
export {
  type ConfType,
  type KmCurve,
  type KmOptions,
  kaplanMeier,
  type MedianSurvival,
  medianSurvival,
  numberAtRisk,
  type SurvivalAt,
  survivalAt,
} from "./kaplan-meier.js";
export { type LogRankResult, logRank } from "./log-rank.js";
export {
  type Cell,
  type CoxSection,
  factorLevels,
  type SurvivalReport,
  type SurvivalRequest,
  survivalReport,
  type Variable,
} from "./report.js";
