/**
 * The store's error vocabulary. The server maps these to HTTP statuses in one function
 * (`src/server/errors.ts`); the FHIR importer maps them to OperationOutcome issues.
 */

export type InputErrorCode =
  | "required"
  | "wrong-type"
  | "not-allowed"
  | "out-of-range"
  | "not-an-integer"
  | "too-long"
  | "too-many"
  | "unknown-field"
  | "invalid-date"
  | "not-found";

/** A field-level input error: the same `{path, code, message}` shape as the clinical core's. */
export interface InputError {
  readonly path: string;
  readonly code: InputErrorCode | string;
  readonly message: string;
}

export type StoreErrorCode =
  /** The record does not exist. */
  | "not-found"
  /** The caller's version (If-Match) is not the stored one: nothing was changed. */
  | "stale"
  /** A unique value is already taken (e.g. MRN, username). */
  | "conflict"
  /** The input is invalid; `errors` names each field. */
  | "invalid";

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly errors: readonly InputError[] = [],
    readonly currentVersion?: number,
  ) {
    super(message);
    this.name = "StoreError";
  }
}

/** Recognises unique and foreign-key violations of both drivers. */
export function constraintKind(e: unknown): "unique" | "foreign-key" | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const code = (e as { code?: unknown }).code;
  if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505") {
    return "unique";
  }
  if (code === "SQLITE_CONSTRAINT_FOREIGNKEY" || code === "23503") return "foreign-key";
  return undefined;
}
