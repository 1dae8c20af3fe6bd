/** One published source a rule rests on. */
export interface Source {
  /** Short human label: "Pugh 1973". */
  readonly label: string;
  /** Full reference in Vancouver-like style. */
  readonly reference: string;
  readonly doi?: string;
  /** Where a reader opens it when it has no DOI (e.g. a drug label). */
  readonly url?: string;
  /**
   * How this project checked the source (clinical/README.md tags):
   * `verified` read in a retrieved copy; `recalled` from memory of the paper, to re-check;
   * `secondary` verified through a secondary source only.
   */
  readonly verification: "verified" | "recalled" | "secondary";
}

export function defineSources<const T extends Record<string, Source>>(sources: T): Readonly<T> {
  return Object.freeze(sources);
}
