/**
 * Composes a case into an assessment: every result key of case-format.md, each explained and
 * cited. Pure: no I/O, no clock.
 */
import { parseCase } from "./case/parse-case.js";
import type { ParsedCase } from "./case/types.js";
import { afpModel } from "./criteria/afp-model.js";
import { downstagingOutcome } from "./criteria/downstaging-outcome.js";
import { metroticket2 } from "./criteria/metroticket2.js";
import { milan } from "./criteria/milan.js";
import { sixAndTwelve } from "./criteria/six-and-twelve.js";
import { ucsf } from "./criteria/ucsf.js";
import { unosDownstaging } from "./criteria/unos-downstaging.js";
import { upToSeven } from "./criteria/up-to-seven.js";
import { bsa } from "./dosing/bsa.js";
import { chemoDoses } from "./dosing/chemo.js";
import { y90Dosimetry } from "./dosing/y90.js";
import { eligibility } from "./eligibility/index.js";
import { en } from "./messages/catalogue.js";
import type { FieldError } from "./result.js";
import { safetyLayer } from "./safety/safety.js";
import { abcr } from "./scores/abcr.js";
import { albi } from "./scores/albi.js";
import { art } from "./scores/art.js";
import { childPugh } from "./scores/child-pugh.js";
import { ecog } from "./scores/ecog.js";
import { hap } from "./scores/hap.js";
import { meld } from "./scores/meld.js";
import { meldNa } from "./scores/meld-na.js";
import { meld3 } from "./scores/meld3.js";
import { mhap2 } from "./scores/mhap2.js";
import { state } from "./scores/state.js";
import { taceRefractoriness } from "./scores/tace-refractoriness.js";
import { ajcc8 } from "./staging/ajcc8.js";
import { bclc } from "./staging/bclc.js";
import { cnlc } from "./staging/cnlc.js";

/** Version of the rule set; stored with every assessment so that a result can be reproduced. */
export const RULES_VERSION = "2026.11.0";

export const NOTICE = en("notice");

/**
 * The assessment core: liver function, performance status, tumour burden and staging — the
 * results `hepatica assess` reports. The other keys (treatment scores, eligibility, doses,
 * course decisions) are reported by `hepatica plan` and `hepatica response`.
 */
export const CORE_ASSESSMENT_KEYS = [
  "childPugh",
  "albi",
  "meld",
  "meldNa",
  "meld3",
  "ecog",
  "bsa",
  "milan",
  "ucsf",
  "upToSeven",
  "sixAndTwelve",
  "bclc",
  "cnlc",
  "ajcc8",
] as const;

/**
 * The results of one parsed case after `head` (the envelope, or nothing). The head is spread
 * first so that V8 clones it and appends the results within one literal; spreading the results
 * after other keys copies them one by one (~10 % of an assessment, bench/assess.bench.mjs).
 */
function compose<H extends object>(head: H, c: ParsedCase) {
  const cp = childPugh(c);
  const safety = safetyLayer(c, cp);
  const { conflicts, ...safetySummary } = safety;
  const tumourBurden = { milan: milan(c), ucsf: ucsf(c), upToSeven: upToSeven(c) };
  const dosimetry = y90Dosimetry(c);
  return {
    ...head,
    safety: safetySummary,
    conflicts,
    childPugh: cp,
    albi: albi(c),
    meld: meld(c),
    meldNa: meldNa(c),
    meld3: meld3(c),
    ecog: ecog(c),
    bsa: bsa(c),
    ...tumourBurden,
    sixAndTwelve: sixAndTwelve(c),
    bclc: bclc(c, { childPugh: cp, ...tumourBurden, safety }),
    cnlc: cnlc(c, { childPugh: cp }),
    ajcc8: ajcc8(c),
    art: art(c),
    taceRefractoriness: taceRefractoriness(c),
    downstagingOutcome: downstagingOutcome(c),
    unosDownstaging: unosDownstaging(c, { milan: tumourBurden.milan }),
    metroticket2: metroticket2(c),
    afpModel: afpModel(c),
    hap: hap(c),
    mhap2: mhap2(c),
    abcr: abcr(c),
    state: state(c, { upToSeven: tumourBurden.upToSeven }),
    eligibility: eligibility(c, { childPugh: cp, dosimetry, safety }),
    y90Dosimetry: dosimetry,
    doses: chemoDoses(c),
  };
}

/** The assessment of one parsed case (without the envelope). */
export function assessParsed(c: ParsedCase) {
  return compose({}, c);
}

export type AssessmentResults = ReturnType<typeof assessParsed>;

export type Assessment = {
  readonly id?: string;
  readonly status: "ok" | "invalid";
  readonly errors?: readonly FieldError[];
  readonly notice: string;
  readonly rulesVersion: string;
} & AssessmentResults;

/** Parses and assesses an untrusted case. Invalid fields are reported; the rest is computed. */
export function assess(input: unknown): Assessment {
  const { parsed, errors } = parseCase(input);
  const head = {
    ...(parsed.id !== undefined ? { id: parsed.id } : {}),
    status: errors.length > 0 ? "invalid" : "ok",
    ...(errors.length > 0 ? { errors } : {}),
    notice: NOTICE,
    rulesVersion: RULES_VERSION,
  } as const;
  return compose(head, parsed);
}
