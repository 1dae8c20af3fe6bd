import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "./main.js";

async function run(argv: string[], stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on("data", (d) => out.push(String(d)));
  stderr.on("data", (d) => err.push(String(d)));
  const code = await main(argv, { stdin: Readable.from([stdin]), stdout, stderr });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

const COURSE = {
  id: "demo",
  timepoints: [
    {
      date: "2024-01-01",
      lesions: [{ id: "L1", organ: "liver", role: "target", longestDiameterMm: 40, viableDiameterMm: 40 }],
    },
    { date: "2024-02-15", lesions: [{ id: "L1", longestDiameterMm: 50, viableDiameterMm: 10 }] },
  ],
};

describe("hepatica response", () => {
  it("prints a timeline table with both criteria, BOR and progression", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hepatica-response-"));
    const file = join(dir, "course.json");
    writeFileSync(file, JSON.stringify(COURSE));
    const r = await run(["response", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("2024-02-15");
    expect(r.stdout).toMatch(/RECIST 1\.1 PD; mRECIST PR/);
    expect(r.stdout).toContain("First progression: RECIST 1.1 2024-02-15 (day 45); mRECIST none");
  });
  it("--json from stdin; exit 1 for an invalid course", async () => {
    const ok = await run(["response", "-", "--json"], JSON.stringify(COURSE));
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).bestOverallResponse).toEqual({ recist11: "PD", mrecist: "PR" });
    const bad = await run(["response", "-", "--json"], JSON.stringify({ timepoints: [] }));
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).errors[0].code).toBe("NO_TIMEPOINTS");
    const notJson = await run(["response", "-"], "{");
    expect(notJson.code).toBe(1);
  });
  it("--ndjson: one result per line in order; a bad line gives an invalid line and the batch goes on", async () => {
    const input = [
      JSON.stringify(COURSE),
      "not json",
      "",
      JSON.stringify({ timepoints: [] }),
      JSON.stringify(COURSE),
    ].join("\n");
    const r = await run(["response", "--ndjson"], input);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.status)).toEqual(["ok", "invalid", "invalid", "ok"]);
    expect(lines[1].errors[0].code).toBe("INVALID_JSON");
    expect(lines[2].errors[0].code).toBe("NO_TIMEPOINTS");
  });
  it("usage errors exit 2; --help exits 0", async () => {
    expect((await run(["response"])).code).toBe(2);
    expect((await run(["response", "a", "b"])).code).toBe(2);
    expect((await run(["response", "--bogus"])).code).toBe(2);
    const help = await run(["response", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--ndjson");
  });
});
