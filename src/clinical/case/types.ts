/** The parsed case: every field of case-format.md, validated, as a {@link Field}. */
import type { Field } from "../result.js";
import type { LabAnalyte } from "../units/analytes.js";
import type { Quantity } from "../units/quantity.js";

export const SEXES = ["male", "female"] as const;
export const ASCITES = ["none", "mild", "moderate-severe"] as const;
export const ENCEPHALOPATHY = ["none", "grade-1-2", "grade-3-4"] as const;
export const ETIOLOGIES = ["HBV", "HCV", "alcohol", "MASLD", "other"] as const;
export const PORTAL_VEIN_GRADES = ["Vp1", "Vp2", "Vp3", "Vp4"] as const;
export const HEPATIC_VEIN_GRADES = ["Vv1", "Vv2", "Vv3"] as const;
export const PORTAL_FLOW = ["hepatopetal", "hepatofugal", "occluded-nontumoral"] as const;
export const CHILD_PUGH_CLASSES = ["A", "B", "C"] as const;
export const EXTENDED_CRITERIA = ["UCSF", "upToSeven"] as const;
export const BCLC_STAGES = ["0", "A", "B", "C", "D"] as const;
export const CONTRAINDICATION_KEYS = [
  "bevacizumab",
  "immunotherapy",
  "anthracycline",
  "oxaliplatin",
  "uncorrectableCoagulopathy",
  "activeInfection",
  "pregnancy",
  "severeContrastAllergy",
  "highRiskVaricesUntreated",
  "severeComorbidity",
  "priorLiverRadiotherapy",
] as const;
/** Medical history that decides checkpoint inhibitors and cell therapy (case-format.md `history`). */
export const HISTORY_KEYS = [
  "priorLiverTransplant",
  "autoimmuneDisease",
  "systemicImmunosuppression",
] as const;
/** Curative-intent treatments after which adjuvant therapy is discussed. */
export const CURATIVE_MODALITIES = ["resection", "ablation"] as const;
export const BILIARY_KEYS = ["bilioentericAnastomosis", "stentOrIncompetentPapilla", "obstruction"] as const;
export const ABLATION_KEYS = ["unsafeLocation", "noSafeAccess"] as const;
export const TACE_SUITABILITY_KEYS = [
  "wellDefinedNodules",
  "portalFlowPreserved",
  "selectiveAccessFeasible",
  "extensiveBilobar",
] as const;

export type Sex = (typeof SEXES)[number];
export type Ascites = (typeof ASCITES)[number];
export type Encephalopathy = (typeof ENCEPHALOPATHY)[number];
export type Etiology = (typeof ETIOLOGIES)[number];
export type PortalVeinGrade = (typeof PORTAL_VEIN_GRADES)[number];
export type HepaticVeinGrade = (typeof HEPATIC_VEIN_GRADES)[number];
export type ChildPughClass = (typeof CHILD_PUGH_CLASSES)[number];
export type ContraindicationKey = (typeof CONTRAINDICATION_KEYS)[number];

export interface Tumor {
  readonly id?: string;
  /** Largest diameter in cm; `undefined` when the nodule is listed but not measured. */
  readonly diameterCm: number | undefined;
  readonly segment?: string;
  /** Where the measurement came from, when not typed by hand (`hepatica imaging --case`). */
  readonly source?: TumorSource;
}

/** A nodule measured on a segmentation: the study it was drawn on and its volume. */
export interface TumorSource {
  readonly kind: "segmentation";
  /** YYYY-MM-DD. */
  readonly studyDate?: string;
  readonly seriesInstanceUid?: string;
  readonly volumeMl?: number;
}

export interface VascularInvasion {
  /** Macrovascular (imaging-visible) invasion; implied true when a Vp/Vv grade is given. */
  readonly present: Field<boolean>;
  readonly portalVein: Field<PortalVeinGrade>;
  readonly hepaticVein: Field<HepaticVeinGrade>;
  readonly mainPortalVeinCompleteOcclusion: Field<boolean>;
  readonly adequateCollaterals: Field<boolean>;
  /** Microvascular invasion from pathology (AJCC only). */
  readonly microvascular: Field<boolean>;
}

export interface ParsedCase {
  readonly id?: string;
  readonly sex: Field<Sex>;
  readonly ageYears: Field<number>;
  readonly ageAtListingYears: Field<number>;
  readonly height: Field<Quantity>;
  readonly weight: Field<Quantity>;
  readonly ecog: Field<number>;
  readonly ecogCancerRelated: Field<boolean>;
  readonly cirrhosis: Field<boolean>;
  readonly cholestaticDisease: Field<boolean>;
  readonly etiology: Field<readonly Etiology[]>;
  readonly labs: { readonly [A in LabAnalyte]: Field<Quantity> };
  readonly bilirubinUpperLimitNormal: Field<Quantity>;
  readonly ascites: Field<Ascites>;
  readonly encephalopathy: Field<Encephalopathy>;
  readonly dialysis: Field<boolean>;
  readonly decompensation: {
    readonly jaundice: Field<boolean>;
    readonly varicealBleeding: Field<boolean>;
    /** Day (days since 1970-01-01) of the last variceal bleed, from an ISO date. */
    readonly varicealBleedingDate: Field<number>;
    readonly hepatorenalSyndrome: Field<boolean>;
  };
  /** The day the case describes (days since 1970-01-01, from an ISO date): dates recency. */
  readonly assessmentDate: Field<number>;
  readonly childPughClass: Field<ChildPughClass>;
  readonly childPughPoints: Field<number>;
  readonly liverFunctionPreserved: Field<boolean>;
  readonly clinicallySignificantPortalHypertension: Field<boolean>;
  readonly portalFlow: Field<(typeof PORTAL_FLOW)[number]>;
  /** Measured nodules. Absent = unknown; an empty list is invalid. */
  readonly tumors: Field<readonly Tumor[]>;
  /** Total nodule count when more exist than are listed (≥ tumors.length). */
  readonly tumorCountTotal: Field<number>;
  readonly tumorLiverVolumePercent: Field<number>;
  readonly infiltrative: Field<boolean>;
  readonly vascularInvasion: VascularInvasion;
  /** Extrahepatic spread; derived as the union of nodal and distant metastasis when absent. */
  readonly extrahepaticSpread: Field<boolean>;
  readonly nodalMetastasis: Field<boolean>;
  readonly distantMetastasis: Field<boolean>;
  readonly adjacentOrganInvasion: Field<boolean>;
  readonly visceralPeritoneumPerforation: Field<boolean>;
  readonly transplantCandidate: Field<boolean>;
  readonly withinExtendedTransplantCriteria: Field<boolean>;
  readonly extendedTransplantCriterion: Field<(typeof EXTENDED_CRITERIA)[number]>;
  readonly contraindications: { readonly [K in ContraindicationKey]: Field<boolean> };
  readonly biliary: { readonly [K in (typeof BILIARY_KEYS)[number]]: Field<boolean> };
  readonly ablation: { readonly [K in (typeof ABLATION_KEYS)[number]]: Field<boolean> };
  readonly tace: { readonly [K in (typeof TACE_SUITABILITY_KEYS)[number]]: Field<boolean> } & TaceCourse;
  /** Y-90 radioembolization planning inputs (case-format.md `y90`; staging-treatment.md §4.3, §5). */
  readonly y90: Y90Input;
  readonly lifeExpectancyMonths: Field<number>;
  readonly bclcStage: Field<(typeof BCLC_STAGES)[number]>;
  /** JSH-LCSGJ 2014 TACE refractoriness inputs (scores.md §7.6, §10). */
  readonly taceRefractoriness: TaceRefractorinessInput;
  /** Tumour status after downstaging treatment (scores.md §6.5, §10); absent = not given. */
  readonly postDownstaging: Field<PostDownstagingInput>;
  /** Inputs of the therapy catalogue's contraindications and of adjuvant therapy. */
  readonly therapy: TherapyInputs;
}

/** The therapy blocks of the case (case-format.md `history`, `bloodPressure`, ...). */
export interface TherapyInputs {
  readonly history: { readonly [K in (typeof HISTORY_KEYS)[number]]: Field<boolean> };
  /** mmHg. */
  readonly bloodPressure: { readonly systolic: Field<number>; readonly diastolic: Field<number> };
  readonly urineProteinGPer24h: Field<number>;
  /** The curative-intent treatment already done (resection or ablation) and whether it was complete. */
  readonly curativeTreatment: {
    readonly modality: Field<(typeof CURATIVE_MODALITIES)[number]>;
    readonly complete: Field<boolean>;
  };
  /** Edmondson–Steiner grade 1–4 of the resected tumour. */
  readonly histologicGrade: Field<number>;
}

/** The `taceRefractoriness` block (scores.md §7.6). */
export interface TaceRefractorinessInput {
  readonly consecutiveInsufficientResponses: Field<number>;
  readonly consecutiveIntrahepaticProgressions: Field<number>;
  readonly continuousTumorMarkerElevation: Field<boolean>;
  readonly newVascularInvasion: Field<boolean>;
  readonly newExtrahepaticSpread: Field<boolean>;
}

/** The `postDownstaging` block: residual viable (enhancing) tumour after treatment (scores.md §6.5). */
export interface PostDownstagingInput {
  /** Viable nodules (cm); an empty list means complete necrosis. */
  readonly viableTumors: Field<readonly Tumor[]>;
  readonly vascularInvasion: Field<boolean>;
  readonly extrahepaticSpread: Field<boolean>;
  readonly infiltrative: Field<boolean>;
  readonly afp: Field<Quantity>;
}

/** Values before the first and second TACE (ART, ABCR; scores.md §7.3–7.4). */
export interface TaceCourse {
  readonly childPughScoreBeforeFirst: Field<number>;
  readonly childPughScoreBeforeSecond: Field<number>;
  readonly astBeforeFirst: Field<Quantity>;
  readonly astBeforeSecond: Field<Quantity>;
  readonly radiologicResponse: Field<boolean>;
  readonly mrecistObjectiveResponse: Field<boolean>;
}

export const Y90_DEVICES = ["resin", "glass"] as const;
export type Y90Device = (typeof Y90_DEVICES)[number];

/** The `y90` block: MAA work-up and the dosimetry plan. Volumes in mL, doses in Gy. */
export interface Y90Input {
  readonly device: Field<Y90Device>;
  readonly lungShuntFractionPercent: Field<number>;
  readonly extrahepaticDepositionUncorrectable: Field<boolean>;
  readonly priorLungDoseGy: Field<number>;
  readonly plannedActivityGBq: Field<number>;
  readonly liverVolumeMl: Field<number>;
  readonly tumorVolumeMl: Field<number>;
  readonly perfusedVolumeMl: Field<number>;
  readonly targetDoseGy: Field<number>;
  readonly tumorToNormalRatio: Field<number>;
  readonly targetNormalLiverDoseGy: Field<number>;
  readonly targetTumorDoseGy: Field<number>;
  readonly lungMassKg: Field<number>;
}
