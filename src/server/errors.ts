/**
 * The one place where errors become HTTP responses. Every error body has the same shape:
 * `{ "error": { "code", "message", "errors"?: [{ "path", "code", "message" }] } }`, where each
 * entry of `errors` names a field by its dotted path. Nothing internal (stack, SQL, driver
 * message) reaches a client: unexpected errors become a bare 500 and are logged.
 */
import type { FastifyError } from "fastify";
import { StoreError } from "../store/errors.js";
import { HashQueueFull } from "./auth/password.js";

export interface ApiFieldError {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

export type ApiErrorCode =
  | "invalid-input"
  | "unauthenticated"
  | "forbidden"
  | "not-found"
  | "conflict"
  | "precondition-failed"
  | "precondition-required"
  | "payload-too-large"
  | "unsupported-media-type"
  | "method-not-allowed"
  | "too-many-requests"
  | "unavailable"
  | "prefetch-missing"
  | "internal";

const STATUS: Readonly<Record<ApiErrorCode, number>> = {
  "invalid-input": 400,
  unauthenticated: 401,
  forbidden: 403,
  "not-found": 404,
  "method-not-allowed": 405,
  conflict: 409,
  "precondition-failed": 412,
  "payload-too-large": 413,
  "unsupported-media-type": 415,
  "precondition-required": 428,
  "too-many-requests": 429,
  unavailable: 503,
  "prefetch-missing": 412,
  internal: 500,
};

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly errors: readonly ApiFieldError[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface ErrorBody {
  readonly error: {
    readonly code: ApiErrorCode;
    readonly message: string;
    readonly errors?: readonly ApiFieldError[];
  };
}

export interface HttpError {
  readonly status: number;
  readonly body: ErrorBody;
  /** Whether the error is unexpected (logged with its stack; never shown). */
  readonly unexpected: boolean;
}

function body(code: ApiErrorCode, message: string, errors: readonly ApiFieldError[] = []): ErrorBody {
  return { error: { code, message, ...(errors.length > 0 ? { errors } : {}) } };
}

function make(code: ApiErrorCode, message: string, errors: readonly ApiFieldError[] = []): HttpError {
  return { status: STATUS[code], body: body(code, message, errors), unexpected: code === "internal" };
}

/** An Ajv error as Fastify passes it in `error.validation`. */
interface AjvIssue {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

const AJV_CODES: Readonly<Record<string, string>> = {
  type: "wrong-type",
  required: "required",
  enum: "not-allowed",
  const: "not-allowed",
  minimum: "out-of-range",
  maximum: "out-of-range",
  exclusiveMinimum: "out-of-range",
  exclusiveMaximum: "out-of-range",
  maxLength: "too-long",
  minLength: "too-short",
  maxItems: "too-many",
  minItems: "too-few",
  additionalProperties: "unknown-field",
  pattern: "invalid-format",
  format: "invalid-format",
  multipleOf: "not-an-integer",
};

/** Maps an Ajv issue to the field path it is about (`/labs/albumin` → `labs.albumin`). */
export function fieldErrorOfAjv(issue: AjvIssue, part: string): ApiFieldError {
  const segments = issue.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const extra =
    issue.keyword === "required"
      ? issue.params.missingProperty
      : issue.keyword === "additionalProperties"
        ? issue.params.additionalProperty
        : undefined;
  if (typeof extra === "string") segments.push(extra);
  const path = segments.length > 0 ? segments.join(".") : part === "body" ? "(body)" : `(${part})`;
  const prefix = part === "body" ? "" : `${part}: `;
  return {
    path: part === "body" ? path : `${part}.${path}`,
    code: AJV_CODES[issue.keyword] ?? "invalid",
    message: `${prefix}${path} ${issue.message ?? "is invalid"}`,
  };
}

function isFastifyError(e: unknown): e is FastifyError {
  return e instanceof Error && typeof (e as { code?: unknown }).code === "string";
}

/** The single error → HTTP mapping. */
export function toHttpError(e: unknown): HttpError {
  if (e instanceof ApiError) return make(e.code, e.message, e.errors);
  if (e instanceof HashQueueFull)
    return make("unavailable", "the server is busy checking passwords; try again shortly");
  if (e instanceof StoreError) {
    switch (e.code) {
      case "invalid":
        return make("invalid-input", e.message, e.errors);
      case "not-found":
        return make("not-found", e.message);
      case "conflict":
        return make("conflict", e.message);
      case "stale":
        return make(
          "precondition-failed",
          `${e.message}; reload it and apply your change again${e.currentVersion !== undefined ? ` (current version ${e.currentVersion})` : ""}`,
        );
    }
  }
  if (isFastifyError(e)) {
    const validation = (e as { validation?: readonly AjvIssue[] }).validation;
    if (validation) {
      const part = (e as { validationContext?: string }).validationContext ?? "body";
      return make(
        "invalid-input",
        "invalid input",
        validation.map((v) => fieldErrorOfAjv(v, part)),
      );
    }
    switch (e.code) {
      case "FST_ERR_CTP_BODY_TOO_LARGE":
        return make("payload-too-large", "request body too large");
      case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
        return make("unsupported-media-type", "unsupported content type; send application/json");
      case "FST_ERR_CTP_EMPTY_JSON_BODY":
        return make("invalid-input", "empty JSON body", [
          { path: "(body)", code: "json-parse", message: "the body is empty" },
        ]);
      case "FST_ERR_CTP_INVALID_JSON_BODY":
      case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
        return make("invalid-input", "malformed request body", [
          { path: "(body)", code: "json-parse", message: "the body is not valid JSON" },
        ]);
    }
    const status = e.statusCode ?? 500;
    if (status === 400 && e instanceof SyntaxError) {
      return make("invalid-input", "malformed request body", [
        { path: "(body)", code: "json-parse", message: "the body is not valid JSON" },
      ]);
    }
    if (status === 404) return make("not-found", "not found");
    if (status === 405) return make("method-not-allowed", "method not allowed");
    if (status === 413) return make("payload-too-large", "request body too large");
    if (status === 415) return make("unsupported-media-type", "unsupported content type");
    if (status >= 400 && status < 500)
      return { status, body: body("invalid-input", "bad request"), unexpected: false };
  }
  if (e instanceof SyntaxError) {
    return make("invalid-input", "malformed request body", [
      { path: "(body)", code: "json-parse", message: "the body is not valid JSON" },
    ]);
  }
  return make("internal", "internal error");
}
