/**
 * AFP as the TACE and transplant-selection scores read it: ng/mL (an IU conversion is stated by
 * `conversionAssumptions`, units/quantity.ts). The missing path is `afp`, the name the reference
 * vectors use for these scores.
 */
export const AFP_MISSING_PATH = "afp";
