/** The terminology table: every unit checked through UCUM, every code carrying its check. */
import { describe, expect, it } from "vitest";
import { ANALYTES } from "../units/analytes.js";
import { isUcum, ucumConvert } from "../units/ucum.js";
import {
  type CodedStatement,
  ECOG_ANSWERS,
  ecogOfAnswer,
  ehrFindings,
  HCC,
  isHcc,
  isLiverCancerIcd,
  LAB_CODES,
  loincFor,
  PROPERTY_BASE,
  readLab,
  SNOMED_FINDINGS,
  snomedFinding,
  storedLoinc,
} from "./index.js";

describe("LOINC labs", () => {
  it("each code appears once, with a dated check", () => {
    expect(new Set(LAB_CODES.map((l) => l.code)).size).toBe(LAB_CODES.length);
    for (const l of LAB_CODES) {
      expect(l.code).toMatch(/^\d{1,6}-\d$/);
      expect(l.check.on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(l.check.source.length).toBeGreaterThan(10);
    }
  });

  it("LOINC check digits are right (mod 10, as LOINC computes them)", () => {
    // LOINC's check digit: Luhn-style mod 10 over the numeric part (LOINC Users' Guide, Appendix).
    const digit = (num: string) => {
      const d = num.split("").map(Number).reverse();
      let sum = 0;
      d.forEach((x, i) => {
        const y = i % 2 === 0 ? x * 2 : x;
        sum += y > 9 ? y - 9 : y;
      });
      return (10 - (sum % 10)) % 10;
    };
    for (const l of LAB_CODES) {
      const [num, check] = l.code.split("-");
      expect(`${l.code}: ${digit(String(num))}`).toBe(`${l.code}: ${check}`);
    }
  });

  it("every unit is valid UCUM, commensurable with its code's property, and converted by the analyte table", () => {
    for (const l of LAB_CODES) {
      const defs: readonly { ucum: string; convention?: string }[] = Object.values(ANALYTES[l.analyte].units);
      for (const unit of l.units) {
        expect(isUcum(unit), `${l.code} ${unit}`).toBe(true);
        const def = defs.find((d) => d.ucum === unit);
        expect(def, `${l.code} ${unit}`).toBeDefined();
        if (unit === "{INR}") continue; // an annotation: dimensionless by UCUM's rule
        // UCUM cannot compare arbitrary units ([IU]) or equivalents with moles: those factors are
        // conventions, and the analyte table must say so.
        const commensurable = ucumConvert(1, unit, PROPERTY_BASE[l.property]) !== undefined;
        expect(commensurable || def?.convention !== undefined, `${l.code} ${unit}`).toBe(true);
      }
    }
  });

  it("a molar unit is not commensurable with a mass property (the check the table relies on)", () => {
    expect(ucumConvert(1, "umol/L", PROPERTY_BASE.MCnc)).toBeUndefined();
    expect(ucumConvert(1, "mg/dL", PROPERTY_BASE.SCnc)).toBeUndefined();
    expect(ucumConvert(17.1, "umol/L", "mmol/L")).toBeCloseTo(0.0171, 10);
  });

  it("reads SI codes with their units, and refuses a unit of the other property naming both codes", () => {
    expect(readLab("14631-6", "umol/L")).toMatchObject({
      status: "ok",
      unit: "umol/L",
      lab: { analyte: "bilirubin" },
    });
    expect(readLab("14682-9", "µmol/L")).toMatchObject({
      status: "ok",
      unit: "umol/L",
      lab: { analyte: "creatinine" },
    });
    expect(readLab("1975-2", "mg/dL")).toMatchObject({ status: "ok", unit: "mg/dL" });
    const slip = readLab("14631-6", "mg/dL");
    expect(slip).toMatchObject({ status: "invalid", code: "unsupported-unit" });
    expect(slip?.status === "invalid" && slip.message).toContain("1975-2");
    expect(readLab("1975-2", "umol/L")).toMatchObject({ status: "invalid", code: "unsupported-unit" });
    expect(readLab("2160-0", null)).toMatchObject({ status: "invalid", code: "missing-unit" });
    expect(readLab("6301-6", null)).toMatchObject({ status: "ok", unit: null });
    expect(readLab("61151-7", "g/L")).toMatchObject({ status: "ok", lab: { analyte: "albumin" } });
    expect(readLab("2951-2", "mEq/L")).toMatchObject({ status: "ok", unit: "meq/L" });
    expect(readLab("9999-9", "mg/dL")).toBeUndefined();
    expect(readLab("1975-2", "constructor")).toMatchObject({ status: "invalid" });
  });

  it("stores one code per analyte and exports the code matching the unit", () => {
    expect(storedLoinc("bilirubin")).toBe("1975-2");
    expect(loincFor("bilirubin", "umol/L")).toBe("14631-6");
    expect(loincFor("bilirubin", "mg/dL")).toBe("1975-2");
    expect(loincFor("creatinine", "umol/L")).toBe("14682-9");
    expect(loincFor("creatinine", null)).toBe("2160-0");
    expect(loincFor("inr", "1")).toBe("6301-6");
  });
});

describe("LOINC ECOG answers (LL529-9)", () => {
  it("maps LA9622-7..LA9627-6 to grades 0..5", () => {
    expect(ECOG_ANSWERS.map((a) => [a.code, a.grade])).toEqual([
      ["LA9622-7", 0],
      ["LA9623-5", 1],
      ["LA9624-3", 2],
      ["LA9625-0", 3],
      ["LA9626-8", 4],
      ["LA9627-6", 5],
    ]);
    expect(ecogOfAnswer("LA9624-3")).toBe(2);
    expect(ecogOfAnswer("LA29175-9")).toBeUndefined(); // a Karnofsky answer, not ECOG
  });
});

describe("SNOMED CT, ICD-10", () => {
  it("reads the findings by concept id; the liver metastasis concept is not one of them", () => {
    expect(snomedFinding("389026000")?.field).toBe("ascites");
    expect(snomedFinding("13920009")?.field).toBe("encephalopathy");
    expect(snomedFinding("17920008")?.field).toBe("portalVeinThrombosis");
    expect(snomedFinding("94381002")).toBeUndefined();
    for (const f of SNOMED_FINDINGS) expect(f.code).toMatch(/^\d{6,18}$/);
  });

  it("HCC is C22.0 in ICD-10 and ICD-10-CM and 25370001 in SNOMED CT", () => {
    expect(isHcc("http://hl7.org/fhir/sid/icd-10", "C22.0")).toBe(true);
    expect(isHcc("http://hl7.org/fhir/sid/icd-10-cm", "C22.0")).toBe(true);
    expect(isHcc("http://snomed.info/sct", HCC.snomed)).toBe(true);
    expect(isHcc("http://hl7.org/fhir/sid/icd-10", "C22.1")).toBe(false);
    expect(isLiverCancerIcd("http://hl7.org/fhir/sid/icd-10-cm", "C22.8")).toBe(true);
    expect(isLiverCancerIcd("http://hl7.org/fhir/sid/icd-10", "C23")).toBe(false);
    expect(isLiverCancerIcd("http://snomed.info/sct", "C22.0")).toBe(false);
  });
});

describe("case fields from the EHR's coded statements", () => {
  const S = "http://snomed.info/sct";
  const st = (
    id: string,
    code: string,
    present: boolean | null,
    more: Partial<CodedStatement> = {},
  ): CodedStatement => ({
    id,
    date: "2026-11-01",
    codes: [{ system: S, code }],
    present,
    qualifiers: [],
    bodySites: [],
    ...more,
  });
  const value = (r: ReturnType<typeof ehrFindings>, path: string) =>
    r.fields.find((f) => f.path === path)?.value;

  it("grades ascites by SNOMED severity (Child–Pugh slight = mild); present without a grade stays missing", () => {
    expect(
      value(
        ehrFindings([st("a", "389026000", true, { qualifiers: [{ system: S, code: "255604002" }] })]),
        "ascites",
      ),
    ).toBe("mild");
    expect(
      value(
        ehrFindings([st("a", "389026000", true, { qualifiers: [{ system: S, code: "24484000" }] })]),
        "ascites",
      ),
    ).toBe("moderate-severe");
    expect(value(ehrFindings([st("a", "389026000", false)]), "ascites")).toBe("none");
    const ungraded = ehrFindings([st("a", "389026000", true)]);
    expect(value(ungraded, "ascites")).toBeUndefined();
    expect(ungraded.notes).toEqual([{ note: "ascites-grade-not-coded", from: "a" }]);
  });

  it("hepatic encephalopathy by West Haven grade only; the latest statement wins", () => {
    expect(value(ehrFindings([st("e", "13920009", true, { grade: 2 })]), "encephalopathy")).toBe("grade-1-2");
    expect(value(ehrFindings([st("e", "13920009", true, { grade: 3 })]), "encephalopathy")).toBe("grade-3-4");
    const later = ehrFindings([
      st("old", "13920009", true, { grade: 3 }),
      st("new", "13920009", false, { date: "2026-11-20" }),
    ]);
    expect(value(later, "encephalopathy")).toBe("none");
    expect(
      value(
        ehrFindings([st("e", "13920009", true, { qualifiers: [{ system: S, code: "24484000" }] })]),
        "encephalopathy",
      ),
    ).toBeUndefined();
  });

  it("portal vein thrombosis is never read as macrovascular invasion; a liver metastasis is not extrahepatic", () => {
    const r = ehrFindings([
      st("pvt", "17920008", true),
      st("m", "128462008", true, { bodySites: [{ system: S, code: "10200004" }] }),
      st("m2", "94381002", true),
    ]);
    expect(r.fields).toEqual([]);
    expect(r.notes.map((n) => n.note)).toEqual([
      "portal-vein-thrombosis-not-invasion",
      "liver-metastasis-intrahepatic",
      "liver-metastasis-intrahepatic",
    ]);
  });

  it("metastasis by body site: lymph node → nodal; elsewhere → distant; extrahepatic spread is their union", () => {
    const r = ehrFindings([st("n", "128462008", true, { bodySites: [{ system: S, code: "59441001" }] })]);
    expect(value(r, "nodalMetastasis")).toBe(true);
    expect(value(r, "extrahepaticSpread")).toBe(true);
    const none = ehrFindings([st("x", "128462008", false)]);
    expect(value(none, "extrahepaticSpread")).toBe(false);
  });

  it("TNM (AJCC 8th): cT1b rules macrovascular invasion out, cT2 does not decide it; cN0 / cM1 decide N and M", () => {
    const tnm = (id: string, loinc: string, code: string): CodedStatement => ({
      id,
      date: "2026-11-01",
      codes: [{ system: "http://loinc.org", code: loinc }],
      present: null,
      qualifiers: [{ system: "http://cancerstaging.org", code }],
      bodySites: [],
    });
    const r = ehrFindings([
      tnm("t", "21905-5", "cT1b"),
      tnm("n", "21906-3", "cN0"),
      tnm("m", "21907-1", "cM1"),
    ]);
    expect(value(r, "vascularInvasion.present")).toBe(false);
    expect(value(r, "nodalMetastasis")).toBe(false);
    expect(value(r, "distantMetastasis")).toBe(true);
    expect(value(r, "extrahepaticSpread")).toBe(true);
    expect(r.citations[0]).toMatch(/AJCC Cancer Staging Manual, 8th/);
    const t2 = ehrFindings([tnm("t", "21905-5", "cT2")]);
    expect(value(t2, "vascularInvasion.present")).toBeUndefined();
    expect(t2.notes[0]?.note).toBe("tnm-t-does-not-decide-invasion");
  });
});
