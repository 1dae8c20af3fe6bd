/**
 * Caveats on the lines a clinician reads (plan options), from the patient-level safety layer and
 * the inputs that make a guideline option doubtful for this patient: decompensation beside a
 * curative or locoregional option, conflicting inputs, a performance status that the stage does
 * not reflect (ECOG from comorbidity), resection outside Child-Pugh A.
 *
 * - Decompensation: BCLC 2022 — non-preserved liver function is stage D (transplant or best
 *   supportive care); resection, ablation and transarterial therapy need preserved liver function.
 * - Resection: CNLC 2022 — Child-Pugh A and ICG-R15 < 30 % are the usual prerequisites of
 *   hepatectomy; EASL 2018 — resection for well-preserved liver function without CSPH.
 * - Performance status: ECOG > 2 is outside every intervention (EASL 2018 TACE table; EANM
 *   2022), and surgery needs ECOG 0–1 fitness (BCLC 2022: 0–A are ECOG 0); a PS from comorbidity
 *   does not stage, but still weighs on fitness.
 */

import { ECOG_MAX } from "../eligibility/common.js";
import { citeShort } from "../evidence/index.js";
import type { OptionCode } from "../staging/options.js";
import type { SafetyLayer } from "./safety.js";

export interface Caveat {
  readonly rule: string;
  readonly text: string;
  readonly citation: string;
}

/** Options that need preserved liver function (curative and locoregional). */
const NEEDS_PRESERVED_LIVER: ReadonlySet<OptionCode> = new Set<OptionCode>([
  "resection",
  "ablation",
  "tace",
  "tare",
  "haic",
]);
const SURGICAL: ReadonlySet<OptionCode> = new Set<OptionCode>(["resection", "liver-transplant"]);

/** Resection is normally offered only in Child-Pugh A with ICG-R15 below this (%) (CNLC 2022). */
export const RESECTION_ICG_R15_MAX_PERCENT = 30;
/** Surgery needs a performance status at most this (BCLC 2022: stages 0–A are ECOG 0; ECOG 1 tolerated). */
export const SURGERY_ECOG_MAX = 1;

export interface CaveatInputs {
  readonly safety: Omit<SafetyLayer, "conflicts">;
  readonly conflicts: SafetyLayer["conflicts"];
  /** Child-Pugh class used by the rules, when known. */
  readonly childPughClass: "A" | "B" | "C" | undefined;
}

/** The caveats of one plan option. */
export function optionCaveats(code: OptionCode, x: CaveatInputs): Caveat[] {
  const out: Caveat[] = [];
  const { safety } = x;
  const signals = safety.signals.filter((s) => s.kind !== "childPughC");
  if (signals.length > 0 && NEEDS_PRESERVED_LIVER.has(code)) {
    out.push({
      rule: "caveat.decompensation",
      text: `decompensation (${signals.map((s) => s.text).join(", ")}): this option needs preserved liver function — BCLC 2022 stages the patient D (transplant or best supportive care)`,
      citation: citeShort("reig2022Bclc", "baveno7"),
    });
  }
  if (code === "resection" && x.childPughClass !== undefined && x.childPughClass !== "A") {
    out.push({
      rule: "caveat.resectionChildPugh",
      text: `Child-Pugh ${x.childPughClass}: resection normally needs Child-Pugh A and ICG-R15 < ${RESECTION_ICG_R15_MAX_PERCENT} % (and an adequate future liver remnant) — assess liver reserve before offering it`,
      citation: citeShort("cnlc2022", "easl2018TaceTable"),
    });
  }
  const ecog = safety.performanceStatus.ecog;
  const surgical = SURGICAL.has(code);
  const unfit =
    ecog !== null &&
    ((surgical && ecog > SURGERY_ECOG_MAX) || (NEEDS_PRESERVED_LIVER.has(code) && ecog > ECOG_MAX));
  if (unfit) {
    const from = safety.performanceStatus.cancerRelated === false ? " from comorbidity" : "";
    const limit = surgical
      ? `surgery needs ECOG 0–${SURGERY_ECOG_MAX} fitness`
      : `interventions need ECOG ≤ ${ECOG_MAX}`;
    out.push({
      rule: "caveat.performanceStatus",
      text: `ECOG ${ecog}${from}: ${limit}; the stage does not reflect it — fitness for this option is a clinical judgement`,
      citation: citeShort("reig2022Bclc", "oken1982Ecog"),
    });
  }
  for (const c of x.conflicts) {
    out.push({ rule: c.rule, text: `inputs contradict each other — ${c.text}`, citation: c.citation });
  }
  return out;
}
