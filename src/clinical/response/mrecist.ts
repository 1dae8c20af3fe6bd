/**
 * mRECIST for HCC (Lencioni & Llovet 2010; response-followup.md §1 and §9.2).
 *
 * - Target: the viable (arterially enhancing) diameter for liver lesions, short axis for nodes,
 *   longest diameter elsewhere. PR ≤ −30 % from baseline; PD ≥ +20 % from the nadir; no
 *   absolute condition by default (the 2010 text; [CHOICE] §1.3), `mrecistPdAbsoluteMm` adds one.
 * - Non-target resolved: `absent`, or a liver / portal-vein lesion no longer enhancing.
 * - New lesion: a liver nodule ≥ 10 mm with APHE and washout, or after ≥ 10 mm interval growth
 *   from its first ≥ 10 mm measurement (dated to that first ≥ 10 mm scan); a porta hepatis node
 *   from 20 mm short axis, other nodes from 10 mm; effusions only with malignant cytology; other
 *   organs when unequivocal (RECIST 1.1).
 */
import { isEffusion, isNode, isPortaHepatis, MICRONS_PER_MM } from "./course.js";
import type { CriterionRules } from "./rules.js";

export const MRECIST_NEW_LIVER_MIN_MM = 10;
/** Interval growth that confirms an atypical new liver nodule (§1.5). */
export const MRECIST_NEW_LIVER_GROWTH_MM = 10;
export const MRECIST_PORTA_HEPATIS_NODE_MM = 20;
export const MRECIST_NODE_MM = 10;

export const MRECIST: CriterionRules = {
  criterion: "mrecist",
  label: "mRECIST",
  measure(lesion, o) {
    if (isNode(lesion.organ)) return o.shortAxis;
    if (lesion.organ === "liver") return o.viable;
    return o.longest;
  },
  resolved: (lesion, o) =>
    o.status === "absent" ||
    ((lesion.organ === "liver" || lesion.organ === "portal_vein") &&
      o.status !== "progression" &&
      o.enhancing === false),
  pdAbsoluteUm: (options) => options.mrecistPdAbsoluteUm,
  newLesion(r, history) {
    if (r.organ === "liver") {
      const min = MRECIST_NEW_LIVER_MIN_MM * MICRONS_PER_MM;
      const big = r.longest !== null && r.longest >= min;
      if (!big) return { qualifyingSize: false, confirms: false };
      const typical = r.aphe === true && r.washout === true;
      const first = history.find((h) => h.longest !== null && h.longest >= min);
      const grown =
        first?.longest != null &&
        r.longest !== null &&
        r.longest - first.longest >= MRECIST_NEW_LIVER_GROWTH_MM * MICRONS_PER_MM;
      return { qualifyingSize: true, confirms: typical || grown };
    }
    if (isNode(r.organ)) {
      const min =
        (isPortaHepatis(r.nodeSite) ? MRECIST_PORTA_HEPATIS_NODE_MM : MRECIST_NODE_MM) * MICRONS_PER_MM;
      const big = r.shortAxis !== null && r.shortAxis >= min;
      return { qualifyingSize: big, confirms: big };
    }
    if (isEffusion(r.organ)) return { qualifyingSize: true, confirms: r.cytologyMalignant === true };
    return { qualifyingSize: true, confirms: r.unequivocal !== false };
  },
};
