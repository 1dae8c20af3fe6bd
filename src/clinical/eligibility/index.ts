/**
 * Eligibility for every interventional modality under both profiles: the `eligibility` key of
 * the assessment (`eligibility.<modality>.<profile>`, case-format.md).
 */
import type { ParsedCase } from "../case/types.js";
import type { Y90Dosimetry } from "../dosing/y90.js";
import type { SafetyLayer } from "../safety/safety.js";
import type { ChildPughResult } from "../scores/child-pugh.js";
import { ablationEligibility } from "./ablation.js";
import { caseFacts, type ProfilePair } from "./common.js";
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
  deps: { childPugh?: ChildPughResult; dosimetry?: Y90Dosimetry; safety?: SafetyLayer } = {},
): Eligibility {
  const facts = caseFacts(c, deps);
  return {
    ctace: taceEligibility(facts, "ctace"),
    debtace: taceEligibility(facts, "debtace"),
    tae: taceEligibility(facts, "tae"),
    haic: haicEligibility(facts),
    tareResin: tareEligibility(facts, "tareResin"),
    tareGlass: tareEligibility(facts, "tareGlass"),
    thermalAblation: ablationEligibility(facts, "thermalAblation"),
    cryoablation: ablationEligibility(facts, "cryoablation"),
  };
}
