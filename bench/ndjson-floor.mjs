/**
 * The JSON floor for `hepatica assess --ndjson`: the same streaming reader and writer, the same
 * JSON.parse of every line, and a pre-computed assessment of the same size written for each
 * line — everything but the clinical computation.
 * Usage: node bench/ndjson-floor.mjs < cases.ndjson > /dev/null
 */

import { streamNdjson } from "../dist/cli/ndjson.js";
import { assess } from "../dist/clinical/assess.js";
import { syntheticCases } from "./generate-cases.mjs";

const precomputed = assess(syntheticCases(1).next().value);
await streamNdjson(process.stdin, process.stdout, () => precomputed);
