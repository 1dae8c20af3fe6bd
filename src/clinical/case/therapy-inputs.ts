/**
 * The case blocks read by the therapy catalogue's contraindication rules and by the adjuvant
 * combinations (case-format.md `history`, `bloodPressure`, `urineProteinGPer24h`,
 * `curativeTreatment`, `histologicGrade`). Every error is recorded on the shared {@link Reader};
 * absent stays absent (a contraindication is never assumed absent).
 */
import type { Field } from "../result.js";
import { dotted, type Reader } from "./reader.js";
import { CURATIVE_MODALITIES, HISTORY_KEYS, type TherapyInputs } from "./types.js";

/**
 * Physiological guards (mmHg, g/24 h). A value outside them is a slip, not a patient: systolic
 * 5–30 is a pressure typed in kPa or cmHg; protein above 30 g/24 h is mg typed as g.
 */
const SYSTOLIC_MMHG = { min: 50, max: 300 } as const;
const DIASTOLIC_MMHG = { min: 20, max: 200 } as const;
const URINE_PROTEIN_G_PER_24H_MAX = 30;

function pressure(r: Reader, path: string, range: { min: number; max: number }): Field<number> {
  const v = r.raw(path);
  if (typeof v === "number" && Number.isFinite(v) && v > 0 && v < range.min && v * 7.5 >= range.min) {
    return r.fail(
      path,
      "implausible",
      `${path} ${v} mmHg is not a possible blood pressure (accepted ${range.min}–${range.max} mmHg) — was it kPa (× 7.5 = ${Math.round(v * 7.5)} mmHg) or cmHg?`,
    );
  }
  return r.num(path, range.min, range.max, { unit: "mmHg" });
}

export function readTherapyInputs(r: Reader): TherapyInputs {
  const history = {} as Record<(typeof HISTORY_KEYS)[number], Field<boolean>>;
  for (const k of HISTORY_KEYS) history[k] = r.bool(dotted("history", k));
  const systolic = pressure(r, "bloodPressure.systolic", SYSTOLIC_MMHG);
  let diastolic = pressure(r, "bloodPressure.diastolic", DIASTOLIC_MMHG);
  if (systolic.state === "present" && diastolic.state === "present" && diastolic.value >= systolic.value) {
    diastolic = r.fail(
      "bloodPressure.diastolic",
      "inconsistent",
      `bloodPressure.diastolic ${diastolic.value} mmHg is not below the systolic ${systolic.value} mmHg — were they swapped?`,
    );
  }
  return {
    history,
    bloodPressure: { systolic, diastolic },
    urineProteinGPer24h: r.num("urineProteinGPer24h", 0, URINE_PROTEIN_G_PER_24H_MAX, { unit: "g/24 h" }),
    curativeTreatment: {
      modality: r.oneOf("curativeTreatment.modality", CURATIVE_MODALITIES),
      complete: r.bool("curativeTreatment.complete"),
    },
    histologicGrade: r.num("histologicGrade", 1, 4, { integer: true }),
  };
}
