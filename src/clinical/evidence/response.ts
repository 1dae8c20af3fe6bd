import { defineSources } from "./source.js";

/** Response criteria, course decisions and quality of life (response-followup.md §1–5; scores.md §7.3, §7.6). */
export const RESPONSE_SOURCES = defineSources({
  eisenhauer2009Recist11: {
    label: "Eisenhauer 2009 (RECIST 1.1)",
    reference:
      "Eisenhauer EA, Therasse P, Bogaerts J, et al. New response evaluation criteria in solid tumours: revised RECIST guideline (version 1.1). Eur J Cancer 2009;45(2):228-247",
    doi: "10.1016/j.ejca.2008.10.026",
    verification: "verified",
  },
  lencioni2010Mrecist: {
    label: "Lencioni 2010 (mRECIST)",
    reference:
      "Lencioni R, Llovet JM. Modified RECIST (mRECIST) assessment for hepatocellular carcinoma. Semin Liver Dis 2010;30(1):52-60; tables via KLCA-NCC 2022 Table 11 (Korean J Radiol 2022;23(12):1126-1240)",
    doi: "10.1055/s-0030-1247132",
    verification: "secondary",
  },
  llovet2008Jnci: {
    label: "Llovet 2008 (AASLD-JNCI endpoints)",
    reference:
      "Llovet JM, Di Bisceglie AM, Bruix J, et al. Design and endpoints of clinical trials in hepatocellular carcinoma. J Natl Cancer Inst 2008;100(10):698-711",
    doi: "10.1093/jnci/djn134",
    verification: "secondary",
  },
  bruix2001Easl: {
    label: "Bruix 2001 (EASL criteria)",
    reference:
      "Bruix J, Sherman M, Llovet JM, et al. Clinical management of hepatocellular carcinoma. Conclusions of the Barcelona-2000 EASL conference. J Hepatol 2001;35:421-430",
    doi: "10.1016/S0168-8278(01)00130-1",
    verification: "recalled",
  },
  acrLiRads2018Tra: {
    label: "ACR LI-RADS v2018 CT/MRI Treatment Response Algorithm",
    reference:
      "American College of Radiology. CT/MRI LI-RADS v2018 core: Treatment Response Algorithm (LR-TR Nonevaluable, Nonviable, Equivocal, Viable); as summarised in Voizard N, Cerny M, Assad A, et al. Assessment of hepatocellular carcinoma treatment response with LI-RADS: a pictorial review. Insights Imaging 2019;10:121",
    doi: "10.1186/s13244-019-0801-z",
    verification: "secondary",
  },
  sieghart2013Art: {
    label: "Sieghart 2013 (ART)",
    reference:
      "Sieghart W, Hucke F, Pinter M, et al. The ART of decision making: retreatment with transarterial chemoembolization in patients with hepatocellular carcinoma. Hepatology 2013;57(6):2261-2273",
    doi: "10.1002/hep.26256",
    verification: "secondary",
  },
  kudo2014JshRefractoriness: {
    label: "Kudo 2014 (JSH-LCSGJ TACE failure/refractoriness)",
    reference:
      "Kudo M, Matsui O, Izumi N, et al. Transarterial chemoembolization failure/refractoriness: JSH-LCSGJ criteria proposed in 2014. Oncology 2014;87(Suppl 1):22-31",
    doi: "10.1159/000368142",
    verification: "recalled",
  },
  aaronson1993Qlqc30: {
    label: "Aaronson 1993 (EORTC QLQ-C30)",
    reference:
      "Aaronson NK, Ahmedzai S, Bergman B, et al. The European Organization for Research and Treatment of Cancer QLQ-C30: a quality-of-life instrument for use in international clinical trials in oncology. J Natl Cancer Inst 1993;85(5):365-376",
    doi: "10.1093/jnci/85.5.365",
    verification: "verified",
  },
  fayers2001Qlqc30Manual: {
    label: "Fayers 2001 (QLQ-C30 Scoring Manual, 3rd ed.)",
    reference:
      "Fayers PM, Aaronson NK, Bjordal K, et al. The EORTC QLQ-C30 Scoring Manual (3rd edition). EORTC, Brussels, 2001",
    verification: "secondary",
  },
  blazeby2004Hcc18: {
    label: "Blazeby 2004; Chie 2012 (EORTC QLQ-HCC18)",
    reference:
      "Blazeby JM, Currie E, Zee BC, et al. Development of a questionnaire module to supplement the EORTC QLQ-C30 to assess quality of life in patients with hepatocellular carcinoma, the EORTC QLQ-HCC18. Eur J Cancer 2004;40:2439-2444; Chie WC, et al. Hepatology 2012;55:1122-1129 (item map as in the open QoLR implementation)",
    doi: "10.1016/j.ejca.2004.06.033",
    verification: "secondary",
  },
  heffernan2002FactHep: {
    label: "Heffernan 2002 (FACT-Hep)",
    reference:
      "Heffernan N, Cella D, Webster K, et al. Measuring health-related quality of life in patients with hepatobiliary cancers: the functional assessment of cancer therapy-hepatobiliary questionnaire. J Clin Oncol 2002;20(9):2229-2239; minimal important differences: Steel JL, et al. Ann Oncol 2006;17:304-312",
    doi: "10.1200/JCO.2002.07.093",
    verification: "recalled",
  },
});
