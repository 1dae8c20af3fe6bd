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

  it("--lang zh prints the report in Chinese: guideline terms, no English words but names", async () => {
    const r = await runCli(["assess", example, "--lang", "zh"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("并非决策");
    // Vp2 branch invasion: BCLC C and CNLC IIIa (staging-treatment.md §1.1, §2.1)
    expect(r.stdout).toMatch(/分期\s+C（进展期）\s+CNLC Ⅲa期/);
    expect(r.stdout).toContain("经动脉化疗栓塞（TACE）");
    expect(r.stdout).toContain("阿替利珠单抗联合贝伐珠单抗");
    expect(r.stdout).toContain("血管侵犯但无门静脉主干癌栓");
    expect(r.stdout).toContain("• 侵犯邻近器官 → AJCC第8版TNM分期");
    expect(r.stdout).toContain("未提供是否为胆汁淤积性肝病");
    // Latin letters only in names (scores, staging systems, trials, units, the command line).
    const NAMES =
      /^(Hepatica|BCLC|CNLC|AJCC|TNM|TACE|HAIC|FOLFOX|ALBI|mALBI|MELD|Na|ECOG|UCSF|up|to|seven|six|and|twelve|Child|Pugh|Mosteller|DuBois|MDT|case|hepatica|assess|plan|json|m|A|Ab|b|a|C|D|II|III|IIIa|Ⅲa)$/;
    const words = r.stdout.match(/[A-Za-z]+/g) ?? [];
    expect(words.filter((w) => !NAMES.test(w))).toEqual([]);
  });

  it("--lang other than en or zh is a usage error", async () => {
    const r = await runCli(["assess", example, "--lang", "fr"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--lang is en or zh");
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
