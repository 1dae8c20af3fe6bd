import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORE_ASSESSMENT_KEYS } from "../src/clinical/assess.js";
import { runCli } from "./cli-io.js";

const root = join(import.meta.dirname, "..");
const example = join(root, "examples", "case-001.json");

describe("hepatica assess", () => {
  it("prints a readable report with both stagings and the decision-support notice", async () => {
    const r = await runCli(["assess", example]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("BCLC 2022");
    expect(r.stdout).toContain("CNLC");
    expect(r.stdout).toContain("not a decision");
    // Vp2 branch invasion: BCLC C and CNLC IIIa (staging-treatment.md §1.1, §2.1)
    expect(r.stdout).toMatch(/stage\s+C\b/);
    expect(r.stdout).toContain("IIIa");
  });

  it("--json gives the assessment with every key", async () => {
    const r = await runCli(["assess", example, "--json"]);
    const a = JSON.parse(r.stdout);
    expect(a.status).toBe("ok");
    expect(a.id).toBe("case-001");
    // 20.5 umol/L = 1.198830 mg/dL → 1 point; 36 g/L → 1; INR 1.1 → 1; none/none → A5 (Pugh 1973)
    expect(a.childPugh).toMatchObject({ status: "ok", score: 5, class: "A" });
    for (const key of CORE_ASSESSMENT_KEYS) {
      expect(a[key].citation, key).toBeTruthy();
      expect(a[key].reason, key).toBeTruthy();
    }
  });

  it("exit 1 and the field path on invalid input; still computes the rest", async () => {
    const bad = JSON.stringify({
      labs: { albumin: { value: 35, unit: "g/dL" }, bilirubin: { value: 1, unit: "mg/dL" } },
      ecog: 1,
    });
    const r = await runCli(["assess", "-", "--json"], bad);
    expect(r.code).toBe(1);
    const a = JSON.parse(r.stdout);
    expect(a.status).toBe("invalid");
    expect(a.errors.map((e: { path: string }) => e.path)).toEqual(["labs.albumin"]);
    expect(a.errors[0].code).toBe("implausible");
    expect(a.ecog).toMatchObject({ status: "ok", grade: 1 });
  });

  it("exit 1 on a file that is not JSON; exit 2 on usage errors", async () => {
    expect((await runCli(["assess", "-"], "{nope")).code).toBe(1);
    expect((await runCli(["assess"])).code).toBe(2);
    expect((await runCli(["assess", "--bogus", example])).code).toBe(2);
    expect((await runCli(["nonsense"])).code).toBe(2);
    expect((await runCli(["assess", "/no/such/file.json"])).code).toBe(2);
    expect((await runCli(["--help"])).code).toBe(0);
    expect((await runCli(["assess", "--help"])).stdout).toContain("--ndjson");
  });

  it("--ndjson keeps order, and a bad line gives an invalid line while the batch goes on", async () => {
    const lines = [
      JSON.stringify({ id: "a", ecog: 0 }),
      "{not json",
      "",
      JSON.stringify({ id: "c", ecog: 7 }),
      JSON.stringify({ id: "d", ecog: 2 }),
    ].join("\n");
    const r = await runCli(["assess", "--ndjson"], lines);
    expect(r.code).toBe(0);
    const out = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.id ?? o.status)).toEqual(["a", "invalid", "c", "d"]);
    expect(out[1].errors[0]).toMatchObject({ code: "json-parse" });
    expect(out[1].line).toBe(2);
    expect(out[2].status).toBe("invalid");
    expect(out[2].errors[0].path).toBe("ecog");
    expect(out[3].ecog.grade).toBe(2);
  });

  it("the installed bin runs through node with the documented exit codes", () => {
    const bin = join(root, "bin", "hepatica.js");
    const ok = execFileSync(process.execPath, [bin, "assess", example, "--json"], { encoding: "utf8" });
    expect(JSON.parse(ok).status).toBe("ok");
    const bad = spawnSync(process.execPath, [bin, "assess", "-"], {
      input: '{"ecog": "x"}',
      encoding: "utf8",
    });
    expect(bad.status).toBe(1);
    expect(spawnSync(process.execPath, [bin, "frobnicate"], { encoding: "utf8" }).status).toBe(2);
  });
});
