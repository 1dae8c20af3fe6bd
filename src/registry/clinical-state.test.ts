import { describe, expect, it } from "vitest";
import { assess } from "../clinical/assess.js";
import { FINDING_SYSTEM, LOINC } from "../fhir/codes.js";
import { caseFrom, type ObservationInput } from "./clinical-state.js";

let n = 0;
const obs = (
  code: string,
  value: number | null,
  unit: string | null,
  valueCode: string | null,
  system = LOINC,
) =>
  ({
    id: `o${++n}`,
    system,
    code,
    value,
    unit,
    valueCode,
    effectiveAt: "2024-05-20",
  }) as ObservationInput;
const finding = (code: string, valueCode: string) => obs(code, null, null, valueCode, FINDING_SYSTEM);

describe("caseFrom: stored clinician judgements decide the BCLC B subgroup", () => {
  const base = [
    obs("1975-2", 0.8, "mg/dL", null),
    obs("1751-7", 4.0, "g/dL", null),
    obs("6301-6", 1.1, null, null),
    obs("89247-1", 0, null, null),
    finding("ascites", "none"),
    finding("encephalopathy", "none"),
    finding("macrovascular-invasion", "false"),
    finding("extrahepatic-spread", "false"),
    finding("infiltrative", "false"),
  ];
  const imaging = [
    {
      id: "i1",
      studyDate: "2024-05-19",
      lesions: ["T1", "T2", "T3", "T4"].map((label, k) => ({
        label,
        organ: "liver",
        longestDiameterMm: 40 - 5 * k,
      })),
    },
  ];
  const derive = (extra: ObservationInput[]) =>
    caseFrom(
      { patientId: "p1", sex: "male", birthDate: "1960-01-01", observations: [...base, ...extra], imaging },
      "2024-05-25",
    );

  it("without the judgements, BCLC B options say what is missing", () => {
    const a = assess(derive([]).case);
    expect(a.bclc).toMatchObject({ status: "ok", stage: "B", optionsStatus: "indeterminate" });
  });

  it("with them, the subgroup is B2 (TACE), and the findings are mapped to their case fields", () => {
    const d = derive([
      finding("transplant-candidate", "false"),
      finding("tace-well-defined-nodules", "true"),
      finding("tace-portal-flow-preserved", "true"),
      finding("tace-selective-access", "true"),
      finding("tace-extensive-bilobar", "false"),
      finding("liver-function-preserved", "true"),
    ]);
    expect(d.case.tace).toEqual({
      wellDefinedNodules: true,
      portalFlowPreserved: true,
      selectiveAccessFeasible: true,
      extensiveBilobar: false,
    });
    expect(d.case.liverFunctionPreserved).toBe(true);
    const a = assess(d.case);
    expect(a.bclc).toMatchObject({ status: "ok", stage: "B", bSubgroup: "B2-tace", options: ["tace"] });
  });
});
