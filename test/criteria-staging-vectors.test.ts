/**
 * The public vectors for the keys built here (tumour-burden criteria and staging), computed
 * directly from parseCase so that they run independently of the other assessment modules.
 */
import { describe, expect, it } from "vitest";
import { loadVectors, mismatches } from "../../../test/vectors.js";
import { parseCase } from "../case/parse-case.js";
import { milan } from "../criteria/milan.js";
import { sixAndTwelve } from "../criteria/six-and-twelve.js";
import { ucsf } from "../criteria/ucsf.js";
import { upToSeven } from "../criteria/up-to-seven.js";
import { childPugh } from "../scores/child-pugh.js";
import { ajcc8 } from "./ajcc8.js";
import { bclc } from "./bclc.js";
import { cnlc } from "./cnlc.js";

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
