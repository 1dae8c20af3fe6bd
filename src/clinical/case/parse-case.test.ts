import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FieldError } from "../result.js";
import { ANALYTES } from "../units/analytes.js";
import { round6 } from "../units/quantity.js";
import { parseCase } from "./parse-case.js";

const errorsOf = (input: unknown) => parseCase(input).errors;
const byPath = (errors: readonly FieldError[], path: string) => errors.filter((e) => e.path === path);

describe("parseCase: every field-level error at once", () => {
  it("reports each bad field with path, code and message, and still parses the good ones", () => {
    const { parsed, errors } = parseCase({
      sex: "m",
      ecog: 5,
      ascites: "severe",
      labs: {
        bilirubin: { value: 2, unit: "mmol/L" },
        albumin: { value: 35, unit: "g/dL" },
        creatinine: 1.0,
        sodium: { value: "135", unit: "mmol/L" },
        inr: 1.2,
      },
      height: { value: 170 },
      tumors: [],
    });
    expect(errors.map((e) => [e.path, e.code])).toEqual(
      expect.arrayContaining([
        ["sex", "not-allowed"],
        ["ecog", "out-of-range"],
        ["ascites", "not-allowed"],
        ["labs.bilirubin.unit", "unsupported-unit"],
        ["labs.albumin", "implausible"],
        ["labs.creatinine", "wrong-type"],
        ["labs.sodium.value", "not-a-number"],
        ["height.unit", "missing-unit"],
        ["tumors", "empty-list"],
      ]),
    );
    expect(errors).toHaveLength(9);
    for (const e of errors) expect(e.message.length).toBeGreaterThan(10);
    expect(parsed.labs.inr).toMatchObject({ state: "present", value: { canonical: 1.2 } });
    expect(parsed.labs.albumin.state).toBe("invalid");
    expect(parsed.labs.afp.state).toBe("absent");
  });

  it("a non-object is one error, and the parsed case is all absent", () => {
    for (const input of [null, [], "case", 42]) {
      const { parsed, errors } = parseCase(input);
      expect(errors).toEqual([{ path: "", code: "not-an-object", message: expect.any(String) }]);
      expect(parsed.labs.bilirubin.state).toBe("absent");
    }
  });

  it("a malformed parent is reported once, not once per child", () => {
    const errors = errorsOf({ labs: 5 });
    expect(errors).toEqual([{ path: "labs", code: "wrong-type", message: "labs must be an object" }]);
    const { parsed } = parseCase({ labs: 5 });
    expect(parsed.labs.bilirubin.state).toBe("invalid");
  });

  it("null is unknown, exactly like an absent field", () => {
    const { parsed, errors } = parseCase({ sex: null, labs: { bilirubin: null }, tumors: null });
    expect(errors).toEqual([]);
    expect([parsed.sex.state, parsed.labs.bilirubin.state, parsed.tumors.state]).toEqual([
      "absent",
      "absent",
      "absent",
    ]);
  });
});

describe("parseCase: units (scores.md §0.3)", () => {
  it("a bare number is accepted only for INR; INR without a unit is accepted", () => {
    const { parsed, errors } = parseCase({ labs: { inr: 1.3, creatinine: 1.0, bilirubin: 2 } });
    expect(parsed.labs.inr).toMatchObject({ state: "present", value: { value: 1.3, canonical: 1.3 } });
    expect(byPath(errors, "labs.creatinine")[0]?.code).toBe("wrong-type");
    expect(byPath(errors, "labs.bilirubin")[0]?.message).toContain("accepted units");
    expect(parseCase({ labs: { inr: { value: 1.1 } } }).errors).toEqual([]);
    expect(parseCase({ labs: { inr: { value: 1.1, unit: "{INR}" } } }).errors).toEqual([]);
  });

  it("a missing unit is invalid for every other lab (no unit is assumed)", () => {
    const e = byPath(errorsOf({ labs: { albumin: { value: 3.5 } } }), "labs.albumin.unit");
    expect(e).toEqual([
      { path: "labs.albumin.unit", code: "missing-unit", message: expect.stringContaining("g/dL") },
    ]);
  });

  it("an unsupported unit is invalid, and the message says whether it is UCUM at all", () => {
    const ucumButWrong = byPath(
      errorsOf({ labs: { bilirubin: { value: 2, unit: "mmol/L" } } }),
      "labs.bilirubin.unit",
    );
    expect(ucumButWrong[0]?.code).toBe("unsupported-unit");
    expect(ucumButWrong[0]?.message).toContain(
      "valid UCUM unit but measures a different kind of quantity than total bilirubin is given in",
    );
    const notUcum = byPath(
      errorsOf({ labs: { bilirubin: { value: 2, unit: "furlongs per fortnight" } } }),
      "labs.bilirubin.unit",
    );
    expect(notUcum[0]?.message).toContain("is not an accepted unit");
    const proto = byPath(
      errorsOf({ labs: { bilirubin: { value: 2, unit: "constructor" } } }),
      "labs.bilirubin.unit",
    );
    expect(proto[0]?.message).toContain('"constructor" is not an accepted unit');
    expect(errorsOf({ labs: { bilirubin: { value: 2, unit: 17 } } })[0]?.code).toBe("unsupported-unit");
  });

  it("albumin 35 g/dL is implausible, with a message naming the field and the unit", () => {
    const [e] = errorsOf({ labs: { albumin: { value: 35, unit: "g/dL" } } });
    expect(e?.path).toBe("labs.albumin");
    expect(e?.code).toBe("implausible");
    expect(e?.message).toContain("labs.albumin");
    expect(e?.message).toContain("35 g/dL");
    expect(e?.message).toContain("albumin");
    expect(errorsOf({ labs: { albumin: { value: 35, unit: "g/L" } } })).toEqual([]);
  });

  it("plausibility is checked after conversion, both sides of the guard", () => {
    expect(errorsOf({ labs: { albumin: { value: 100, unit: "g/L" } } })).toEqual([]);
    expect(errorsOf({ labs: { albumin: { value: 100.1, unit: "g/L" } } })[0]?.code).toBe("implausible");
    expect(errorsOf({ labs: { sodium: { value: 90, unit: "mmol/L" } } })).toEqual([]);
    expect(errorsOf({ labs: { sodium: { value: 89.9, unit: "mEq/L" } } })[0]?.code).toBe("implausible");
    expect(errorsOf({ labs: { bilirubin: { value: 0, unit: "umol/L" } } })[0]?.code).toBe("must-be-positive");
  });

  it("converts to the canonical unit and rounds to 6 decimals", () => {
    const { parsed } = parseCase({
      labs: { bilirubin: { value: 51.3, unit: "umol/L" }, creatinine: { value: 132.6, unit: "µmol/L" } },
    });
    expect(parsed.labs.bilirubin).toMatchObject({ value: { canonical: 3, unit: "umol/L", value: 51.3 } });
    expect(parsed.labs.creatinine).toMatchObject({ value: { canonical: 1.5, unit: "umol/L" } });
  });
});

describe("parseCase: consistency rules", () => {
  const tumors = [{ diameterCm: 3 }, { diameterCm: 2 }];

  it("tumorCountTotal smaller than the listed nodules is inconsistent; equal or larger is fine", () => {
    const [e] = errorsOf({ tumors, tumorCountTotal: 1 });
    expect(e).toMatchObject({ path: "tumorCountTotal", code: "inconsistent" });
    expect(e?.message).toContain("2 nodules");
    expect(errorsOf({ tumors, tumorCountTotal: 2 })).toEqual([]);
    expect(parseCase({ tumors, tumorCountTotal: 5 }).parsed.tumorCountTotal).toEqual({
      state: "present",
      value: 5,
    });
  });

  it("a Vp or Vv grade implies macrovascular invasion; present:false with a grade is inconsistent", () => {
    expect(parseCase({ vascularInvasion: { portalVein: "Vp3" } }).parsed.vascularInvasion.present).toEqual({
      state: "present",
      value: true,
    });
    expect(parseCase({ vascularInvasion: { hepaticVein: "Vv1" } }).parsed.vascularInvasion.present).toEqual({
      state: "present",
      value: true,
    });
    const [e] = errorsOf({ vascularInvasion: { present: false, portalVein: "Vp1" } });
    expect(e).toMatchObject({ path: "vascularInvasion.present", code: "inconsistent" });
    expect(parseCase({ vascularInvasion: {} }).parsed.vascularInvasion.present.state).toBe("absent");
    expect(errorsOf({ vascularInvasion: { portalVein: "Vp5" } })[0]?.code).toBe("not-allowed");
  });

  it("extrahepaticSpread is the union of nodal and distant metastasis when absent", () => {
    expect(parseCase({ nodalMetastasis: true }).parsed.extrahepaticSpread).toEqual({
      state: "present",
      value: true,
    });
    expect(parseCase({ nodalMetastasis: false, distantMetastasis: false }).parsed.extrahepaticSpread).toEqual(
      {
        state: "present",
        value: false,
      },
    );
    expect(parseCase({ nodalMetastasis: false }).parsed.extrahepaticSpread.state).toBe("absent");
    expect(errorsOf({ extrahepaticSpread: false, distantMetastasis: true })[0]?.code).toBe("inconsistent");
  });

  it("tumour diameters: 0 and negative are invalid, 50 is the guard, unmeasured is allowed", () => {
    expect(errorsOf({ tumors: [{ diameterCm: 0 }] })[0]).toMatchObject({
      path: "tumors.0.diameterCm",
      code: "must-be-positive",
    });
    expect(errorsOf({ tumors: [{ diameterCm: 1 }, { diameterCm: -1 }] })[0]).toMatchObject({
      path: "tumors.1.diameterCm",
      code: "out-of-range",
    });
    expect(errorsOf({ tumors: [{ diameterCm: 50 }] })).toEqual([]);
    expect(errorsOf({ tumors: [{ diameterCm: 50.1 }] })[0]?.code).toBe("out-of-range");
    expect(parseCase({ tumors: [{ id: "T1" }] }).parsed.tumors).toEqual({
      state: "present",
      value: [{ id: "T1", diameterCm: undefined, segment: undefined }],
    });
    expect(errorsOf({ tumors: [5] })[0]).toMatchObject({ path: "tumors.0", code: "wrong-type" });
  });

  it("ECOG: integers 0–4 only", () => {
    expect(errorsOf({ ecog: 4 })).toEqual([]);
    expect(errorsOf({ ecog: 5 })[0]?.code).toBe("out-of-range");
    expect(errorsOf({ ecog: 1.5 })[0]?.code).toBe("not-an-integer");
    expect(errorsOf({ ecog: "1" })[0]?.code).toBe("not-a-number");
  });
});

describe("parseCase: properties", () => {
  const checkOutcome = (input: unknown) => {
    const { parsed, errors } = parseCase(input);
    expect(parsed).toBeDefined();
    for (const e of errors) {
      expect(typeof e.path).toBe("string");
      expect(typeof e.code).toBe("string");
      expect(e.message.length).toBeGreaterThan(0);
    }
  };

  it("no JSON value makes parseCase throw", () => {
    fc.assert(fc.property(fc.jsonValue(), checkOutcome), { numRuns: 500 });
  });

  it("no value of any shape in any case field makes parseCase throw", () => {
    const fields = [
      "id",
      "sex",
      "ageYears",
      "height",
      "weight",
      "ecog",
      "cholestaticDisease",
      "etiology",
      "labs",
      "ascites",
      "dialysis",
      "tumors",
      "tumorCountTotal",
      "vascularInvasion",
      "extrahepaticSpread",
      "nodalMetastasis",
      "contraindications",
      "decompensation",
      "bilirubinUpperLimitNormal",
      "__proto__",
      "constructor",
    ];
    const labs = fc.dictionary(
      fc.constantFrom("bilirubin", "albumin", "inr", "creatinine", "sodium", "afp", "platelets", "toString"),
      fc.oneof(
        fc.anything(),
        fc.record({
          value: fc.oneof(fc.double(), fc.anything()),
          unit: fc.oneof(fc.string(), fc.anything()),
        }),
      ),
    );
    const value = fc.oneof(
      fc.anything({ withObjectString: true, withNullPrototype: true }),
      labs,
      fc.array(fc.anything()),
    );
    fc.assert(fc.property(fc.dictionary(fc.constantFrom(...fields), value), checkOutcome), { numRuns: 500 });
  });

  it("a unit-bearing lab is present exactly when its canonical value is within the guards", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), (v) => {
        const { parsed } = parseCase({ labs: { albumin: { value: v, unit: "g/dL" } } });
        // The guard applies to the canonical value, rounded to 6 decimals: 1.0–10 g/dL (albumin
        // below 1 g/dL is not a possible value: a unit slip).
        const ok =
          Number.isFinite(v) && round6(v) >= ANALYTES.albumin.min && round6(v) <= ANALYTES.albumin.max;
        expect(parsed.labs.albumin.state === "present").toBe(ok);
      }),
    );
  });
});
