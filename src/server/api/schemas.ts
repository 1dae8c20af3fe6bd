/** JSON Schemas (for validation and the OpenAPI document) generated from the entity descriptions. */
import type { ChildSpec, EntitySpec, FieldSpec } from "../../store/entities.js";

type JsonSchema = Record<string, unknown>;

const DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";
const INSTANT_PATTERN =
  "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}))?$";

function fieldSchema(f: FieldSpec): JsonSchema {
  const base: JsonSchema = {};
  if (f.description) base.description = f.description;
  switch (f.kind) {
    case "string":
      return {
        ...base,
        type: ["string", "null"],
        ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
        ...(f.enum ? { enum: [...f.enum, null] } : {}),
      };
    case "date":
      return {
        ...base,
        type: ["string", "null"],
        pattern: DATE_PATTERN,
        description: f.description ?? "YYYY-MM-DD",
      };
    case "instant":
      return {
        ...base,
        type: ["string", "null"],
        pattern: INSTANT_PATTERN,
        description: "ISO-8601 date or date-time",
      };
    case "number":
    case "integer":
      return {
        ...base,
        type: [f.kind, "null"],
        ...(f.min !== undefined ? { minimum: f.min } : {}),
        ...(f.max !== undefined ? { maximum: f.max } : {}),
      };
  }
}

function objectSchema(
  fields: Readonly<Record<string, FieldSpec>>,
  extra: Record<string, JsonSchema>,
): JsonSchema {
  const required = Object.entries(fields)
    .filter(([, f]) => f.required)
    .map(([k]) => k);
  return {
    type: "object",
    additionalProperties: false,
    ...(required.length > 0 ? { required } : {}),
    properties: {
      ...Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, fieldSchema(f)])),
      ...extra,
    },
  };
}

function childSchema(child: ChildSpec): JsonSchema {
  return {
    type: ["array", "null"],
    maxItems: child.maxItems,
    items: objectSchema(child.fields, { id: { type: "string" } }),
  };
}

const ECHOED: Record<string, JsonSchema> = {
  id: { type: "string" },
  version: { type: "integer" },
  createdAt: { type: "string" },
  updatedAt: { type: "string" },
  patientId: { type: "string" },
};

/** The body of POST / PUT. Echoed server fields (id, version, ...) are accepted and ignored. */
export function bodySchema(spec: EntitySpec): JsonSchema {
  const children = Object.fromEntries(
    Object.entries(spec.children ?? {}).map(([k, c]) => [k, childSchema(c)]),
  );
  return { ...objectSchema(spec.fields, { ...ECHOED, ...children }), description: spec.description };
}

/** The representation returned (researchers get fewer fields: additional properties allowed). */
export function recordSchema(spec: EntitySpec): JsonSchema {
  const children = Object.fromEntries(
    Object.entries(spec.children ?? {}).map(([k, c]) => [
      k,
      {
        type: "array",
        items: {
          type: "object",
          additionalProperties: true,
          properties: {
            id: { type: "string" },
            ...Object.fromEntries(Object.entries(c.fields).map(([n, f]) => [n, fieldSchema(f)])),
          },
        },
      },
    ]),
  );
  return {
    type: "object",
    additionalProperties: true,
    properties: {
      ...ECHOED,
      ...Object.fromEntries(Object.entries(spec.fields).map(([k, f]) => [k, fieldSchema(f)])),
      ...children,
    },
  };
}

export const idParams = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", minLength: 1, maxLength: 100 } },
} as const;

export const pageQuery = {
  type: "object",
  additionalProperties: false,
  properties: {
    limit: { type: "string", pattern: "^[0-9]{1,4}$", description: "at most 1000 (default 100)" },
    offset: { type: "string", pattern: "^[0-9]{1,9}$" },
  },
} as const;

export const errorSchema = {
  type: "object",
  properties: {
    error: {
      type: "object",
      properties: {
        code: { type: "string" },
        message: { type: "string" },
        errors: {
          type: "array",
          items: {
            type: "object",
            properties: { path: { type: "string" }, code: { type: "string" }, message: { type: "string" } },
          },
        },
      },
    },
  },
} as const;
