/**
 * Golden corpus: every case of an NDJSON file → its assessment and BCLC/CNLC disagreement rows,
 * one JSON line per case, from a compiled tree. Run it on two builds and `cmp` the outputs to
 * prove a refactoring output-identical (issue 17: "unchanged in meaning on a golden corpus").
 *
 *   node bench/generate-cases.mjs 3000 > /tmp/cases.ndjson      # synthetic, threshold-varied
 *   node bench/golden.mjs dist < /tmp/cases.ndjson > /tmp/new.out
 *   node bench/golden.mjs /path/to/baseline/dist < /tmp/cases.ndjson > /tmp/base.out
 *   cmp /tmp/base.out /tmp/new.out
 */

import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";

const dist = pathToFileURL(resolve(process.argv[2] ?? "dist")).href;
const { assess } = await import(`${dist}/clinical/assess.js`);
const { stagingDisagreements } = await import(`${dist}/clinical/staging/concordance.js`);
for await (const line of createInterface({ input: process.stdin })) {
  const a = assess(JSON.parse(line));
  const d = stagingDisagreements(a.bclc, a.cnlc).map((x) => ({
    rule: x.rule,
    text: x.text,
    citation: x.citation,
  }));
  process.stdout.write(`${JSON.stringify({ a, d })}\n`);
}
