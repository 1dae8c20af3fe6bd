/**
 * The workspace's own logic, without a browser: unit-aware lab checks (against the clinical
 * analyte table's guards, at both sides of the bounds) and the
 * response course assembled from stored imaging and procedures.
 */
import { describe, expect, it } from "vitest";
import { assessCourse } from "../../src/clinical/response/assess-course.js";
import type { ApiRecord } from "../../src/web/app/api.js";
import { checkLab, loincOf, ucumOf } from "../../src/web/app/labs.js";
import { courseOf, latestBilirubinMgDl } from "../../src/web/app/patient-data.js";

const rec = (fields: Record<string, unknown>): ApiRecord => ({
  id: String(fields.id ?? Math.random()),
  version: 1,
  createdAt: "2024-01-01T00:00:00Z",
  updatedAt: "2024-01-01T00:00:00Z",
  ...fields,
});

describe("checkLab", () => {
  it("accepts bilirubin up to the 100 mg/dL guard in either unit, and flags above it", () => {
    expect(checkLab("bilirubin", "mg/dL", "100")).toEqual({ state: "ok", value: 100 });
    expect(checkLab("bilirubin", "mg/dL", "100.01").state).toBe("error");
    expect(checkLab("bilirubin", "µmol/L", "1710")).toEqual({ state: "ok", value: 1710 });
    const over = checkLab("bilirubin", "µmol/L", "1711");
    expect(over.state).toBe("error");
    expect(over.state === "error" && over.message).toBe("outside the plausible range 0–1710 µmol/L");
  });

  it("rejects zero where the analyte must be positive, text, and accepts a decimal comma", () => {
    expect(checkLab("bilirubin", "µmol/L", "0")).toEqual({
      state: "error",
      message: "must be greater than 0",
    });
    expect(checkLab("albumin", "g/L", "abc")).toEqual({ state: "error", message: "not a number" });
    expect(checkLab("albumin", "g/L", "38,5")).toEqual({ state: "ok", value: 38.5 });
    expect(checkLab("albumin", "g/L", "  ")).toEqual({ state: "empty" });
  });

  it("stores UCUM codes and the shared LOINC codes", () => {
    expect(ucumOf("bilirubin", "µmol/L")).toBe("umol/L");
    expect(ucumOf("albumin", "g/L")).toBe("g/L");
    expect(loincOf("bilirubin")).toBe("1975-2");
    expect(loincOf("albumin")).toBe("1751-7");
  });
});

describe("courseOf", () => {
  const imaging = [
    rec({
      studyDate: "2024-02-10",
      modality: "CT",
      measurements: [
        { lesionLabel: "T1", role: "target", organ: "liver", longestDiameterMm: 45, viableDiameterMm: 20 },
        { lesionLabel: "T2", role: "target", organ: "liver", longestDiameterMm: 30, viableDiameterMm: 10 },
      ],
    }),
    rec({
      studyDate: "2024-01-01",
      modality: "CT",
      measurements: [
        { lesionLabel: "T1", role: "target", organ: "liver", longestDiameterMm: 45, viableDiameterMm: 45 },
        { lesionLabel: "T2", role: "target", organ: "liver", longestDiameterMm: 30, viableDiameterMm: 30 },
      ],
    }),
  ];
  const procedures = [
    rec({ performedOn: "2024-01-05", modality: "ctace" }),
    rec({ performedOn: "2023-06-01", modality: "tae" }),
  ];

  it("orders time points, keeps treatments from baseline on, and starts treatment at the first", () => {
    const course = courseOf(imaging, procedures);
    expect(course).toMatchObject({
      treatmentStart: "2024-01-05",
      treatments: [{ date: "2024-01-05", modality: "ctace" }],
      timepoints: [{ date: "2024-01-01" }, { date: "2024-02-10" }],
    });
  });

  it("is a course the clinical core reads: mRECIST PR, RECIST 1.1 SD", () => {
    const result = assessCourse(courseOf(imaging, procedures));
    expect(result.status).toBe("ok");
    if (result.status !== "ok") return;
    expect(result.timepoints[0]?.mrecist.overall).toBe("PR");
    expect(result.timepoints[0]?.recist11.overall).toBe("SD");
  });

  it("is null without imaging", () => {
    expect(courseOf([], procedures)).toBeNull();
  });
});

describe("observation helpers", () => {
  const obs = [
    rec({ code: "1975-2", value: 34.2, unit: "umol/L", effectiveAt: "2024-03-01" }),
    rec({ code: "1975-2", value: 1.0, unit: "mg/dL", effectiveAt: "2024-01-01" }),
  ];
  it("converts the newest bilirubin to mg/dL with the analyte table's factor", () => {
    expect(latestBilirubinMgDl(obs)).toBeCloseTo(2, 10);
  });
});
