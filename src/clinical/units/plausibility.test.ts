/**
 * Plausibility in both directions and UCUM-equivalent spellings (issue §3). Values from the
 * conventions of the analyte table (creatinine 88.4 µmol/L per mg/dL, bilirubin 17.1, albumin
 * 10 g/L per g/dL) and UCUM (micro prefix "u"; "dl" and "dL" are both the decilitre).
 */
import { describe, expect, it } from "vitest";
import { assess } from "../assess.js";
import { parseCase } from "../case/parse-case.js";

const errorsOf = (input: Record<string, unknown>) => parseCase(input).errors;

describe("values too low or too high are rejected, naming the field and the likely slip", () => {
  it("creatinine 2.5 typed as µmol/L (0.028 mg/dL) is not a possible creatinine — was it mg/dL?", () => {
    const [e] = errorsOf({ labs: { creatinine: { value: 2.5, unit: "µmol/L" } } });
    expect(e?.path).toBe("labs.creatinine");
    expect(e?.code).toBe("implausible");
    expect(e?.message).toBe(
      "labs.creatinine 2.5 umol/L (= 0.028281 mg/dL) is not a possible creatinine (too low; plausible 0.1–30 mg/dL) — was it 2.5 mg/dL?",
    );
  });
  it("the slip no longer scores: MELD is not computed from it and TACE is not declared eligible", () => {
    const a = assess({
      labs: {
        creatinine: { value: 2.5, unit: "µmol/L" },
        bilirubin: { value: 1, unit: "mg/dL" },
        inr: { value: 1.2 },
      },
    });
    expect(a.status).toBe("invalid");
    expect(a.meld.status).toBe("invalid");
    const r = a.eligibility.ctace.intl;
    expect(r.status === "ok" && r.verdict === "eligible").toBe(false);
  });
  it("albumin 4 g/L (0.4 g/dL) is rejected as a slip — was it 4 g/dL?; 10 g/L is the lowest accepted", () => {
    const [e] = errorsOf({ labs: { albumin: { value: 4, unit: "g/L" } } });
    expect(e?.code).toBe("implausible");
    expect(e?.message).toContain("was it 4 g/dL?");
    expect(errorsOf({ labs: { albumin: { value: 10, unit: "g/L" } } })).toEqual([]);
    expect(errorsOf({ labs: { albumin: { value: 9.9, unit: "g/L" } } })[0]?.code).toBe("implausible");
  });
  it("too high names the other direction: creatinine 250 mg/dL — was it 250 µmol/L?", () => {
    const [e] = errorsOf({ labs: { creatinine: { value: 250, unit: "mg/dL" } } });
    expect(e?.message).toContain("too high");
    expect(e?.message).toContain("was it 250 umol/L?");
  });
  it("bilirubin 0.1 mg/dL (1.71 µmol/L) is the lowest accepted; 1.5 µmol/L is not", () => {
    expect(errorsOf({ labs: { bilirubin: { value: 0.1, unit: "mg/dL" } } })).toEqual([]);
    expect(errorsOf({ labs: { bilirubin: { value: 1.71, unit: "umol/L" } } })).toEqual([]);
    expect(errorsOf({ labs: { bilirubin: { value: 1.5, unit: "umol/L" } } })[0]?.message).toContain(
      "was it 1.5 mg/dL?",
    );
  });
});

describe("UCUM-equivalent spellings are accepted and echoed canonical", () => {
  it.each([
    ["µmol/L", "micro sign U+00B5"],
    ["μmol/L", "Greek small mu U+03BC"],
    ["umol/l", "lower-case litre"],
    ["UMOL/L", "UCUM case-insensitive form"],
  ])("creatinine in %s (%s) = umol/L", (unit) => {
    const { parsed, errors } = parseCase({ labs: { creatinine: { value: 88.4, unit } } });
    expect(errors).toEqual([]);
    expect(parsed.labs.creatinine).toEqual({
      state: "present",
      value: { analyte: "creatinine", value: 88.4, unit: "umol/L", canonical: 1 },
    });
  });
  it("mg/dl is the decilitre of UCUM: accepted as mg/dL", () => {
    const { parsed, errors } = parseCase({ labs: { bilirubin: { value: 2, unit: "mg/dl" } } });
    expect(errors).toEqual([]);
    expect(parsed.labs.bilirubin.state === "present" && parsed.labs.bilirubin.value.unit).toBe("mg/dL");
  });
  it("a tumour diameter as {value, unit: 'mm'} is read (35 mm = 3.5 cm), never dropped", () => {
    const { parsed, errors } = parseCase({
      tumors: [{ diameterCm: { value: 35, unit: "mm" } }, { diameter: { value: 2, unit: "cm" } }],
    });
    expect(errors).toEqual([]);
    expect(parsed.tumors.state === "present" && parsed.tumors.value.map((t) => t.diameterCm)).toEqual([
      3.5, 2,
    ]);
    const bad = errorsOf({ tumors: [{ diameterCm: { value: 35, unit: "mL" } }] });
    expect(bad[0]?.path).toBe("tumors.0.diameterCm.unit");
  });
});
