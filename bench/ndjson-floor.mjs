#!/usr/bin/env -S node --max-semi-space-size=4
/**
 * The JSON floor for `hepatica assess --ndjson`: the same streaming reader and writer, the same
 * JSON.parse of every line, and a pre-computed assessment of the same size (compact, as the CLI
 * writes it) written for each line — everything but the clinical computation.
 * Usage: bench/ndjson-floor.mjs (run with the same V8 flags as bin/hepatica.js) < cases.ndjson > /dev/null
 */

import { streamNdjson } from "../dist/cli/ndjson.js";
import { assess } from "../dist/clinical/assess.js";
import { present } from "../dist/clinical/messages/present.js";
import { syntheticCases } from "./generate-cases.mjs";

// As the CLI writes it: the compact view (hepatica assess --ndjson without --detail full).
const precomputed = present(assess(syntheticCases(1).next().value));
await streamNdjson(process.stdin, process.stdout, () => precomputed);
