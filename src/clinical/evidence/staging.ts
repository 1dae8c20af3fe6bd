import { defineSources } from "./source.js";

/**
 * Staging systems, tumour-burden criteria and the first-line systemic trials that the
 * stage-linked options rest on (staging-treatment.md §0–3, scores.md §6.1–6.4).
 *
 * Verification follows the reference's own table (staging-treatment.md §0, scores.md §6):
 * `secondary` where the reference verified the content through independent secondary
 * sources, `recalled` where it marks the DOI or content [recalled]/[UNVERIFIED].
 */
export const STAGING_SOURCES = defineSources({
  reig2022Bclc: {
    label: "Reig 2022 (BCLC 2022)",
    reference:
      "Reig M, Forner A, Rimola J, et al. BCLC strategy for prognosis prediction and treatment recommendation: the 2022 update. J Hepatol 2022;76(3):681-693",
    doi: "10.1016/j.jhep.2021.11.018",
    // Stage definitions and the B split verified via >=2 independent secondary sources;
    // the figure's 0/A branch details are [UNVERIFIED] (staging-treatment.md §0).
    verification: "secondary",
  },
  cnlc2022: {
    label: "CNLC 2022 (Zhou 2023)",
    reference:
      "Zhou J, Sun H, Wang Z, et al. Guidelines for the diagnosis and treatment of primary liver cancer (2022 edition). Liver Cancer 2023 (National Health Commission of the PRC; CNLC staging identical to the 2019 edition)",
    // Stage criteria verified (2019 wording reproduced verbatim; Clin Mol Hepatol 2023 review,
    // PMC10121293); per-stage option order [UNVERIFIED] (staging-treatment.md §0, §2.2).
    verification: "secondary",
  },
  cnlc2024: {
    label: "CNLC 2024",
    reference:
      "National Health Commission of the PRC. Guidelines for the diagnosis and treatment of primary liver cancer (2024 edition) [原发性肝癌诊疗指南(2024年版)]. Xiehe Yixue Zazhi 2024;15(3):532-559",
    doi: "10.12290/xhyxzz.2024-0304",
    // Abstract, opening and two structured public summaries of the roadmap only.
    verification: "secondary",
  },
  ajcc8Liver: {
    label: "AJCC 8th ed. (liver)",
    reference:
      "Amin MB, Edge SB, Greene FL, et al., eds. AJCC Cancer Staging Manual, 8th edition. Springer 2017; chapter Liver (hepatocellular carcinoma)",
    verification: "recalled",
  },
  mazzaferro1996Milan: {
    label: "Mazzaferro 1996 (Milan)",
    reference:
      "Mazzaferro V, Regalia E, Doci R, et al. Liver transplantation for the treatment of small hepatocellular carcinomas in patients with cirrhosis. N Engl J Med 1996;334(11):693-699",
    doi: "10.1056/NEJM199603143341104",
    verification: "recalled",
  },
  yao2001Ucsf: {
    label: "Yao 2001 (UCSF)",
    reference:
      "Yao FY, Ferrell L, Bass NM, et al. Liver transplantation for hepatocellular carcinoma: expansion of the tumor size limits does not adversely impact survival. Hepatology 2001;33(6):1394-1403",
    doi: "10.1053/jhep.2001.24563",
    verification: "recalled",
  },
  mazzaferro2009UpToSeven: {
    label: "Mazzaferro 2009 (up-to-seven)",
    reference:
      "Mazzaferro V, Llovet JM, Miceli R, et al. Predicting survival after liver transplantation in patients with hepatocellular carcinoma beyond the Milan criteria: a retrospective, exploratory analysis. Lancet Oncol 2009;10(1):35-43",
    doi: "10.1016/S1470-2045(08)70284-5",
    verification: "recalled",
  },
  wang2019SixAndTwelve: {
    label: "Wang 2019 (six-and-twelve)",
    reference:
      "Wang Q, Xia D, Bai W, et al. Development of a prognostic score for recommended TACE candidates with hepatocellular carcinoma: a multicentre observational study. J Hepatol 2019;70(5):893-903",
    doi: "10.1016/j.jhep.2019.01.013",
    // Model and cut-offs verified from a news summary of the paper; DOI recalled (scores.md §6.4).
    verification: "secondary",
  },
  finn2020Imbrave150: {
    label: "IMbrave150 (Finn 2020)",
    reference:
      "Finn RS, Qin S, Ikeda M, et al. Atezolizumab plus bevacizumab in unresectable hepatocellular carcinoma. N Engl J Med 2020;382(20):1894-1905",
    doi: "10.1056/NEJMoa1915745",
    verification: "recalled",
  },
  abouAlfa2022Himalaya: {
    label: "HIMALAYA (Abou-Alfa 2022)",
    reference:
      "Abou-Alfa GK, Lau G, Kudo M, et al. Tremelimumab plus durvalumab in unresectable hepatocellular carcinoma. NEJM Evid 2022;1(8)",
    doi: "10.1056/EVIDoa2100070",
    verification: "recalled",
  },
  llovet2008Sharp: {
    label: "SHARP (Llovet 2008)",
    reference:
      "Llovet JM, Ricci S, Mazzaferro V, et al. Sorafenib in advanced hepatocellular carcinoma. N Engl J Med 2008;359(4):378-390",
    doi: "10.1056/NEJMoa0708857",
    verification: "recalled",
  },
  kudo2018Reflect: {
    label: "REFLECT (Kudo 2018)",
    reference:
      "Kudo M, Finn RS, Qin S, et al. Lenvatinib versus sorafenib in first-line treatment of patients with unresectable hepatocellular carcinoma: a randomised phase 3 non-inferiority trial. Lancet 2018;391(10126):1163-1173",
    doi: "10.1016/S0140-6736(18)30207-1",
    verification: "recalled",
  },
});
