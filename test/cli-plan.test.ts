import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plan } from "../src/clinical/plan.js";
import { runCli } from "./cli-io.js";
import { loadVectors } from "./vectors.js";

const G = loadVectors("staging").find((c) => c.id === "G-ecog2")?.input as Record<string, unknown>;

describe("hepatica plan", () => {
  it("--help", async () => {
    const r = await runCli(["plan", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/decision support for clinicians/i);
  });
  it("usage errors exit 2", async () => {
    expect((await runCli(["plan"])).code).toBe(2);
    expect((await runCli(["plan", "--bogus", "-"])).code).toBe(2);
  });
  it("readable report from stdin names both guidelines, profiles and the notice", async () => {
    const r = await runCli(["plan", "-"], JSON.stringify(G));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Decision support for clinicians/);
    expect(r.stdout).toMatch(/BCLC 2022 — stage C/);
    expect(r.stdout).toMatch(/CNLC 2024 — stage IIa/);
    expect(r.stdout).toMatch(/cTACE\s+relative-contraindication \| eligible\s+← profiles differ/);
    expect(r.stdout).toMatch(/LAUNCH/);
  });
  it("--json carries options with verdicts and the assessment", async () => {
    const r = await runCli(["plan", "-", "--json"], JSON.stringify(G));
    const p = JSON.parse(r.stdout);
    expect(p.cnlc.profile).toBe("cn");
    const tace = p.cnlc.options.find((o: { code: string }) => o.code === "tace");
    expect(tace.verdict).toBe("eligible");
    expect(p.assessment.eligibility.ctace.intl.verdict).toBe("relative-contraindication");
  });
  it("invalid JSON exits 1; an invalid field exits 1 with status invalid", async () => {
    expect((await runCli(["plan", "-"], "{not json")).code).toBe(1);
    const r = await runCli(["plan", "-", "--json"], JSON.stringify({ ecog: 9 }));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).status).toBe("invalid");
  });
  it("--ndjson streams one plan per line; a bad line is invalid and the batch goes on", async () => {
    const r = await runCli(["plan", "--ndjson"], `${JSON.stringify(G)}\nnot json\n{}\n`);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.status)).toEqual(["ok", "invalid", "ok"]);
    expect(lines[0].assessment).toBeUndefined();
    expect(lines[2].missingToDecide.length).toBeGreaterThan(0);
  });
  it("the README example case plans without error", () => {
    const file = join(import.meta.dirname, "..", "examples", "case-001.json");
    const p = plan(JSON.parse(readFileSync(file, "utf8")));
    expect(p.bclc.guideline).toBe("BCLC 2022");
  });
  it("contraindicated options are ranked last", () => {
    const p = plan({
      ...G,
      ecog: 0,
      tumors: [{ diameterCm: 2.5 }],
      contraindications: { pregnancy: false },
      ablation: { noSafeAccess: true },
    });
    const codes = p.cnlc.options.map((o) => `${o.code}:${o.verdict}`);
    const abl = p.cnlc.options.findIndex((o) => o.code === "ablation");
    if (abl >= 0) expect(p.cnlc.options.slice(abl).every((o) => o.verdict === "contraindicated")).toBe(true);
    expect(codes.length).toBeGreaterThan(0);
  });
  it("never throws on arbitrary objects", () => {
    fc.assert(
      fc.property(fc.object(), (o) => {
        const p = plan(o);
        expect(["ok", "invalid"]).toContain(p.status);
      }),
      { numRuns: 100 },
    );
  });
});

describe("plan: systemic options and clinician-reported contraindications", () => {
  it("a bevacizumab contraindication excludes atezolizumab-bevacizumab and EMERALD-1", () => {
    const p = plan({ ...G, contraindications: { bevacizumab: true } });
    // BCLC staging already drops it from the options; if listed, it must be contraindicated.
    const ab = p.bclc.options.find((o) => o.code === "atezolizumab-bevacizumab");
    expect(ab === undefined || ab.verdict === "contraindicated").toBe(true);
    expect(p.combinations.find((x) => x.id === "emerald1")?.status).toBe("not-applicable");
  });
});
