/**
 * AFP as the TACE and transplant-selection scores read it: ng/mL, with the IU→ng convention
 * (× 1.21, scores.md §0.1) stated as an assumption when an IU unit was given. The missing path
 * is `afp`, the name the reference vectors use for these scores.
 */
import type { ParsedCase } from "../case/types.js";
import type { Field } from "../result.js";
import type { Quantity } from "../units/quantity.js";

export const AFP_MISSING_PATH = "afp";

export function afpField(c: ParsedCase): Field<Quantity> {
  return c.labs.afp;
}

/** The assumption to state when AFP was given in IU/mL or kU/L. */
export function afpAssumptions(q: Quantity): string[] {
  return q.unit.includes("[IU]")
    ? ["AFP converted from IU/mL with 1 IU/mL = 1.21 ng/mL (WHO 72/225; kit-dependent, scores.md §0.1)"]
    : [];
}
