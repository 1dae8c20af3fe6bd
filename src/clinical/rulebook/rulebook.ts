/**
 * The rulebook a reader can open (docs/rules/): generated from the evidence registry and the
 * rule modules' own constants, so that a threshold printed here is the one the code compares
 * with. Every rule lists its inputs, thresholds, sources (with DOI links) and how it is checked
 * (the test file beside it, and each source's verification status). Regenerate with
 * `npm run rules:docs`; test/rulebook.test.ts fails when docs/rules/ is out of date.
 */

import { UNOS_DS_ARMS } from "../criteria/unos-downstaging.js";
import {
  DEB_MAX_DOXORUBICIN_MG,
  DOXORUBICIN_MG_PER_M2,
  HEPATIC_REDUCTION,
  LIPIODOL_ML,
} from "../dosing/chemo.js";
import { ABLATION_INR_MAX, ABLATION_PLATELETS_MIN, ABLATION_SINGLE_CM } from "../eligibility/ablation.js";
import { ECOG_MAX, LIFE_EXPECTANCY_MIN_MONTHS } from "../eligibility/common.js";
import { HAIC_BILIRUBIN_MG_DL, HAIC_NEUTROPHILS_MIN, HAIC_PLATELETS_MIN } from "../eligibility/haic.js";
import {
  TACE_BILIRUBIN_MG_DL,
  TACE_CRCL_MIN_ML_MIN,
  TACE_CREATININE_MG_DL,
  TACE_EXTENSIVE_PERCENT,
  TACE_LARGE_TUMOR_CM,
  TACE_PLATELETS_MIN,
  TACE_WBC_MIN,
} from "../eligibility/tace.js";
import { TARE_BILIRUBIN_MG_DL, TARE_GFR_MIN, TARE_PLATELETS_MIN, TARE_WBC_MIN } from "../eligibility/tare.js";
import { formatSource, SOURCES, type Source, type SourceId } from "../evidence/index.js";
import { RESECTION_ICG_R15_MAX_PERCENT, SURGERY_ECOG_MAX } from "../safety/caveats.js";
import { RECENT_VARICEAL_BLEED_DAYS } from "../safety/safety.js";
import { ALBUMIN_BANDS, BILIRUBIN_BANDS, INR_BANDS } from "../scores/child-pugh.js";
import { BCLC_0_MAX_CM, BCLC_A_MAX_COUNT, BCLC_A_MULTIPLE_MAX_CM, BCLC_ECOG_D } from "../staging/bclc.js";
import { CNLC_ECOG_IV, CNLC_IA_SINGLE_MAX_CM, CNLC_IB_MULTIPLE_MAX_CM } from "../staging/cnlc.js";
import { ANALYTES } from "../units/analytes.js";

export interface RuleEntry {
  /** Page name (docs/rules/<id>.md). */
  readonly id: string;
  readonly title: string;
  /** The module that decides, and the test beside it that checks it. */
  readonly module: string;
  readonly tests: readonly string[];
  readonly inputs: readonly string[];
  readonly thresholds: readonly (readonly [string, string])[];
  readonly sources: readonly SourceId[];
}

const list = (xs: readonly (string | number)[]) => xs.join(" / ");

/** The rules of the rulebook, their thresholds read from the modules that apply them. */
export const RULEBOOK: readonly RuleEntry[] = [
  {
    id: "safety",
    title: "Patient-level safety layer (decompensation, performance status, conflicting inputs)",
    module: "src/clinical/safety/safety.ts",
    tests: ["src/clinical/safety/safety.test.ts", "test/safety-invariants.test.ts"],
    inputs: [
      "childPugh (computed or childPughClass)",
      "decompensation.jaundice",
      "encephalopathy",
      "ascites",
      "decompensation.varicealBleeding",
      "decompensation.varicealBleedingDate",
      "assessmentDate",
      "decompensation.hepatorenalSyndrome",
      "liverFunctionPreserved",
      "ecog",
    ],
    thresholds: [
      ["recent variceal bleed (days)", `≤ ${RECENT_VARICEAL_BLEED_DAYS}`],
      [
        "intl: every signal",
        "absolute contraindication to TACE/TAE, HAIC, TARE, ablation (mild ascites and stated non-preserved liver function: relative)",
      ],
      ["cn: jaundice, HE 3–4, moderate-severe ascites, HRS, bleed within the window", "absolute"],
      ["cn: HE 1–2, mild ascites, earlier bleed, stated non-preserved liver function", "relative"],
      ["conflicting inputs", "relative for every intervention, caveat on every plan option"],
    ],
    sources: [
      "baveno7",
      "easl2018TaceTable",
      "reig2022Bclc",
      "cnTaceGuideline",
      "eanm2022Re",
      "vilstrup2014He",
    ],
  },
  {
    id: "plan-caveats",
    title: "Caveats on plan options",
    module: "src/clinical/safety/caveats.ts",
    tests: ["src/clinical/safety/safety.test.ts"],
    inputs: ["safety layer", "childPugh", "ecog", "ecogCancerRelated"],
    thresholds: [
      ["resection", `Child-Pugh A and ICG-R15 < ${RESECTION_ICG_R15_MAX_PERCENT} %`],
      ["surgery, performance status", `ECOG ≤ ${SURGERY_ECOG_MAX}`],
      ["interventions, performance status", `ECOG ≤ ${ECOG_MAX}`],
    ],
    sources: ["reig2022Bclc", "cnlc2022", "oken1982Ecog"],
  },
  {
    id: "child-pugh",
    title: "Child-Pugh score",
    module: "src/clinical/scores/child-pugh.ts",
    tests: ["src/clinical/scores/child-pugh.test.ts"],
    inputs: [
      "labs.bilirubin",
      "labs.albumin",
      "labs.inr or labs.ptProlongation",
      "ascites",
      "encephalopathy",
    ],
    thresholds: [
      [
        "bilirubin mg/dL (1/2/3 points)",
        `< ${BILIRUBIN_BANDS.standard[0]} / ${list(BILIRUBIN_BANDS.standard)} / > ${BILIRUBIN_BANDS.standard[1]}`,
      ],
      [
        "bilirubin, cholestatic",
        `< ${BILIRUBIN_BANDS.cholestatic[0]} / ${list(BILIRUBIN_BANDS.cholestatic)} / > ${BILIRUBIN_BANDS.cholestatic[1]}`,
      ],
      [
        "albumin g/dL (1/2/3 points)",
        `> ${ALBUMIN_BANDS[1]} / ${list(ALBUMIN_BANDS)} / < ${ALBUMIN_BANDS[0]}`,
      ],
      ["INR (1/2/3 points)", `< ${INR_BANDS[0]} / ${list(INR_BANDS)} / > ${INR_BANDS[1]}`],
      ["class", "A 5–6, B 7–9, C 10–15"],
    ],
    sources: ["pugh1973"],
  },
  {
    id: "bclc",
    title: "BCLC 2022 staging and options",
    module: "src/clinical/staging/bclc.ts",
    tests: ["src/clinical/staging/staging.test.ts", "src/clinical/staging/issue10-staging.test.ts"],
    inputs: [
      "tumors",
      "infiltrative",
      "vascularInvasion",
      "extrahepaticSpread",
      "ecog",
      "ecogCancerRelated",
      "safety layer",
    ],
    thresholds: [
      ["stage 0: single nodule (cm)", `≤ ${BCLC_0_MAX_CM}`],
      ["stage A: 2–3 nodules each (cm)", `≤ ${BCLC_A_MULTIPLE_MAX_CM}, count ≤ ${BCLC_A_MAX_COUNT}`],
      ["stage D: cancer-related ECOG", `≥ ${BCLC_ECOG_D}`],
      ["infiltrative HCC", "stage B, systemic subgroup (B3)"],
      ["untreated high-risk varices at C", "durvalumab-tremelimumab first"],
    ],
    sources: ["reig2022Bclc", "finn2020Imbrave150", "abouAlfa2022Himalaya"],
  },
  {
    id: "cnlc",
    title: "CNLC staging",
    module: "src/clinical/staging/cnlc.ts",
    tests: ["src/clinical/staging/staging.test.ts", "src/clinical/staging/issue10-staging.test.ts"],
    inputs: [
      "tumors",
      "vascularInvasion",
      "extrahepaticSpread",
      "ecog",
      "Child-Pugh class (or its range when an item is missing)",
    ],
    thresholds: [
      ["Ia single (cm)", `≤ ${CNLC_IA_SINGLE_MAX_CM}`],
      ["Ib 2–3 nodules, largest (cm)", `≤ ${CNLC_IB_MULTIPLE_MAX_CM}`],
      ["IV", `ECOG ≥ ${CNLC_ECOG_IV} or Child-Pugh C`],
    ],
    sources: ["cnlc2022", "cnlc2024"],
  },
  {
    id: "unos-downstaging",
    title: "UNOS downstaging inclusion",
    module: "src/clinical/criteria/unos-downstaging.ts",
    tests: [
      "src/clinical/criteria/transplant-selection.test.ts",
      "src/clinical/staging/issue10-staging.test.ts",
    ],
    inputs: ["tumors", "vascularInvasion", "extrahepaticSpread", "infiltrative"],
    thresholds: [
      ...UNOS_DS_ARMS.map(
        (a) =>
          [
            `${a.minCount}–${a.maxCount} lesions`,
            `each ≤ ${a.eachMaxCm} cm, total ≤ ${a.totalMaxCm} cm`,
          ] as const,
      ),
      ["exclusions", "macrovascular invasion, extrahepatic spread, infiltrative growth"],
    ],
    sources: ["yao2008Downstaging", "aasld2023"],
  },
  {
    id: "eligibility-tace",
    title: "TACE / TAE eligibility",
    module: "src/clinical/eligibility/tace.ts",
    tests: ["src/clinical/eligibility/eligibility.test.ts"],
    inputs: ["childPugh", "ecog", "labs", "vascularInvasion", "extrahepaticSpread", "tumors", "safety layer"],
    thresholds: [
      ["creatinine mg/dL (intl ≥, cn >)", `${TACE_CREATININE_MG_DL}`],
      ["creatinine clearance mL/min", `< ${TACE_CRCL_MIN_ML_MIN}`],
      ["bilirubin mg/dL (relative)", `intl > ${TACE_BILIRUBIN_MG_DL.intl}, cn > ${TACE_BILIRUBIN_MG_DL.cn}`],
      ["tumour share of liver (%)", `≥ ${TACE_EXTENSIVE_PERCENT}`],
      ["largest tumour (cm, intl relative)", `≥ ${TACE_LARGE_TUMOR_CM}`],
      ["platelets ×10⁹/L / leukocytes ×10⁹/L", `< ${TACE_PLATELETS_MIN} / < ${TACE_WBC_MIN}`],
      ["ECOG", `> ${ECOG_MAX} absolute`],
      ["expected survival (months)", `< ${LIFE_EXPECTANCY_MIN_MONTHS}`],
    ],
    sources: ["easl2018TaceTable", "cnTaceGuideline", "sir2012TaceQi"],
  },
  {
    id: "eligibility-haic",
    title: "HAIC (FOLFOX) eligibility",
    module: "src/clinical/eligibility/haic.ts",
    tests: ["src/clinical/eligibility/eligibility.test.ts"],
    inputs: ["childPugh", "ecog", "labs", "safety layer"],
    thresholds: [
      ["bilirubin mg/dL (relative)", `> ${HAIC_BILIRUBIN_MG_DL}`],
      ["platelets / neutrophils ×10⁹/L (relative)", `< ${HAIC_PLATELETS_MIN} / < ${HAIC_NEUTROPHILS_MIN}`],
    ],
    sources: ["he2019Haic", "lyu2022Fohaic1", "oxaliplatinSmpc"],
  },
  {
    id: "eligibility-tare",
    title: "TARE (Y-90) eligibility",
    module: "src/clinical/eligibility/tare.ts",
    tests: ["src/clinical/eligibility/eligibility.test.ts", "src/clinical/safety/safety.test.ts"],
    inputs: ["y90", "childPugh", "ecog", "labs", "safety layer"],
    thresholds: [
      ["ECOG", `≤ ${ECOG_MAX}`],
      ["bilirubin mg/dL (relative)", `> ${TARE_BILIRUBIN_MG_DL}`],
      ["leukocytes / platelets ×10⁹/L (relative)", `< ${TARE_WBC_MIN} / < ${TARE_PLATELETS_MIN}`],
      ["GFR mL/min (relative)", `< ${TARE_GFR_MIN}`],
    ],
    sources: ["eanm2022Re", "cirseReTable", "sirSpheresIfu", "therasphereIfu"],
  },
  {
    id: "eligibility-ablation",
    title: "Thermal ablation and cryoablation eligibility",
    module: "src/clinical/eligibility/ablation.ts",
    tests: ["src/clinical/eligibility/eligibility.test.ts"],
    inputs: ["tumors", "vascularInvasion", "extrahepaticSpread", "infiltrative", "labs", "safety layer"],
    thresholds: [
      [
        "thermal single nodule (cm), intl full / max",
        `${ABLATION_SINGLE_CM.thermalAblation.intl.full} / ${ABLATION_SINGLE_CM.thermalAblation.intl.max}`,
      ],
      [
        "cryo single nodule (cm), intl full / max",
        `${ABLATION_SINGLE_CM.cryoablation.intl.full} / ${ABLATION_SINGLE_CM.cryoablation.intl.max}`,
      ],
      ["platelets ×10⁹/L / INR (relative)", `< ${ABLATION_PLATELETS_MIN} / > ${ABLATION_INR_MAX}`],
    ],
    sources: ["aasld2023", "cnTaceGuideline", "wang2015Cryo", "sir2019Bleeding"],
  },
  {
    id: "doses",
    title: "Chemotherapy doses for cTACE, DEB-TACE, HAIC",
    module: "src/clinical/dosing/chemo.ts",
    tests: ["src/clinical/dosing/chemo.test.ts", "test/safety-invariants.test.ts"],
    inputs: ["height", "weight", "labs.bilirubin", "tumors"],
    thresholds: [
      ["doxorubicin mg/m²", list([DOXORUBICIN_MG_PER_M2.low, DOXORUBICIN_MG_PER_M2.high])],
      ["DEB-TACE doxorubicin per session (mg)", `≤ ${DEB_MAX_DOXORUBICIN_MG}`],
      ["Lipiodol (mL)", `${LIPIODOL_ML.perCm} per cm, ≤ ${LIPIODOL_ML.usualMax}`],
      ...HEPATIC_REDUCTION.map(
        (b) => [`bilirubin ${b.inclusive ? "≥" : ">"} ${b.from} mg/dL`, b.text] as const,
      ),
    ],
    sources: ["doxorubicinLabel", "lammer2010PrecisionV", "he2019Haic", "lyu2022Fohaic1"],
  },
  {
    id: "units",
    title: "Units and plausibility",
    module: "src/clinical/units/analytes.ts",
    tests: ["src/clinical/units/analytes.test.ts", "src/clinical/units/plausibility.test.ts"],
    inputs: Object.keys(ANALYTES),
    thresholds: Object.entries(ANALYTES).map(
      ([k, d]) =>
        [
          k,
          `${d.min}–${d.max} ${d.canonical}; units ${Object.keys(d.units).join(", ")} (and their UCUM equivalents)`,
        ] as const,
    ),
    sources: [],
  },
];

const source = (id: SourceId): Source => SOURCES[id];

function link(id: SourceId): string {
  const s = source(id);
  return s.doi ? `[${s.label}](https://doi.org/${s.doi})` : s.url ? `[${s.label}](${s.url})` : s.label;
}

function rulePage(r: RuleEntry): string {
  const lines = [
    `# ${r.title}`,
    "",
    `Decided by \`${r.module}\`; checked by ${r.tests.map((t) => `\`${t}\``).join(", ")}.`,
    "",
    "## Inputs",
    "",
    ...r.inputs.map((i) => `- \`${i}\``),
    "",
    "## Thresholds",
    "",
    "| rule | threshold |",
    "|---|---|",
    ...r.thresholds.map(([k, v]) => `| ${k} | ${v} |`),
    "",
    "## Sources",
    "",
    ...(r.sources.length === 0
      ? ["Implementation guards (no clinical source): see the module's comment."]
      : r.sources.map((id) => `- ${link(id)} — ${formatSource(SOURCES[id])} (${SOURCES[id].verification})`)),
    "",
  ];
  return lines.join("\n");
}

function indexPage(): string {
  return [
    "# Hepatica rulebook",
    "",
    "Generated from the rule modules and the evidence registry (`npm run rules:docs`); do not edit by hand.",
    "Each page lists a rule's inputs, thresholds (read from the constants the code compares with), sources and tests.",
    "",
    ...RULEBOOK.map((r) => `- [${r.title}](${r.id}.md)`),
    "- [Sources](sources.md)",
    "",
  ].join("\n");
}

function sourcesPage(): string {
  const ids = Object.keys(SOURCES) as SourceId[];
  return [
    "# Sources",
    "",
    "Every source a rule cites, with how this project checked it: `verified` (read in a retrieved copy), `secondary` (through secondary sources), `recalled` (to re-check).",
    "",
    "| id | source | DOI / URL | checked |",
    "|---|---|---|---|",
    ...ids.map((id) => {
      const s = source(id);
      const doi = s.doi ? `[${s.doi}](https://doi.org/${s.doi})` : s.url ? `[link](${s.url})` : "—";
      return `| \`${id}\` | ${s.reference.replaceAll("|", "/")} | ${doi} | ${s.verification} |`;
    }),
    "",
  ].join("\n");
}

/** The rulebook's pages: file name → Markdown. */
export function rulebookPages(): ReadonlyMap<string, string> {
  const pages = new Map<string, string>([["README.md", indexPage()]]);
  for (const r of RULEBOOK) pages.set(`${r.id}.md`, rulePage(r));
  pages.set("sources.md", sourcesPage());
  return pages;
}
