/**
 * The EHR's codes for the findings a case reads: the LOINC ECOG question and its answer list, the
 * SNOMED CT findings (with the qualifiers that grade them), ICD-10 / ICD-10-CM liver cancer and
 * the mCODE elements (tumour size, cancer stage, primary cancer condition with its body site).
 *
 * What each SNOMED CT finding means for the case is stated beside it; where a standard code does
 * not say enough to fill a case field (ascites present without a grade, encephalopathy without a
 * West Haven grade), the field stays missing and the assessment says so — nothing is inferred.
 */
import { type CodeCheck, pending, primary, secondary } from "./check.js";

const MCODE_ECOG =
  "https://hl7.org/fhir/us/mcode/STU4/StructureDefinition-mcode-ecog-performance-status.html";
const MCODE_TUMOR_SIZE = "https://hl7.org/fhir/us/mcode/STU4/StructureDefinition-mcode-tumor-size.html";
const ECOG_VS =
  "LOINC answer list LL529-9 as quoted by mCODE examples (LNC#LA9622-7 interpretation) and the MII Onkologie ECOG ValueSet / ConceptMap";

/** LOINC 89247-1 "ECOG Performance Status score" (mCODE ECOGPerformanceStatus profile). */
export const ECOG = {
  code: "89247-1",
  answerList: "LL529-9",
  check: primary(MCODE_ECOG, "Observation.code LOINC 89247-1 SHALL conform to this profile"),
} as const;

export interface AnswerCode {
  readonly code: string;
  readonly grade: number;
  readonly display: string;
  readonly check: CodeCheck;
}

/** LL529-9: the ECOG answers, grade 0..5 (5 = dead; the case format accepts 0..4). */
export const ECOG_ANSWERS: readonly AnswerCode[] = [
  {
    code: "LA9622-7",
    grade: 0,
    display: "Fully active, able to carry on all pre-disease performance without restriction",
  },
  {
    code: "LA9623-5",
    grade: 1,
    display:
      "Restricted in physically strenuous activity but ambulatory and able to carry out work of a light or sedentary nature, e.g., light house work, office work",
  },
  {
    code: "LA9624-3",
    grade: 2,
    display:
      "Ambulatory and capable of all selfcare but unable to carry out any work activities. Up and about more than 50% of waking hours",
  },
  {
    code: "LA9625-0",
    grade: 3,
    display: "Capable of only limited selfcare, confined to bed or chair more than 50% of waking hours",
  },
  {
    code: "LA9626-8",
    grade: 4,
    display: "Completely disabled. Cannot carry on any selfcare. Totally confined to bed or chair",
  },
  { code: "LA9627-6", grade: 5, display: "Dead" },
].map((a) => ({ ...a, check: secondary(ECOG_VS) }));

/** mCODE TumorSize: LOINC 21889-1 with the longest dimension in component 33728-7. */
export const TUMOR_SIZE = {
  code: "21889-1",
  display: "Size Tumor",
  maxDimension: "33728-7",
  maxDimensionDisplay: "Size.maximum dimension in Tumor",
  /** Units of the dimension (UCUM), to millimetres. */
  unitsMm: new Map<string, number>([
    ["mm", 1],
    ["cm", 10],
  ]),
  check: primary(
    MCODE_TUMOR_SIZE,
    "longest dimension in Observation.component.value with component.code LOINC 33728-7",
  ),
} as const;

/** SNOMED CT qualifier values used as answers (Observation.value / Condition.severity). */
export const SNOMED_QUALIFIER = {
  present: "52101004",
  absent: "2667000",
  mild: "255604002",
  moderate: "6736007",
  severe: "24484000",
} as const;
export const QUALIFIER_CHECK = secondary(
  "Open Imaging Data finding models (SNOMED 52101004 Present, 2667000 Absent); HL7 FHIR examples (24484000 Severe)",
);

/** The case fields a SNOMED CT finding can decide. */
export type FindingField =
  | "ascites"
  | "encephalopathy"
  | "cirrhosis"
  | "distantMetastasis"
  | "nodalMetastasis"
  | "portalVeinThrombosis";

export interface SnomedFinding {
  readonly code: string;
  readonly display: string;
  readonly field: FindingField;
  readonly check: CodeCheck;
}

export const SNOMED_FINDINGS: readonly SnomedFinding[] = [
  {
    code: "389026000",
    display: "Ascites (disorder)",
    field: "ascites",
    check: secondary("MII / HL7 Europe FHIR examples and a MedDRA→SNOMED ConceptMap (equivalent)"),
  },
  {
    code: "13920009",
    display: "Hepatic encephalopathy (disorder)",
    field: "encephalopathy",
    check: secondary("HL7 FHIR clinical-trial examples (Condition.code, with severity 24484000)"),
  },
  {
    code: "19943007",
    display: "Cirrhosis of liver (disorder)",
    field: "cirrhosis",
    check: secondary("DICOM CID 12325 (Liver Ultrasound Study Indication) in FHIR; MII ValueSets"),
  },
  {
    // Bland or tumour thrombus is not said by this concept: it is read for the record only and
    // never as macrovascular invasion (BCLC 2022 counts tumour invasion, not bland thrombosis).
    code: "17920008",
    display: "Portal vein thrombosis (disorder)",
    field: "portalVeinThrombosis",
    check: secondary("VSAC / NLM FHIR ValueSet expansion listing 17920008 Portal vein thrombosis (disorder)"),
  },
  {
    // mCODE SecondaryCancerCondition: the metastasis is nodal or distant by its body site.
    code: "128462008",
    display: "Secondary malignant neoplastic disease (disorder)",
    field: "distantMetastasis",
    check: secondary("mCODE STU3 change log: SecondaryCancerCondition category SNOMED CT 128462008"),
  },
];

/**
 * Metastasis concepts that are NOT extrahepatic spread: a liver metastasis of the same HCC is
 * intrahepatic (94381002 "Secondary malignant neoplasm of liver").
 */
export const INTRAHEPATIC_SECONDARY = {
  code: "94381002",
  display: "Secondary malignant neoplasm of liver (disorder)",
  check: secondary(
    "MII Onkologie examples; VSAC expansion 'Metastatic malignant neoplasm to liver (disorder)'",
  ),
} as const;

/** SNOMED CT body structure of the primary tumour (mCODE PrimaryCancerCondition.bodySite). */
export const LIVER_STRUCTURE = {
  code: "10200004",
  display: "Liver structure (body structure)",
  check: pending("not found in the searched corpus — to check in the SNOMED CT browser"),
} as const;

/** SNOMED CT lymph node structure: a secondary cancer condition with this body site is nodal. */
export const LYMPH_NODE_STRUCTURE = {
  code: "59441001",
  display: "Structure of lymph node (body structure)",
  check: pending("not found in the searched corpus — to check in the SNOMED CT browser"),
} as const;

/** Hepatocellular carcinoma: ICD-10 and ICD-10-CM C22.0, SNOMED CT 25370001. */
export const HCC = {
  icd10: "C22.0",
  icd10Display: "Liver cell carcinoma",
  snomed: "25370001",
  snomedDisplay: "Hepatocellular carcinoma (disorder)",
  check: secondary("public ICD-10 ↔ SNOMED CT oncology tables (C22.0 ↔ 25370001 Hepatocellular carcinoma)"),
} as const;

/** LOINC codes of the clinical TNM categories (mCODE TNM category profiles) and their AJCC values. */
export const TNM = {
  clinicalT: "21905-5",
  clinicalN: "21906-3",
  clinicalM: "21907-1",
  /** AJCC's code system for TNM values as mCODE's examples use it (cT3, cN0, cM0 ...). */
  ajccSystem: "http://cancerstaging.org",
  check: secondary(
    "mCODE / MII Onkologie examples: LOINC 21905-5 'Primary tumor.clinical [Class] Cancer', 21906-3 'Regional lymph nodes.clinical [Class] Cancer', 21907-1 'Distant metastases.clinical [Class] Cancer', values http://cancerstaging.org#cT3",
  ),
} as const;
