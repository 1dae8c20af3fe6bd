#!/usr/bin/env -S node --max-semi-space-size=4
/**
 * The JSON floor for `hepatica assess --ndjson`: the same streaming reader and writer, the same
 * JSON.parse of every line, and a pre-computed assessment of the same size written for each
 * line — everything but the clinical computation.
 * Usage: bench/ndjson-floor.mjs (run with the same V8 flags as bin/hepatica.js) < cases.ndjson > /dev/null
 */

import { streamNdjson } from "../dist/cli/ndjson.js";
import { assess } from "../dist/clinical/assess.js";
import { syntheticCases } from "./generate-cases.mjs";

const precomputed = assess(syntheticCases(1).next().value);
await streamNdjson(process.stdin, process.stdout, () => precomputed);
