/**
 * FHIR's error answer: every error of a FHIR route is an OperationOutcome
 * (https://hl7.org/fhir/R4/http.html#summary — "OperationOutcome ... for errors"), its issue code
 * from the R4 IssueType value set (https://hl7.org/fhir/R4/valueset-issue-type.html), mapped from
 * the one error → HTTP mapping of ../errors.ts so that the status stays the same.
 */
import type { OperationOutcome, OperationOutcomeIssue } from "@medplum/fhirtypes";
import type { ApiErrorCode, HttpError } from "../errors.js";

const ISSUE_OF: Readonly<Record<ApiErrorCode, OperationOutcomeIssue["code"]>> = {
  "invalid-input": "invalid",
  unauthenticated: "login",
  forbidden: "forbidden",
  "not-found": "not-found",
  conflict: "conflict",
  "precondition-failed": "conflict",
  "precondition-required": "required",
  "payload-too-large": "too-costly",
  "unsupported-media-type": "not-supported",
  "method-not-allowed": "not-supported",
  "too-many-requests": "throttled",
  unavailable: "transient",
  "prefetch-missing": "required",
  internal: "exception",
};

/** The OperationOutcome of an HTTP error: one issue for the error, one per field error. */
export function outcomeOfHttpError(http: HttpError): OperationOutcome {
  const { code, message, errors } = http.body.error;
  const issue = ISSUE_OF[code];
  return {
    resourceType: "OperationOutcome",
    issue: [
      { severity: "error", code: issue, diagnostics: message },
      ...(errors ?? []).map(
        (e): OperationOutcomeIssue => ({
          severity: "error",
          code: "invalid",
          diagnostics: e.message,
          expression: [e.path],
        }),
      ),
    ],
  };
}

/** Response schema of a FHIR route's errors (the OperationOutcome passes through as it is). */
export const outcomeSchema = {
  type: "object",
  description: "FHIR R4 OperationOutcome",
  additionalProperties: true,
} as const;
