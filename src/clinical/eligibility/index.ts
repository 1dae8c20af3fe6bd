/**
 * Eligibility for every interventional modality under both profiles: the `eligibility` key of
 * the assessment (`eligibility.<modality>.<profile>`, case-format.md).
 */
import type { ParsedCase } from "../case/types.js";
import type { Y90Dosimetry } from "../dosing/y90.js";
import { y90Dosimetry } from "../dosing/y90.js";
import { type ChildPughResult, childPugh } from "../scores/child-pugh.js";
import { ablationEligibility } from "./ablation.js";
import type { ProfilePair } from "./common.js";
import { haicEligibility } from "./haic.js";
import { taceEligibility } from "./tace.js";
import { tareEligibility } from "./tare.js";

export type { EligibilityReason, EligibilityResult, Profile, ProfilePair, Verdict } from "./common.js";

export const MODALITIES = [
  "ctace",
  "debtace",
  "tae",
  "haic",
  "tareResin",
  "tareGlass",
  "thermalAblation",
  "cryoablation",
] as const;
export type Modality = (typeof MODALITIES)[number];

export type Eligibility = { readonly [M in Modality]: ProfilePair };

export function eligibility(
  c: ParsedCase,
  deps: { childPugh?: ChildPughResult; dosimetry?: Y90Dosimetry } = {},
): Eligibility {
  const cp = deps.childPugh ?? childPugh(c);
  const dosimetry = deps.dosimetry ?? y90Dosimetry(c);
  return {
    ctace: taceEligibility(c, "ctace", cp),
    debtace: taceEligibility(c, "debtace", cp),
    tae: taceEligibility(c, "tae", cp),
    haic: haicEligibility(c, cp),
    tareResin: tareEligibility(c, "tareResin", { childPugh: cp, dosimetry }),
    tareGlass: tareEligibility(c, "tareGlass", { childPugh: cp, dosimetry }),
    thermalAblation: ablationEligibility(c, "thermalAblation", cp),
    cryoablation: ablationEligibility(c, "cryoablation", cp),
  };
}
