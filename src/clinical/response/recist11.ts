/**
 * RECIST 1.1 (Eisenhauer 2009; response-followup.md §2 and §9.2).
 *
 * - Target: longest diameter, or short axis for lymph nodes. PR ≤ −30 % from baseline; PD
 *   ≥ +20 % from the nadir **and** ≥ 5 mm absolute (both inclusive).
 * - Non-target resolved: `absent`.
 * - New lesion: any unequivocal lesion (default true), no size minimum; a node from a short
 *   axis ≥ 10 mm; an effusion only with malignant cytology. Once confirmed it counts from the
 *   scan where it was first seen (retrospective dating, §2.4).
 */
import { isEffusion, isNode, MICRONS_PER_MM } from "./course.js";
import type { CriterionRules } from "./rules.js";

/** RECIST 1.1 §2.3: PD needs ≥ 5 mm absolute increase over the nadir. */
export const RECIST11_PD_ABSOLUTE_MM = 5;
/** A new (or reappearing) node is pathological from a 10 mm short axis (§2.4). */
export const NEW_NODE_MIN_SHORT_AXIS_MM = 10;

export const RECIST11: CriterionRules = {
  criterion: "recist11",
  label: "RECIST 1.1",
  measure: (lesion, o) => (isNode(lesion.organ) ? o.shortAxis : o.longest),
  resolved: (_lesion, o) => o.status === "absent",
  pdAbsoluteUm: () => RECIST11_PD_ABSOLUTE_MM * MICRONS_PER_MM,
  newLesion(r) {
    if (isNode(r.organ)) {
      const big = r.shortAxis !== null && r.shortAxis >= NEW_NODE_MIN_SHORT_AXIS_MM * MICRONS_PER_MM;
      return { qualifyingSize: big, confirms: big && r.unequivocal !== false };
    }
    if (isEffusion(r.organ)) return { qualifyingSize: true, confirms: r.cytologyMalignant === true };
    return { qualifyingSize: true, confirms: r.unequivocal !== false };
  },
};
