/**
 * The public vectors for the keys built here (tumour-burden criteria and staging), computed
 * directly from parseCase so that they run independently of the other assessment modules.
 */
import { describe, expect, it } from "vitest";
import { parseCase } from "../src/clinical/case/parse-case.js";
import { milan } from "../src/clinical/criteria/milan.js";
import { sixAndTwelve } from "../src/clinical/criteria/six-and-twelve.js";
import { ucsf } from "../src/clinical/criteria/ucsf.js";
import { upToSeven } from "../src/clinical/criteria/up-to-seven.js";
import { childPugh } from "../src/clinical/scores/child-pugh.js";
import { ajcc8 } from "../src/clinical/staging/ajcc8.js";
import { bclc } from "../src/clinical/staging/bclc.js";
import { cnlc } from "../src/clinical/staging/cnlc.js";
import { loadVectors, mismatches } from "./vectors.js";

const KEYS = new Set(["milan", "ucsf", "upToSeven", "sixAndTwelve", "bclc", "cnlc", "ajcc8", "status"]);

function outputs(input: unknown) {
  const { parsed, errors } = parseCase(input);
  const cp = childPugh(parsed);
  const burden = { milan: milan(parsed), ucsf: ucsf(parsed), upToSeven: upToSeven(parsed) };
  return {
    status: errors.length > 0 ? "invalid" : "ok",
    ...burden,
    sixAndTwelve: sixAndTwelve(parsed),
    bclc: bclc(parsed, { childPugh: cp, ...burden }),
    cnlc: cnlc(parsed, { childPugh: cp }),
    ajcc8: ajcc8(parsed),
  };
}

for (const suite of ["scores", "staging"] as const) {
  describe(`public vectors (${suite}) for criteria and staging keys`, () => {
    const cases = loadVectors(suite).filter((c) =>
      Object.keys(c.expected).some((p) => KEYS.has(p.split(".")[0] as string)),
    );
    it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
      expect(mismatches(c, outputs(c.input), 0.001, KEYS)).toEqual([]);
    });
  });
}
