/**
 * LI-RADS CT/MRI Treatment Response (LR-TR) per treated lesion after locoregional therapy
 * (ACR CT/MRI LI-RADS v2018 Treatment Response Algorithm; Voizard N et al. Insights Imaging
 * 2019;10:121). In the algorithm's order:
 * 1. LR-TR Nonevaluable: the lesion cannot be evaluated (image degradation or omission).
 * 2. LR-TR Viable: nodular, mass-like or thick irregular tissue in or along the treated lesion
 *    with any of arterial phase hyperenhancement, washout appearance, or enhancement similar to
 *    pretreatment.
 * 3. LR-TR Nonviable: no lesional enhancement, or the treatment-specific expected enhancement
 *    pattern.
 * 4. LR-TR Equivocal: enhancement atypical for the treatment-specific pattern and not meeting
 *    the criteria for viable.
 * Nodular tissue whose three features are not all known, and none is present, cannot be
 * decided: "cannot determine", naming them (an unknown feature is never assumed absent).
 * Applies only after locoregional treatment (LR-TR does not apply to systemic therapy).
 * v2018 does not use growth; it is shown when recorded. After radiation-based therapy (TARE,
 * SBRT) APHE may persist for months: the reason says so (the v2024 radiation-specific category
 * "nonprogressing" is not implemented — not verified here).
 */
import { cite } from "../evidence/index.js";
import type { Course, LrTrFeatures, Treatment } from "./course.js";

export const LRTR_RULE = "response.lrTr";
const CITATION = cite("acrLiRads2018Tra");

export const LRTR_CATEGORIES = ["nonevaluable", "nonviable", "equivocal", "viable"] as const;
export type LrTrCategory = (typeof LRTR_CATEGORIES)[number];

/** Locoregional modalities (ablative, transcatheter, radiation-based) LR-TR applies after. */
const LOCOREGIONAL = new Set([
  "tace",
  "ctace",
  "c-tace",
  "debtace",
  "deb-tace",
  "tae",
  "haic",
  "tare",
  "sirt",
  "y90",
  "ablation",
  "rfa",
  "mwa",
  "cryoablation",
  "pei",
  "sbrt",
]);
const RADIATION = new Set(["tare", "sirt", "y90", "sbrt"]);

export type LrTrVerdict =
  | { readonly status: "ok"; readonly category: LrTrCategory; readonly basis: readonly string[] }
  | { readonly status: "indeterminate"; readonly missing: readonly string[] };

/** The v2018 algorithm on one lesion's features; `path` prefixes the missing inputs. */
export function lrTr(f: LrTrFeatures, path = "lrtr"): LrTrVerdict {
  if (!f.evaluable) return { status: "ok", category: "nonevaluable", basis: ["not evaluable"] };
  switch (f.enhancement) {
    case undefined:
      return { status: "indeterminate", missing: [`${path}.enhancement`] };
    case "none":
      return { status: "ok", category: "nonviable", basis: ["no lesional enhancement"] };
    case "treatment-specific":
      return { status: "ok", category: "nonviable", basis: ["treatment-specific expected enhancement"] };
    case "atypical":
      return { status: "ok", category: "equivocal", basis: ["atypical enhancement, not nodular/mass-like"] };
    case "nodular-masslike": {
      const features = [
        ["aphe", "arterial phase hyperenhancement"],
        ["washout", "washout appearance"],
        ["similarToPretreatment", "enhancement similar to pretreatment"],
      ] as const;
      const present = features.filter(([k]) => f[k] === true).map(([, label]) => label);
      if (present.length > 0) {
        return {
          status: "ok",
          category: "viable",
          basis: ["nodular, mass-like or thick irregular tissue", ...present],
        };
      }
      const unknown = features.filter(([k]) => f[k] === undefined).map(([k]) => `${path}.${k}`);
      if (unknown.length > 0) return { status: "indeterminate", missing: unknown };
      return {
        status: "ok",
        category: "equivocal",
        basis: ["nodular tissue without APHE, washout or pretreatment-like enhancement"],
      };
    }
  }
}

export interface LrTrAssessment {
  readonly date: string;
  readonly lesionId: string;
  readonly verdict: LrTrVerdict;
  /** The latest locoregional treatment before the scan. */
  readonly afterTreatment: Treatment;
  readonly growth?: boolean;
  readonly caveats: readonly string[];
}

export interface LrTrCourse {
  readonly rule: typeof LRTR_RULE;
  readonly citation: string;
  readonly assessments: readonly LrTrAssessment[];
  /** Lesions with LR-TR features at a scan that follows no locoregional treatment. */
  readonly notApplicable: readonly { readonly date: string; readonly lesionId: string }[];
}

/** LR-TR for every lesion that carries `lrtr` features, at every scan after a locoregional treatment. */
export function lrTrCourse(course: Course): LrTrCourse {
  const assessments: LrTrAssessment[] = [];
  const notApplicable: { date: string; lesionId: string }[] = [];
  course.timepoints.forEach((tp, k) => {
    const before = course.treatments.filter(
      (t) => t.day <= tp.day && LOCOREGIONAL.has(t.modality.toLowerCase()),
    );
    const last = before[before.length - 1];
    for (const [id, o] of tp.observations) {
      if (!o.lrtr) continue;
      if (!last || k === 0) {
        notApplicable.push({ date: tp.date, lesionId: id });
        continue;
      }
      const caveats = RADIATION.has(last.modality.toLowerCase())
        ? ["after radiation-based therapy, APHE and washout may persist for months and then regress"]
        : [];
      assessments.push({
        date: tp.date,
        lesionId: id,
        verdict: lrTr(o.lrtr, `timepoints.${k}.lesions[${id}].lrtr`),
        afterTreatment: last,
        ...(o.lrtr.growth !== undefined ? { growth: o.lrtr.growth } : {}),
        caveats,
      });
    }
  });
  return { rule: LRTR_RULE, citation: CITATION, assessments, notApplicable };
}
