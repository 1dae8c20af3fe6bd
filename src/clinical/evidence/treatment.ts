import { defineSources } from "./source.js";

/**
 * Interventional eligibility, dosing, Y-90 dosimetry, TACE/transplant selection scores and
 * combination trials (staging-treatment.md §4–6, scores.md §6.5–6.7, §7.1–7.5).
 * Verification tags follow the reference (`clinical/README.md`).
 */
export const TREATMENT_SOURCES = defineSources({
  easl2018TaceTable: {
    label: "EASL 2018 (TACE contraindications)",
    reference:
      "European Association for the Study of the Liver. EASL Clinical Practice Guidelines: management of hepatocellular carcinoma. J Hepatol 2018;69(1):182-236, table of contraindications to TACE",
    doi: "10.1016/j.jhep.2018.03.019",
    verification: "secondary",
  },
  cnTaceGuideline: {
    label: "Chinese TACE guideline (CCI 2021)",
    reference:
      "Chinese College of Interventionalists. Chinese clinical practice guidelines for transarterial chemoembolization of hepatocellular carcinoma (2018/2021 editions); with the national guideline 原发性肝癌诊疗指南 (2024), Xiehe Yixue Zazhi 2024;15(3):532-559",
    doi: "10.12290/xhyxzz.2024-0304",
    verification: "secondary",
  },
  sir2012TaceQi: {
    label: "SIR 2012 (TACE quality improvement)",
    reference:
      "Brown DB, Nikolic B, Covey AM, et al. Quality improvement guidelines for transhepatic arterial chemoembolization, embolization, and chemotherapeutic infusion for hepatic malignancy. J Vasc Interv Radiol 2012;23(3):287-294",
    verification: "recalled",
  },
  sir2019Bleeding: {
    label: "SIR 2019 (periprocedural bleeding risk)",
    reference:
      "Patel IJ, Rahim S, Davidson JC, et al. Society of Interventional Radiology consensus guidelines for the periprocedural management of thrombotic and bleeding risk in patients undergoing percutaneous image-guided interventions. J Vasc Interv Radiol 2019;30(8):1168-1184",
    verification: "recalled",
  },
  he2019Haic: {
    label: "He 2019 (sorafenib ± HAIC-FOLFOX)",
    reference:
      "He M, Li Q, Zou R, et al. Sorafenib plus hepatic arterial infusion of oxaliplatin, fluorouracil, and leucovorin vs sorafenib alone for hepatocellular carcinoma with portal vein invasion: a randomized clinical trial. JAMA Oncol 2019;5(7):953-960",
    doi: "10.1001/jamaoncol.2019.0250",
    verification: "verified",
  },
  lyu2022Fohaic1: {
    label: "FOHAIC-1 (Lyu 2022)",
    reference:
      "Lyu N, Wang X, Li JB, et al. Arterial chemotherapy of oxaliplatin plus fluorouracil versus sorafenib in advanced hepatocellular carcinoma: a biomolecular exploratory, randomized, phase III trial (FOHAIC-1). J Clin Oncol 2022;40(5):468-480",
    doi: "10.1200/JCO.21.01963",
    verification: "verified",
  },
  oxaliplatinSmpc: {
    label: "Oxaliplatin EU SmPC",
    reference:
      "Oxaliplatin summary of product characteristics (EU): contraindications (baseline neutrophils <2×10^9/L and/or platelets <100×10^9/L; severe renal impairment, creatinine clearance <30 mL/min)",
    verification: "secondary",
  },
  eanm2022Re: {
    label: "EANM 2022 (radioembolization)",
    reference:
      "Weber M, Lam M, Chiesa C, et al. EANM procedure guideline for the treatment of liver cancer and liver metastases with intra-arterial radioactive compounds. Eur J Nucl Med Mol Imaging 2022;49(5):1682-1699",
    doi: "10.1007/s00259-021-05600-z",
    verification: "verified",
  },
  cirseReTable: {
    label: "CIRSE/EANM radioembolization contraindications",
    reference:
      "Radioembolization contraindication table after EANM/CIRSE (van Roekel thesis; CIRSE CME handbook)",
    verification: "secondary",
  },
  sirSpheresIfu: {
    label: "SIR-Spheres IFU (resin)",
    reference:
      "Sirtex Medical. SIR-Spheres Y-90 resin microspheres, instructions for use: BSA method, lung shunt activity reduction (LSF <10 % full, 10-15 % −20 %, 15-20 % −40 %, >20 % do not treat)",
    verification: "secondary",
  },
  grosser2015Lsf: {
    label: "Grosser 2015",
    reference:
      "Grosser OS, Ruf J, Kupitz D, et al. Pharmacokinetics of 99mTc-MAA- and 99mTc-HSA-microspheres used in preradioembolization dosimetry: influence on the liver-lung shunt. J Vasc Interv Radiol 2015;26(11):1615-1621 (resin activity reductions 20 % / 40 %)",
    verification: "verified",
  },
  therasphereIfu: {
    label: "TheraSphere IFU (glass)",
    reference:
      "TheraSphere Y-90 glass microspheres, package insert: MIRD single-compartment activity A = D × M / 50, liver density 1.03 g/mL; lung dose limits 30 Gy per treatment, 50 Gy cumulative",
    verification: "secondary",
  },
  levillain2021Resin: {
    label: "Levillain 2021",
    reference:
      "Levillain H, Bagni O, Deroose CM, et al. International recommendations for personalised selective internal radiation therapy of primary and metastatic liver diseases with yttrium-90 resin microspheres. Eur J Nucl Med Mol Imaging 2021;48(5):1570-1584",
    doi: "10.1007/s00259-020-05163-5",
    verification: "recalled",
  },
  wang2015Cryo: {
    label: "Wang 2015 (cryoablation vs RFA)",
    reference:
      "Wang C, Wang H, Yang W, et al. Multicenter randomized controlled trial of percutaneous cryoablation versus radiofrequency ablation in hepatocellular carcinoma. Hepatology 2015;61(5):1579-1590",
    doi: "10.1002/hep.27548",
    verification: "recalled",
  },
  aasld2023: {
    label: "AASLD 2023",
    reference:
      "Singal AG, Llovet JM, Yarchoan M, et al. AASLD practice guidance on prevention, diagnosis, and treatment of hepatocellular carcinoma. Hepatology 2023;78(6):1922-1965",
    doi: "10.1097/HEP.0000000000000466",
    verification: "verified",
  },
  lammer2010PrecisionV: {
    label: "PRECISION V (Lammer 2010)",
    reference:
      "Lammer J, Malagari K, Vogl T, et al. Prospective randomized study of doxorubicin-eluting-bead embolization in the treatment of hepatocellular carcinoma: results of the PRECISION V study. Cardiovasc Intervent Radiol 2010;33(1):41-52",
    doi: "10.1007/s00270-009-9711-7",
    verification: "recalled",
  },
  llovet2002Tace: {
    label: "Llovet 2002",
    reference:
      "Llovet JM, Real MI, Montaña X, et al. Arterial embolisation or chemoembolisation versus symptomatic treatment in patients with unresectable hepatocellular carcinoma: a randomised controlled trial. Lancet 2002;359(9319):1734-1739",
    doi: "10.1016/S0140-6736(02)08649-X",
    verification: "recalled",
  },
  doxorubicinLabel: {
    label: "Doxorubicin label (hepatic impairment)",
    reference:
      "Doxorubicin hydrochloride injection, US prescribing information (FDA label), hepatic impairment: serum bilirubin 1.2 to 3 mg/dL 50 % of the dose, 3.1 to 5 mg/dL 25 %, > 5 mg/dL do not administer; lifetime cumulative dose about 450-550 mg/m²",
    url: "https://api.fda.gov/drug/label.json?search=openfda.generic_name:%22Doxorubicin+Hydrochloride%22",
    verification: "recalled",
  },
  peng2023Launch: {
    label: "LAUNCH (Peng 2023)",
    reference:
      "Peng Z, Fan W, Zhu B, et al. Lenvatinib combined with transarterial chemoembolization as first-line treatment for advanced hepatocellular carcinoma: a phase III, randomized clinical trial (LAUNCH). J Clin Oncol 2023;41(1):117-127",
    doi: "10.1200/JCO.22.00392",
    verification: "verified",
  },
  sangro2025Emerald1: {
    label: "EMERALD-1 (Sangro 2025)",
    reference:
      "Sangro B, Kudo M, Erinjeri JP, et al. Durvalumab with or without bevacizumab with transarterial chemoembolisation in hepatocellular carcinoma (EMERALD-1): a multiregional, randomised, double-blind, placebo-controlled, phase 3 study. Lancet 2025;405(10474):216-232",
    doi: "10.1016/S0140-6736(24)02551-0",
    verification: "verified",
  },
  kadalayil2013Hap: {
    label: "Kadalayil 2013 (HAP)",
    reference:
      "Kadalayil L, Benini R, Pallan L, et al. A simple prognostic scoring system for patients receiving transarterial embolisation for hepatocellular cancer. Ann Oncol 2013;24(10):2565-2570",
    doi: "10.1093/annonc/mdt247",
    verification: "secondary",
  },
  park2016Mhap2: {
    label: "Park 2016 (mHAP-II)",
    reference:
      "Park Y, Kim SU, Kim BK, et al. Addition of tumor multiplicity improves the prognostic performance of the hepatoma arterial-embolization prognostic score. Liver Int 2016;36(1):100-107",
    doi: "10.1111/liv.12878",
    verification: "recalled",
  },
  adhoute2015Abcr: {
    label: "Adhoute 2015 (ABCR)",
    reference:
      "Adhoute X, Penaranda G, Naude S, et al. Retreatment with TACE: the ABCR SCORE, an aid to the decision-making process. J Hepatol 2015;62(4):855-862",
    doi: "10.1016/j.jhep.2014.11.014",
    verification: "recalled",
  },
  hucke2014State: {
    label: "Hucke 2014 (STATE/START)",
    reference:
      "Hucke F, Pinter M, Graziadei I, et al. How to STATE suitability and START transarterial chemoembolization in patients with intermediate stage hepatocellular carcinoma. J Hepatol 2014;61(6):1287-1296",
    doi: "10.1016/j.jhep.2014.07.002",
    verification: "secondary",
  },
  yao2008Downstaging: {
    label: "Yao 2008 / 2015 (UNOS downstaging); AASLD 2023 Table 4",
    reference:
      "Yao FY, Kerlan RK Jr, Hirose R, et al. Excellent outcome following down-staging of hepatocellular carcinoma prior to liver transplantation: an intention-to-treat analysis. Hepatology 2008;48(3):819-827; Yao FY, Mehta N, et al. Hepatology 2015;61(6):1968-1977; wording of Singal AG et al. Hepatology 2023;78(6):1922-1965, Table 4",
    doi: "10.1002/hep.22412",
    verification: "secondary",
  },
  mazzaferro2018Metroticket2: {
    label: "Mazzaferro 2018 (Metroticket 2.0)",
    reference:
      "Mazzaferro V, Sposito C, Zhou J, et al. Metroticket 2.0 model for analysis of competing risks of death after liver transplantation for hepatocellular carcinoma. Gastroenterology 2018;154(1):128-139 (simplified ≥70 % 5-year rule)",
    doi: "10.1053/j.gastro.2017.09.025",
    verification: "secondary",
  },
  duvoux2012AfpModel: {
    label: "Duvoux 2012 (AFP model)",
    reference:
      "Duvoux C, Roudot-Thoraval F, Decaens T, et al. Liver transplantation for hepatocellular carcinoma: a model including α-fetoprotein improves the performance of Milan criteria. Gastroenterology 2012;143(4):986-994.e3",
    doi: "10.1053/j.gastro.2012.05.052",
    verification: "secondary",
  },
});
