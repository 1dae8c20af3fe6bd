// Writes docs/rules/ from the rule modules and the evidence registry (src/clinical/rulebook).
// Run after a build: `npm run rules:docs`. test/rulebook.test.ts fails when the files differ.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { rulebookPages } from "../dist/clinical/rulebook/rulebook.js";

const dir = join(import.meta.dirname, "..", "docs", "rules");
mkdirSync(dir, { recursive: true });
const pages = rulebookPages();
for (const f of readdirSync(dir)) if (f.endsWith(".md") && !pages.has(f)) rmSync(join(dir, f));
for (const [name, text] of pages) writeFileSync(join(dir, name), text);
process.stdout.write(`docs/rules: ${pages.size} pages\n`);
