import { defineSources } from "./source.js";

/** Decompensation and the clinical grades the patient-level safety layer reads (safety/safety.ts). */
export const SAFETY_SOURCES = defineSources({
  baveno7: {
    label: "Baveno VII 2022",
    reference:
      "de Franchis R, Bosch J, Garcia-Tsao G, Reiberger T, Ripoll C; Baveno VII Faculty. Baveno VII - Renewing consensus in portal hypertension. J Hepatol 2022;76(4):959-974 (decompensation: variceal bleeding, clinically evident ascites, overt hepatic encephalopathy, non-obstructive jaundice; the 6-week window after acute variceal bleeding)",
    doi: "10.1016/j.jhep.2021.12.022",
    verification: "secondary",
  },
  vilstrup2014He: {
    label: "AASLD/EASL 2014 (hepatic encephalopathy)",
    reference:
      "Vilstrup H, Amodio P, Bajaj J, et al. Hepatic encephalopathy in chronic liver disease: 2014 Practice Guideline by the American Association for the Study of Liver Diseases and the European Association for the Study of the Liver. Hepatology 2014;60(2):715-735 (West Haven grades: grade 3 somnolence to semi-stupor, grade 4 coma)",
    doi: "10.1002/hep.27210",
    verification: "recalled",
  },
});
