/**
 * Import as a careful receiver, with data Hepatica did not write: the official mCODE STU4
 * examples (hl7.fhir.us.mcode 4.0.0, test/fixtures/mcode-stu4) and bundles shaped as an EHR sends
 * them (status, comparators, UCUM spellings).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EntryPlan, planBundle } from "../src/fhir/import.js";
import { auth, openTestApp, type TestApp } from "../src/server/testing.js";
import { MCODE_FIXTURES } from "./support/fhir-validators.js";

const example = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(MCODE_FIXTURES, "examples", name), "utf8")) as Record<string, unknown>;

const patient = { fullUrl: "urn:uuid:p", resource: { resourceType: "Patient", gender: "male" } };
const lab = (code: string, quantity: Record<string, unknown>, status = "final") => ({
  resource: {
    resourceType: "Observation",
    status,
    code: { coding: [{ system: "http://loinc.org", code }] },
    subject: { reference: "urn:uuid:p" },
    effectiveDateTime: "2024-05-01",
    valueQuantity: quantity,
  },
});
const plan = (entries: unknown[]): EntryPlan[] =>
  planBundle({ resourceType: "Bundle", type: "batch", entry: [patient, ...entries] }).entries.slice(1);
const diagnostics = (e: EntryPlan | undefined) =>
  e?.kind === "error" ? (e.outcome.issue[0]?.diagnostics ?? "") : `kept as ${e?.kind}`;

describe("import as a careful receiver", () => {
  it("an entered-in-error bilirubin of 513 µmol/L is not used, and the answer says so; cancelled and preliminary too", () => {
    const [wrong, cancelled, preliminary, final] = plan([
      lab(
        "14631-6",
        { value: 513, unit: "umol/L", system: "http://unitsofmeasure.org", code: "umol/L" },
        "entered-in-error",
      ),
      lab("14631-6", { value: 20, code: "umol/L" }, "cancelled"),
      lab("14631-6", { value: 20, code: "umol/L" }, "preliminary"),
      lab("14631-6", { value: 20, code: "umol/L" }, "final"),
    ]);
    expect(wrong).toMatchObject({
      kind: "error",
      outcome: { issue: [{ code: "business-rule", expression: ["Observation.status"] }] },
    });
    expect(diagnostics(wrong)).toMatch(/status entered-in-error: not used/);
    expect(diagnostics(cancelled)).toMatch(/status cancelled: not used/);
    expect(diagnostics(preliminary)).toMatch(/status preliminary: not used/);
    expect(final).toMatchObject({ kind: "observation", body: { value: 20, unit: "umol/L" } });
  });

  it('">1000" AFP is never stored as exactly 1000: refused as a bound, naming the comparator', () => {
    const [afp] = plan([lab("1834-1", { value: 1000, comparator: ">", unit: "ng/mL", code: "ng/mL" })]);
    expect(afp?.kind).toBe("error");
    expect(diagnostics(afp)).toMatch(/comparator >1000 is a bound.*never as 1000 exactly/);
  });

  it("units by UCUM equivalence: g/l is g/L (valid UCUM, factor 1); a unit of another dimension is still refused", () => {
    const [gl, mgdl] = plan([
      lab("1751-7", { value: 35, unit: "g/l", system: "http://unitsofmeasure.org", code: "g/l" }),
      lab("1751-7", { value: 35, code: "mmol/L" }),
    ]);
    expect(gl).toMatchObject({ kind: "observation", body: { value: 35, unit: "g/L" } });
    expect(mgdl?.kind).toBe("error");
  });

  it("the SI and the mass LOINC code of bilirubin are both read", () => {
    const [si, mass] = plan([
      lab("14631-6", { value: 17, code: "umol/L" }),
      lab("1975-2", { value: 1, code: "mg/dL" }),
    ]);
    expect(si).toMatchObject({ kind: "observation", body: { value: 17, unit: "umol/L" } });
    expect(mass).toMatchObject({ kind: "observation", body: { value: 1, unit: "mg/dL" } });
  });

  it("mCODE's breast Tumor (BodyStructure/tumor-lobular-carcinoma-left-breast) is refused, naming where it is", () => {
    const [breast] = plan([{ resource: example("BodyStructure-tumor-lobular-carcinoma-left-breast.json") }]);
    expect(breast).toMatchObject({
      kind: "error",
      outcome: { issue: [{ code: "business-rule", expression: ["BodyStructure.location"] }] },
    });
    expect(diagnostics(breast)).toMatch(
      /tumor-lobular-carcinoma-left-breast is not in the liver \(location: Left breast structure/,
    );
  });

  it("mCODE's patient bundle (Jenny M, breast cancer): no tumour, no tumour size, no cancer Condition is taken as a liver lesion", () => {
    const b = example("Bundle-mcode-patient-bundle-jenny-m.json");
    const { entries } = planBundle(b);
    const byId = new Map(
      entries.map((e, i) => [(b.entry as { resource: { id: string } }[])[i]?.resource.id ?? "", e]),
    );
    expect(byId.get("tumor-size-jenny-m")?.kind).toBe("error");
    expect(diagnostics(byId.get("tumor-size-jenny-m"))).toMatch(
      /TumorSize tumor-size-jenny-m does not measure a liver tumour.*Specimen\/tumor-specimen-left-breast-jenny-m/,
    );
    expect(byId.get("primary-cancer-condition-jenny-m")?.kind).toBe("error");
    expect(entries.filter((e) => e.kind === "tumour" || e.kind === "tumourSize")).toEqual([]);
    // What is kept is what applies to any patient: the Patient, ECOG, body weight.
    expect(byId.get("ecog-performance-status-jenny-m")).toMatchObject({
      kind: "observation",
      body: { value: 0 },
    });
    // Every entry has an answer: kept, or refused with its reason.
    expect(entries).toHaveLength(40);
    expect(
      entries
        .filter((e) => e.kind === "error")
        .every((e) => e.kind === "error" && e.outcome.issue.length > 0),
    ).toBe(true);
  });

  it("a liver TumorSize is kept when its focus is a liver Tumor of the same feed", () => {
    const entries = plan([
      {
        fullUrl: "urn:uuid:t1",
        resource: {
          resourceType: "BodyStructure",
          patient: { reference: "urn:uuid:p" },
          location: { coding: [{ system: "http://snomed.info/sct", code: "10200004" }] },
          identifier: [{ value: "T1" }],
        },
      },
      {
        resource: {
          resourceType: "Observation",
          status: "final",
          code: { coding: [{ system: "http://loinc.org", code: "21889-1" }] },
          subject: { reference: "urn:uuid:p" },
          focus: [{ reference: "urn:uuid:t1" }],
          effectiveDateTime: "2024-05-02",
          component: [
            {
              code: { coding: [{ system: "http://loinc.org", code: "33728-7" }] },
              valueQuantity: { value: 2.5, code: "cm" },
            },
          ],
        },
      },
    ]);
    expect(entries.map((e) => e.kind)).toEqual(["tumour", "tumourSize"]);
  });
});

describe("the official mCODE bundle over HTTP: every refused entry reported, nothing of it a liver lesion", () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await openTestApp("sqlite");
  });
  afterAll(async () => {
    await h?.close();
  });

  it("as a transaction: refused whole (one OperationOutcome naming each refused entry), nothing written", async () => {
    const b = { ...example("Bundle-mcode-patient-bundle-jenny-m.json"), type: "transaction" };
    const res = await h.app.inject({
      method: "POST",
      url: "/api/fhir",
      headers: auth(h.tokens.clinician),
      payload: b,
    });
    expect(res.statusCode).toBe(400);
    const oo = res.json() as { issue: { diagnostics: string }[] };
    expect(
      oo.issue.some((i) =>
        /entry 23: TumorSize tumor-size-jenny-m does not measure a liver tumour/.test(i.diagnostics),
      ),
    ).toBe(true);
    const list = await h.app.inject({
      method: "GET",
      url: "/api/patients",
      headers: auth(h.tokens.clinician),
    });
    expect((list.json() as { total: number }).total).toBe(0);
  });
});
