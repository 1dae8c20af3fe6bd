import { defineSources } from "./source.js";

/** Liver-function scores, performance status and body size (scores.md §1–5). */
export const LIVER_FUNCTION_SOURCES = defineSources({
  pugh1973: {
    label: "Pugh 1973",
    reference:
      "Pugh RNH, Murray-Lyon IM, Dawson JL, Pietroni MC, Williams R. Transection of the oesophagus for bleeding oesophageal varices. Br J Surg 1973;60(8):646-649",
    doi: "10.1002/bjs.1800600817",
    verification: "verified",
  },
  johnson2015Albi: {
    label: "Johnson 2015 (ALBI)",
    reference:
      "Johnson PJ, Berhane S, Kagebayashi C, et al. Assessment of liver function in patients with hepatocellular carcinoma: a new evidence-based approach - the ALBI grade. J Clin Oncol 2015;33(6):550-558",
    doi: "10.1200/JCO.2014.57.9151",
    verification: "verified",
  },
  hiraoka2017AlbiGrades: {
    label: "Hiraoka 2017 (ALBI grade cut-offs)",
    reference:
      "Hiraoka A, Kumada T, Kudo M, et al. Albumin-bilirubin (ALBI) grade as part of the evidence-based clinical practice guideline for HCC of the Japan Society of Hepatology: a comparison with the liver damage and Child-Pugh classifications. Liver Cancer 2017;6(3):204-215",
    doi: "10.1159/000452846",
    verification: "verified",
  },
  hiraoka2017Malbi: {
    label: "Hiraoka 2017 (mALBI)",
    reference:
      "Hiraoka A, Michitaka K, Kumada T, et al. Validation and potential of albumin-bilirubin grade and prognostication in a nationwide survey of 46,681 hepatocellular carcinoma patients in Japan: the need for a more detailed evaluation of hepatic function. Liver Cancer 2017;6(4):325-336",
    doi: "10.1159/000479984",
    verification: "recalled",
  },
  kamath2001Meld: {
    label: "Kamath 2001 (MELD)",
    reference:
      "Kamath PS, Wiesner RH, Malinchoc M, et al. A model to predict survival in patients with end-stage liver disease. Hepatology 2001;33(2):464-470; as applied by OPTN Policy 9 (UNOS form)",
    doi: "10.1053/jhep.2001.22172",
    verification: "verified",
  },
  wiesner2003Meld: {
    label: "Wiesner 2003",
    reference:
      "Wiesner R, Edwards E, Freeman R, et al. Model for end-stage liver disease (MELD) and allocation of donor livers. Gastroenterology 2003;124(1):91-96",
    doi: "10.1053/gast.2003.50016",
    verification: "verified",
  },
  kim2008MeldNa: {
    label: "Kim 2008 (MELD-Na); OPTN 2016",
    reference:
      "Kim WR, Biggins SW, Kremers WK, et al. Hyponatremia and mortality among patients on the liver-transplant waiting list. N Engl J Med 2008;359(10):1018-1026; OPTN policy (MELD-Na, January 2016)",
    doi: "10.1056/NEJMoa0801209",
    verification: "verified",
  },
  kim2021Meld3: {
    label: "Kim 2021 (MELD 3.0); OPTN Policy 9.1.D",
    reference:
      "Kim WR, Mannalithara A, Heimbach JK, et al. MELD 3.0: the model for end-stage liver disease updated for the modern era. Gastroenterology 2021;161(6):1887-1895.e4; OPTN Policy 9.1.D (since 13 July 2023)",
    doi: "10.1053/j.gastro.2021.08.050",
    verification: "verified",
  },
  oken1982Ecog: {
    label: "Oken 1982 (ECOG)",
    reference:
      "Oken MM, Creech RH, Tormey DC, et al. Toxicity and response criteria of the Eastern Cooperative Oncology Group. Am J Clin Oncol 1982;5(6):649-655",
    doi: "10.1097/00000421-198212000-00014",
    verification: "verified",
  },
  mosteller1987: {
    label: "Mosteller 1987",
    reference: "Mosteller RD. Simplified calculation of body-surface area. N Engl J Med 1987;317(17):1098",
    doi: "10.1056/NEJM198710223171717",
    verification: "verified",
  },
  dubois1916: {
    label: "Du Bois 1916",
    reference:
      "Du Bois D, Du Bois EF. A formula to estimate the approximate surface area if height and weight be known. Arch Intern Med 1916;17:863-871",
    doi: "10.1001/archinte.1916.00080130010002",
    verification: "recalled",
  },
});
