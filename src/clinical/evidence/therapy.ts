import { defineSources } from "./source.js";

/**
 * Systemic regimens, combinations of locoregional with systemic treatment, adjuvant therapy and
 * cell therapy (the therapy catalogue, src/clinical/therapy). Verification tags as elsewhere:
 * `verified` read in a retrieved copy (abstract or full text), `secondary` through a trustworthy
 * summary, `recalled` from memory of the paper (to re-check before clinical release).
 */
export const THERAPY_SOURCES = defineSources({
  kudo2025Leap012: {
    label: "LEAP-012 (Kudo 2025)",
    reference:
      "Kudo M, Ren Z, Guo Y, et al. Transarterial chemoembolisation combined with lenvatinib plus pembrolizumab versus dual placebo for unresectable, non-metastatic hepatocellular carcinoma (LEAP-012): a multicentre, randomised, double-blind, phase 3 study. Lancet 2025;405(10474):203-215",
    doi: "10.1016/S0140-6736(24)02575-3",
    verification: "secondary",
  },
  qin2023Imbrave050: {
    label: "IMbrave050 (Qin 2023)",
    reference:
      "Qin S, Chen M, Cheng AL, et al. Atezolizumab plus bevacizumab versus active surveillance in patients with resected or ablated high-risk hepatocellular carcinoma (IMbrave050): a randomised, open-label, multicentre, phase 3 trial. Lancet 2023;402(10415):1835-1847",
    doi: "10.1016/S0140-6736(23)01796-8",
    verification: "secondary",
  },
  yopp2025Imbrave050Update: {
    label: "IMbrave050 update (Yopp 2025)",
    reference:
      "Yopp A, Kudo M, Chen M, et al. Updated efficacy and safety data from IMbrave050: phase 3 study of adjuvant atezolizumab plus bevacizumab versus active surveillance in patients with resected or ablated high-risk hepatocellular carcinoma. Lancet Gastroenterol Hepatol 2025;10(2):123-133 (recurrence-free survival HR 0.90, no longer significant)",
    verification: "recalled",
  },
  lee2015Cik: {
    label: "Lee 2015 (adjuvant CIK cells)",
    reference:
      "Lee JH, Lee JH, Lim YS, et al. Adjuvant immunotherapy with autologous cytokine-induced killer cells for hepatocellular carcinoma. Gastroenterology 2015;148(7):1383-1391.e6 (230 patients after resection, RFA or PEI; 6.4 × 10^9 CIK cells, 16 injections over 60 weeks; recurrence-free survival 44.0 vs 30.0 months, HR 0.63)",
    doi: "10.1053/j.gastro.2015.02.055",
    verification: "secondary",
  },
  xu2016CikResection: {
    label: "Xu 2016 (adjuvant CIK after resection)",
    reference:
      "Xu L, Wang J, Kim Y, et al. A randomized controlled trial on patients with or without adjuvant autologous cytokine-induced killer cells after curative resection for hepatocellular carcinoma. OncoImmunology 2016;5(3):e1083671 (200 patients, BCLC A-B; median time to recurrence 13.6 vs 7.8 months; no difference in DFS or OS)",
    doi: "10.1080/2162402X.2015.1083671",
    verification: "secondary",
  },
  li2022HaicVsTace: {
    label: "Li 2022 (HAIC-FOLFOX vs TACE, large HCC)",
    reference:
      "Li QJ, He MK, Chen HW, et al. Hepatic arterial infusion of oxaliplatin, fluorouracil, and leucovorin versus transarterial chemoembolization for large hepatocellular carcinoma: a randomized phase III trial. J Clin Oncol 2022;40(2):150-160",
    doi: "10.1200/JCO.21.00608",
    verification: "recalled",
  },
  qin2013Each: {
    label: "EACH (Qin 2013, FOLFOX4)",
    reference:
      "Qin S, Bai Y, Lim HY, et al. Randomized, multicenter, open-label study of oxaliplatin plus fluorouracil/leucovorin versus doxorubicin as palliative chemotherapy in patients with advanced hepatocellular carcinoma from Asia. J Clin Oncol 2013;31(28):3501-3508",
    doi: "10.1200/JCO.2012.44.5643",
    verification: "recalled",
  },
  qin2021Donafenib: {
    label: "ZGDH3 (Qin 2021, donafenib)",
    reference:
      "Qin S, Bi F, Gu S, et al. Donafenib versus sorafenib in first-line treatment of unresectable or metastatic hepatocellular carcinoma: a randomized, open-label, parallel-controlled phase II-III trial. J Clin Oncol 2021;39(27):3002-3011",
    doi: "10.1200/JCO.21.00163",
    verification: "recalled",
  },
  qin2023Cares310: {
    label: "CARES-310 (Qin 2023)",
    reference:
      "Qin S, Chan SL, Gu S, et al. Camrelizumab plus rivoceranib versus sorafenib as first-line therapy for unresectable hepatocellular carcinoma (CARES-310): a randomised, open-label, international phase 3 study. Lancet 2023;402(10408):1133-1146",
    doi: "10.1016/S0140-6736(23)00961-3",
    verification: "recalled",
  },
  ren2021Orient32: {
    label: "ORIENT-32 (Ren 2021)",
    reference:
      "Ren Z, Xu J, Bai Y, et al. Sintilimab plus a bevacizumab biosimilar (IBI305) versus sorafenib in unresectable hepatocellular carcinoma (ORIENT-32): a randomised, open-label, phase 2-3 study. Lancet Oncol 2021;22(7):977-990",
    doi: "10.1016/S1470-2045(21)00252-7",
    verification: "recalled",
  },
  qin2023Rationale301: {
    label: "RATIONALE-301 (Qin 2023)",
    reference:
      "Qin S, Kudo M, Meyer T, et al. Tislelizumab vs sorafenib as first-line treatment for unresectable hepatocellular carcinoma: a phase 3 randomized clinical trial. JAMA Oncol 2023;9(12):1651-1659",
    doi: "10.1001/jamaoncol.2023.4003",
    verification: "recalled",
  },
  lenvatinibLabel: {
    label: "Lenvatinib prescribing information",
    reference:
      "LENVIMA (lenvatinib) prescribing information (Eisai): control blood pressure before starting and withhold for grade 3 hypertension; withhold for proteinuria ≥ 2 g/24 h",
    verification: "recalled",
  },
  ctcae5: {
    label: "CTCAE v5.0",
    reference:
      "U.S. Department of Health and Human Services, National Cancer Institute. Common Terminology Criteria for Adverse Events (CTCAE) version 5.0, 27 November 2017 (grades 1-5)",
    verification: "secondary",
  },
  filippiadis2017Cirse: {
    label: "CIRSE adverse-event classification (Filippiadis 2017)",
    reference:
      "Filippiadis DK, Binkert C, Pellerin O, et al. CIRSE quality assurance document and standards for classification of complications: the CIRSE classification system. Cardiovasc Intervent Radiol 2017;40(8):1141-1146 (grades 1-6)",
    doi: "10.1007/s00270-017-1703-4",
    verification: "recalled",
  },
});
