import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SOURCES, type Source } from "../src/clinical/evidence/index.js";
import { RULEBOOK, rulebookPages } from "../src/clinical/rulebook/rulebook.js";

const DIR = join(import.meta.dirname, "..", "docs", "rules");

describe("docs/rules (the rulebook)", () => {
  it("is up to date with the rule modules and the evidence registry (npm run rules:docs)", () => {
    const pages = rulebookPages();
    const files = readdirSync(DIR).filter((f) => f.endsWith(".md"));
    expect(files.sort()).toEqual([...pages.keys()].sort());
    for (const [name, text] of pages)
      expect([name, readFileSync(join(DIR, name), "utf8")]).toEqual([name, text]);
  });
  it("every rule names its module, tests, inputs, thresholds; every clinical rule a source with a DOI or reference", () => {
    const ids = RULEBOOK.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULEBOOK) {
      expect(r.inputs.length, r.id).toBeGreaterThan(0);
      expect(r.thresholds.length, r.id).toBeGreaterThan(0);
      expect(r.tests.length, r.id).toBeGreaterThan(0);
      if (r.id !== "units") expect(r.sources.length, r.id).toBeGreaterThan(0);
      for (const s of r.sources) expect(SOURCES[s].reference.length, s).toBeGreaterThan(0);
    }
  });
  it("the sources page lists every registered source with its DOI link", () => {
    const text = rulebookPages().get("sources.md") ?? "";
    for (const [id, s] of Object.entries(SOURCES) as [string, Source][]) {
      expect(text).toContain(`\`${id}\``);
      if (s.doi) expect(text).toContain(`https://doi.org/${s.doi}`);
    }
  });
  it("the thresholds are the modules' constants (the doxorubicin band starts at 1.2 inclusive)", () => {
    expect(rulebookPages().get("doses.md")).toContain(
      "| bilirubin ≥ 1.2 mg/dL | bilirubin 1.2–3 mg/dL: give 50 % of the dose |",
    );
  });
});
