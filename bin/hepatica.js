#!/usr/bin/env -S node --max-semi-space-size=4
// A 4 MB young generation keeps a streaming batch (assess --ndjson over a million cases) in
// ~120 MB of resident memory instead of ~200 MB, at the same speed (bench/assess.bench.mjs).
import { main } from "../dist/cli/main.js";

main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`hepatica: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 70;
  },
);
