/**
 * How a code in the terminology table was checked against its code system. Written beside each
 * code so that a reviewer can repeat the check (and see where it is only second-hand).
 */
export interface CodeCheck {
  /** Date of the check (ISO). */
  readonly on: string;
  /**
   * `primary`: the code system's own publication (a loinc.org page, the SNOMED CT browser, an HL7
   * IG page, a tx.fhir.org expansion); `secondary`: the code with its display as a published FHIR
   * IG or value set quotes it (not the code system itself — re-check against the primary source);
   * `pending`: not yet confirmed anywhere (listed in the notes as open).
   */
  readonly kind: "primary" | "secondary" | "pending";
  /** Where: a URL, or the IG / value set that quotes the code. */
  readonly source: string;
  /** The display found there, when it differs from or adds to the table's display. */
  readonly found?: string;
}

export const CHECKED_ON = "2026-12-07";

export function primary(source: string, found?: string): CodeCheck {
  return { on: CHECKED_ON, kind: "primary", source, ...(found ? { found } : {}) };
}

export function secondary(source: string, found?: string): CodeCheck {
  return { on: CHECKED_ON, kind: "secondary", source, ...(found ? { found } : {}) };
}

export function pending(source: string): CodeCheck {
  return { on: CHECKED_ON, kind: "pending", source };
}
