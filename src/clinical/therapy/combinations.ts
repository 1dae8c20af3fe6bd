/**
 * Combinations a tumour board discusses: locoregional treatment with systemic therapy (LAUNCH,
 * EMERALD-1, LEAP-012), TACE with HAIC, HAIC with systemic therapy, and adjuvant therapy after a
 * curative resection or ablation (IMbrave050 atezolizumab–bevacizumab; CIK cells, Lee 2015).
 *
 * Each combination carries its trial, the trial's population as criteria with where this patient
 * fits (`fit`: met / not met / unknown, with the value observed), the trial's result, the
 * contraindication check of its systemic regimen (read from the record), and the guideline
 * positions side by side — BCLC 2022 (international) and CNLC 2024 (China) — never merged.
 *
 * Status rule [DECISION]: any population criterion not met, or a contraindicated regimen →
 * `not-applicable`; any criterion unknown → `cannot-decide`; otherwise `worth-discussing`. A
 * regimen whose pre-treatment checks are missing keeps the status and lists them. Decision
 * support for clinicians: the tumour board decides.
 */
import type { Assessment } from "../assess.js";
import type { ParsedCase } from "../case/types.js";
import type { EligibilityResult } from "../eligibility/index.js";
import { cite, type SourceId } from "../evidence/index.js";
import { known } from "../result.js";
import type { RegimenCode } from "./catalogue.js";
import { checkRegimen, type RegimenCheck } from "./contraindications.js";

export type Stance = "endorsed" | "in-trials" | "not-recommended" | "not-addressed";

export interface GuidelinePosition {
  readonly guideline: "BCLC 2022" | "CNLC 2024";
  readonly stance: Stance;
  readonly note: string;
  readonly sources: readonly SourceId[];
  /** How the position was checked (as the evidence registry's tags). */
  readonly verification: "verified" | "secondary" | "recalled";
}

export interface FitCriterion {
  /** Stable id of the criterion, e.g. `child-pugh`. */
  readonly criterion: string;
  /** What the trial required, in input terms. */
  readonly required: string;
  /** This patient's value, or null when unknown. */
  readonly observed: string | null;
  readonly met: boolean | null;
  /** The input paths that decide the criterion (listed when unknown). */
  readonly inputs: readonly string[];
}

export interface Combination {
  readonly id: string;
  readonly title: string;
  readonly status: "worth-discussing" | "not-applicable" | "cannot-decide";
  readonly why: string;
  readonly evidence: string;
  readonly citation: string;
  readonly trial?: string;
  readonly population?: string;
  readonly fit?: readonly FitCriterion[];
  readonly regimen?: RegimenCheck;
  readonly positions?: readonly GuidelinePosition[];
  readonly sources?: readonly SourceId[];
}

/** LAUNCH, LEAP-012, IMbrave050: Child-Pugh A only. */
const CHILD_PUGH_A = "Child-Pugh A";
/** TACE + HAIC is discussed for large tumours: largest > 7 cm (Li 2022 enrolled > 7 cm). */
export const LARGE_TUMOR_CM = 7;
/** IMbrave050 high-risk definition: largest tumour > 5 cm (resection); 2–5 cm (ablation). */
export const IMBRAVE050_LARGE_CM = 5;
export const IMBRAVE050_ABLATION_MIN_CM = 2;

function crit(
  criterion: string,
  required: string,
  observed: string | null,
  met: boolean | null,
  inputs: readonly string[],
): FitCriterion {
  return { criterion, required, observed, met, inputs };
}

function childPughFit(a: Assessment, allowB7: boolean): FitCriterion {
  const cp = a.childPugh.status === "ok" ? a.childPugh : undefined;
  const required = allowB7 ? "Child-Pugh A–B7" : CHILD_PUGH_A;
  if (!cp) return crit("child-pugh", required, null, null, ["labs", "ascites", "encephalopathy"]);
  const ok = cp.class === "A" || (allowB7 && cp.class === "B" && cp.score <= 7);
  return crit("child-pugh", required, `${cp.class}${cp.score}`, ok, []);
}

function ecogFit(a: Assessment, max: number): FitCriterion {
  const g = a.ecog.status === "ok" ? a.ecog.grade : undefined;
  return crit(
    "ecog",
    `ECOG 0–${max}`,
    g === undefined ? null : String(g),
    g === undefined ? null : g <= max,
    g === undefined ? ["ecog"] : [],
  );
}

function noSpreadFit(c: ParsedCase): FitCriterion {
  const s = known(c.extrahepaticSpread);
  return crit(
    "no-extrahepatic-spread",
    "no extrahepatic spread",
    s === undefined ? null : s ? "present" : "absent",
    s === undefined ? null : !s,
    s === undefined ? ["extrahepaticSpread"] : [],
  );
}

/** Macrovascular invasion limited as the trial allowed: `none` or up to the grades listed. */
function portalFit(c: ParsedCase, allowed: readonly string[], required: string): FitCriterion {
  const present = known(c.vascularInvasion.present);
  const grade = known(c.vascularInvasion.portalVein);
  if (present === false) return crit("portal-vein", required, "none", true, []);
  if (present === true && grade !== undefined)
    return crit("portal-vein", required, grade, allowed.includes(grade), []);
  if (present === true && known(c.vascularInvasion.hepaticVein) !== undefined && allowed.length > 0)
    return crit("portal-vein", required, "hepatic vein only", true, []);
  return crit("portal-vein", required, present === true ? "present, grade unknown" : null, null, [
    "vascularInvasion.portalVein",
  ]);
}

function eligibleFit(id: string, label: string, rs: readonly EligibilityResult[]): FitCriterion {
  const ok = rs.some((r) => r.status === "ok" && r.verdict !== "contraindicated");
  const contra = rs.every((r) => r.status === "ok" && r.verdict === "contraindicated");
  const observed = rs.map((r) => (r.status === "ok" ? r.verdict : r.status)).join(" / ");
  return crit(id, `${label} not contraindicated`, observed, ok ? true : contra ? false : null, []);
}

function statusOf(fit: readonly FitCriterion[], regimen?: RegimenCheck): Combination["status"] {
  if (fit.some((f) => f.met === false) || regimen?.verdict === "contraindicated") return "not-applicable";
  if (fit.some((f) => f.met === null)) return "cannot-decide";
  return "worth-discussing";
}

function why(fit: readonly FitCriterion[], regimen?: RegimenCheck): string {
  const parts = fit.map(
    (f) =>
      `${f.required}: ${f.observed ?? "unknown"} (${f.met === null ? "unknown" : f.met ? "fits" : "does not fit"})`,
  );
  if (regimen) parts.push(regimen.reason.replace(/\.$/, ""));
  return `${parts.join("; ")}.`;
}

interface Spec {
  readonly id: string;
  readonly title: string;
  readonly trial: string;
  readonly population: string;
  readonly evidence: string;
  readonly sources: readonly SourceId[];
  readonly positions: readonly GuidelinePosition[];
  readonly fit: readonly FitCriterion[];
  readonly regimen?: RegimenCode;
  readonly c: ParsedCase;
}

function combination(s: Spec): Combination {
  const regimen = s.regimen ? checkRegimen(s.regimen, s.c) : undefined;
  return {
    id: s.id,
    title: s.title,
    status: statusOf(s.fit, regimen),
    why: why(s.fit, regimen),
    evidence: s.evidence,
    citation: cite(...s.sources),
    trial: s.trial,
    population: s.population,
    fit: s.fit,
    ...(regimen ? { regimen } : {}),
    positions: s.positions,
    sources: s.sources,
  };
}

const BCLC_NO_COMBINATION: GuidelinePosition = {
  guideline: "BCLC 2022",
  stance: "not-addressed",
  note: "BCLC 2022 lists TACE and systemic therapy as separate options; no TACE + systemic combination is among its recommendations.",
  sources: ["reig2022Bclc"],
  verification: "verified",
};
const CNLC_TACE_SYSTEMIC: GuidelinePosition = {
  guideline: "CNLC 2024",
  stance: "endorsed",
  note: "The Chinese 2024 guideline recommends TACE combined with systemic therapy (targeted and immune agents) for CNLC IIb–IIIa.",
  sources: ["cnlc2024", "cnTaceGuideline"],
  verification: "secondary",
};
const BCLC_NO_HAIC: GuidelinePosition = {
  guideline: "BCLC 2022",
  stance: "not-recommended",
  note: "HAIC is not among BCLC 2022 options; EASL/AASLD: not outside trials.",
  sources: ["reig2022Bclc", "aasld2023"],
  verification: "secondary",
};
const BCLC_NO_ADJUVANT: GuidelinePosition = {
  guideline: "BCLC 2022",
  stance: "not-recommended",
  note: "BCLC 2022: no adjuvant therapy has proven to prevent recurrence after resection or ablation (published before IMbrave050).",
  sources: ["reig2022Bclc"],
  verification: "secondary",
};

function stageInfo(a: Assessment) {
  const bclc = a.bclc.status === "ok" ? a.bclc.stage : null;
  const cnlc = a.cnlc.status === "ok" ? a.cnlc.stage : null;
  return { bclc, cnlc };
}

function stageFit(
  a: Assessment,
  id: string,
  required: string,
  test: (bclc: string | null, cnlc: string | null) => boolean,
): FitCriterion {
  const { bclc, cnlc } = stageInfo(a);
  const observed = `BCLC ${bclc ?? "?"}, CNLC ${cnlc ?? "?"}`;
  if (bclc === null && cnlc === null) return crit(id, required, null, null, ["bclc", "cnlc"]);
  return crit(id, required, observed, test(bclc, cnlc), []);
}

const advanced = (bclc: string | null, cnlc: string | null) =>
  bclc === "C" || cnlc?.startsWith("III") === true;

/** Largest listed tumour diameter (cm) and count, when known. */
function burden(c: ParsedCase): { largest: number | undefined; count: number | undefined } {
  const ts = known(c.tumors);
  const sizes = ts?.map((t) => t.diameterCm).filter((d): d is number => d !== undefined) ?? [];
  const count = known(c.tumorCountTotal) ?? ts?.length;
  return { largest: sizes.length > 0 && sizes.length === ts?.length ? Math.max(...sizes) : undefined, count };
}

/** The IMbrave050 high-risk definition after resection or ablation (Qin 2023, Methods). */
function imbrave050HighRisk(c: ParsedCase): FitCriterion {
  const modality = known(c.therapy.curativeTreatment.modality);
  const { largest, count } = burden(c);
  const required =
    "IMbrave050 high risk — resection: > 5 cm, or ≥ 4 tumours, or ≤ 3 tumours ≤ 5 cm with vascular invasion (microvascular, Vp1–Vp2) or grade 3–4; ablation: single 2–5 cm, or 2–4 tumours all ≤ 5 cm";
  if (modality === undefined)
    return crit("imbrave050-high-risk", required, null, null, ["curativeTreatment.modality"]);
  if (largest === undefined || count === undefined)
    return crit("imbrave050-high-risk", required, null, null, ["tumors"]);
  const observed = `${modality}: ${count} tumour(s), largest ${largest} cm`;
  if (modality === "ablation") {
    const met =
      largest <= IMBRAVE050_LARGE_CM && (count === 1 ? largest > IMBRAVE050_ABLATION_MIN_CM : count <= 4);
    return crit("imbrave050-high-risk", required, observed, met, []);
  }
  if (largest > IMBRAVE050_LARGE_CM || count >= 4)
    return crit("imbrave050-high-risk", required, observed, true, []);
  const mvi = known(c.vascularInvasion.microvascular);
  const vp = known(c.vascularInvasion.portalVein);
  const grade = known(c.therapy.histologicGrade);
  const risky = mvi === true || vp === "Vp1" || vp === "Vp2" || (grade !== undefined && grade >= 3);
  if (risky)
    return crit("imbrave050-high-risk", required, `${observed}; vascular invasion or grade 3–4`, true, []);
  const unknown = [
    ...(mvi === undefined ? ["vascularInvasion.microvascular"] : []),
    ...(grade === undefined ? ["histologicGrade"] : []),
  ];
  return crit("imbrave050-high-risk", required, observed, unknown.length > 0 ? null : false, unknown);
}

function curativeDoneFit(c: ParsedCase, allowed: readonly string[]): FitCriterion {
  const modality = known(c.therapy.curativeTreatment.modality);
  const complete = known(c.therapy.curativeTreatment.complete);
  const required = `curative ${allowed.join(" or ")}, complete (R0 / complete ablation)`;
  if (modality === undefined)
    return crit("curative-treatment", required, null, null, ["curativeTreatment.modality"]);
  if (complete === undefined)
    return crit("curative-treatment", required, modality, null, ["curativeTreatment.complete"]);
  return crit(
    "curative-treatment",
    required,
    `${modality}${complete ? ", complete" : ", not complete"}`,
    allowed.includes(modality) && complete,
    [],
  );
}

/**
 * Adjuvant combinations apply only after a curative treatment: with none recorded they are
 * `not-applicable` (said so), not `cannot-decide` for every untreated patient.
 */
function adjuvant(comb: Combination, c: ParsedCase): Combination {
  if (known(c.therapy.curativeTreatment.modality) !== undefined) return comb;
  return {
    ...comb,
    status: "not-applicable",
    why: "Applies only after a curative resection or ablation; none is given (curativeTreatment.modality).",
  };
}

/** The combinations of an assessment, in the order a tumour board reads them. */
export function combinations(a: Assessment, c: ParsedCase): Combination[] {
  const e = a.eligibility;
  const taceCn = [e.ctace.cn, e.debtace.cn];
  const taceIntl = [e.ctace.intl, e.debtace.intl];
  const weight = a.bsa.status === "ok" ? a.bsa.weightKg : undefined;
  const lenvatinibDose =
    weight === undefined
      ? "12 mg if ≥ 60 kg, 8 mg if < 60 kg"
      : weight >= 60
        ? "12 mg/day (≥ 60 kg)"
        : "8 mg/day (< 60 kg)";
  const { largest } = burden(c);

  const out: Combination[] = [
    combination({
      id: "launch",
      title: "TACE + lenvatinib (LAUNCH)",
      trial: "LAUNCH (phase 3, China)",
      population: `Advanced HCC (BCLC C / CNLC III), first line, Child-Pugh A, ECOG 0–1; lenvatinib ${lenvatinibDose} with on-demand TACE.`,
      evidence:
        "LAUNCH: OS 17.8 vs 11.5 months (HR 0.45), PFS 10.6 vs 6.4, mRECIST ORR 54.1 % vs 25.0 %; a Chinese single-country trial.",
      sources: ["peng2023Launch", "cnTaceGuideline"],
      positions: [BCLC_NO_COMBINATION, CNLC_TACE_SYSTEMIC],
      fit: [
        stageFit(a, "advanced-stage", "advanced stage (BCLC C or CNLC III)", advanced),
        childPughFit(a, false),
        ecogFit(a, 1),
        eligibleFit("tace-cn", "cTACE/DEB-TACE under cn", taceCn),
      ],
      regimen: "lenvatinib",
      c,
    }),
    combination({
      id: "emerald1",
      title: "TACE + durvalumab + bevacizumab (EMERALD-1)",
      trial: "EMERALD-1 (phase 3, global)",
      population:
        "Unresectable HCC eligible for embolization, no extrahepatic spread, Child-Pugh A–B7, ECOG 0–1.",
      evidence:
        "EMERALD-1: PFS 15.0 vs 8.2 months for durvalumab + bevacizumab + TACE (HR 0.77); durvalumab + TACE not significant; OS pending at report. A PFS-only benefit does not change BCLC first options.",
      sources: ["sangro2025Emerald1"],
      positions: [BCLC_NO_COMBINATION, CNLC_TACE_SYSTEMIC],
      fit: [
        childPughFit(a, true),
        ecogFit(a, 1),
        noSpreadFit(c),
        eligibleFit("tace-intl", "cTACE/DEB-TACE under intl", taceIntl),
      ],
      regimen: "durvalumab-bevacizumab",
      c,
    }),
    combination({
      id: "leap012",
      title: "TACE + lenvatinib + pembrolizumab (LEAP-012)",
      trial: "LEAP-012 (phase 3, global)",
      population:
        "Unresectable, non-metastatic HCC amenable to TACE, not to curative treatment; Child-Pugh A, ECOG 0–1; no main portal vein (Vp4) invasion.",
      evidence:
        "LEAP-012: PFS 14.6 vs 10.0 months (HR 0.66); OS at 24 months 75 % vs 69 % (HR 0.80, not significant at the interim analysis; the sponsors later reported that OS would not reach significance); grade ≥ 3 treatment-related adverse events 71 % vs 32 %.",
      sources: ["kudo2025Leap012"],
      positions: [BCLC_NO_COMBINATION, CNLC_TACE_SYSTEMIC],
      fit: [
        childPughFit(a, false),
        ecogFit(a, 1),
        noSpreadFit(c),
        portalFit(c, ["Vp1", "Vp2", "Vp3"], "no main portal vein (Vp4) invasion"),
        eligibleFit("tace-intl", "cTACE/DEB-TACE under intl", taceIntl),
      ],
      regimen: "lenvatinib-pembrolizumab",
      c,
    }),
    combination({
      id: "tace-haic",
      title: "TACE + HAIC (FOLFOX)",
      trial: "Non-randomised series; HAIC-FOLFOX vs TACE for large HCC (Li 2022, phase 3)",
      population: `Large unresectable HCC (largest > ${LARGE_TUMOR_CM} cm) or CNLC IIb–IIIa, with TACE and HAIC both feasible.`,
      evidence:
        "Li 2022: HAIC-FOLFOX improved OS over TACE for large HCC; TACE combined with HAIC is supported by Chinese non-randomised series only (no phase 3 result).",
      sources: ["li2022HaicVsTace", "cnTaceGuideline"],
      positions: [
        BCLC_NO_HAIC,
        {
          guideline: "CNLC 2024",
          stance: "in-trials",
          note: "HAIC-FOLFOX is a CNLC 2024 option for IIb–IIIb; TACE combined with HAIC is practised and studied in China but rests on non-randomised evidence.",
          sources: ["cnlc2024", "cnTaceGuideline"],
          verification: "recalled",
        },
      ],
      fit: [
        largest === undefined && stageInfo(a).cnlc === null
          ? crit("large-or-iib-iiia", `largest > ${LARGE_TUMOR_CM} cm or CNLC IIb–IIIa`, null, null, [
              "tumors",
            ])
          : crit(
              "large-or-iib-iiia",
              `largest > ${LARGE_TUMOR_CM} cm or CNLC IIb–IIIa`,
              `largest ${largest ?? "?"} cm, CNLC ${stageInfo(a).cnlc ?? "?"}`,
              (largest !== undefined && largest > LARGE_TUMOR_CM) ||
                stageInfo(a).cnlc === "IIb" ||
                stageInfo(a).cnlc === "IIIa",
              [],
            ),
        eligibleFit("tace-cn", "cTACE/DEB-TACE under cn", taceCn),
        eligibleFit("haic-cn", "HAIC under cn", [e.haic.cn]),
      ],
      c,
    }),
    combination({
      id: "haic-systemic",
      title: "HAIC (FOLFOX) + systemic therapy",
      trial: "He 2019 (phase 3, PVTT); FOHAIC-1 (phase 3)",
      population: "Advanced HCC (CNLC IIb–III, BCLC C), notably with portal vein tumour thrombus.",
      evidence:
        "He 2019 (PVTT): sorafenib + HAIC-FOLFOX OS 13.37 vs 7.13 months; FOHAIC-1: HAIC-FOLFOX vs sorafenib OS 13.9 vs 8.2 months, 12.3 % downstaged to curative treatment.",
      sources: ["he2019Haic", "lyu2022Fohaic1"],
      positions: [
        BCLC_NO_HAIC,
        {
          guideline: "CNLC 2024",
          stance: "endorsed",
          note: "The Chinese 2024 guideline recommends HAIC-FOLFOX, alone or with systemic therapy, for CNLC IIb–IIIb.",
          sources: ["cnlc2024", "lyu2022Fohaic1"],
          verification: "secondary",
        },
      ],
      fit: [
        stageFit(
          a,
          "advanced-or-iib",
          "advanced stage or CNLC IIb",
          (b, cn) => advanced(b, cn) || cn === "IIb",
        ),
        eligibleFit("haic-cn", "HAIC under cn", [e.haic.cn]),
      ],
      c,
    }),
    adjuvant(
      combination({
        id: "adjuvant-atezolizumab-bevacizumab",
        title: "Adjuvant atezolizumab + bevacizumab after resection or ablation (IMbrave050)",
        trial: "IMbrave050 (phase 3, global)",
        population:
          "High-risk HCC after curative resection or ablation, Child-Pugh A, ECOG 0–1, no extrahepatic spread or Vp3–Vp4; 17 cycles (12 months).",
        evidence:
          "IMbrave050: recurrence-free survival HR 0.72 at the interim analysis (12-month RFS 78 % vs 65 %); at the updated analysis HR 0.90, no longer significant; overall survival immature.",
        sources: ["qin2023Imbrave050", "yopp2025Imbrave050Update"],
        positions: [
          BCLC_NO_ADJUVANT,
          {
            guideline: "CNLC 2024",
            stance: "in-trials",
            note: "The Chinese 2024 guideline cites IMbrave050 for high-risk patients; the updated analysis no longer shows a significant benefit.",
            sources: ["cnlc2024", "yopp2025Imbrave050Update"],
            verification: "recalled",
          },
        ],
        fit: [
          curativeDoneFit(c, ["resection", "ablation"]),
          imbrave050HighRisk(c),
          childPughFit(a, false),
          ecogFit(a, 1),
          noSpreadFit(c),
          portalFit(c, ["Vp1", "Vp2"], "no Vp3–Vp4 invasion"),
        ],
        regimen: "atezolizumab-bevacizumab",
        c,
      }),
      c,
    ),
    adjuvant(
      combination({
        id: "adjuvant-cik",
        title: "Adjuvant CIK cell therapy after curative treatment (Lee 2015)",
        trial: "Lee 2015 (phase 3, Korea); Xu 2016 (phase 3, China)",
        population:
          "HCC after curative resection, radiofrequency ablation or ethanol injection, without macrovascular invasion or extrahepatic spread; autologous CIK cells, 16 injections over 60 weeks.",
        evidence:
          "Lee 2015: recurrence-free survival 44.0 vs 30.0 months (HR 0.63), fewer deaths (all-cause HR 0.21); Xu 2016 (after resection): longer time to recurrence (13.6 vs 7.8 months) without a difference in disease-free or overall survival. A single manufactured product in one country; not in the international guidelines.",
        sources: ["lee2015Cik", "xu2016CikResection"],
        positions: [
          BCLC_NO_ADJUVANT,
          {
            guideline: "CNLC 2024",
            stance: "in-trials",
            note: "The Chinese guideline mentions cell therapy such as CIK as having some evidence of reducing recurrence after curative treatment; in China it is given within approved clinical studies.",
            sources: ["cnlc2024", "lee2015Cik"],
            verification: "recalled",
          },
        ],
        fit: [
          curativeDoneFit(c, ["resection", "ablation"]),
          portalFit(c, [], "no macrovascular invasion"),
          noSpreadFit(c),
        ],
        regimen: "cik-cells",
        c,
      }),
      c,
    ),
  ];
  return out;
}
