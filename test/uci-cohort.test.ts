/**
 * The UCI "HCC Survival" (Coimbra) cohort, 165 real patients, run as it is through
 * `hepatica assess --csv --map`: no crash; every indeterminate result names what is missing;
 * every implausible value is reported, never silently converted. Expected counts were taken
 * from the raw file independently of Hepatica (python csv, see test/fixtures/data/README.md).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Assessment } from "../src/clinical/assess.js";
import { runCli } from "./cli-io.js";

const root = join(import.meta.dirname, "..");
const csv = join(root, "test/fixtures/data/hcc-survival-uci/hcc-data.with-header.csv");
const map = join(root, "examples/uci-hcc-survival.map.json");

type Rec = Record<string, unknown> & {
  status?: string;
  missing?: string[];
  errors?: { path: string; code: string }[];
};

describe("UCI HCC Survival cohort through assess --csv", async () => {
  const r = await runCli(["assess", "--csv", csv, "--map", map, "--ndjson"]);
  const rows = r.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Assessment & Record<string, Rec>);
  const raw = readFileSync(csv, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(","));
  const header = readFileSync(csv, "utf8").split("\n")[0]?.split(",") ?? [];
  const col = (name: string) => raw.map((cells) => cells[header.indexOf(name)] ?? "");

  it("assesses all 165 patients without a crash", () => {
    expect(r.code).toBe(0);
    expect(rows).toHaveLength(165);
    expect(r.stderr).toContain("165 rows assessed");
  });

  it("every indeterminate result names what is missing; every invalid one names its fields", () => {
    for (const a of rows) {
      for (const [key, v] of Object.entries(a)) {
        if (typeof v !== "object" || v === null || Array.isArray(v)) continue;
        const res = v as Rec;
        if (res.status === "indeterminate") expect(res.missing?.length, `${a.id} ${key}`).toBeGreaterThan(0);
        if (res.status === "invalid") expect(res.errors?.length, `${a.id} ${key}`).toBeGreaterThan(0);
      }
    }
  });

  it("reports all 115 platelet counts written per microlitre as implausible, never rescaled", () => {
    const flagged = rows.filter((a) =>
      a.errors?.some((e) => e.path === "labs.platelets" && e.code === "implausible"),
    );
    expect(flagged).toHaveLength(115);
    const rawBig = col("Platelets").filter((v) => v !== "" && Number(v) > 5000);
    expect(rawBig).toHaveLength(115);
  });

  it("reports all 38 leucocyte counts written per microlitre as implausible", () => {
    const flagged = rows.filter((a) =>
      a.errors?.some((e) => e.path === "labs.wbc" && e.code === "implausible"),
    );
    expect(flagged).toHaveLength(38);
  });

  it("reports the patient with Nodules = 0 instead of staging a tumour-free HCC", () => {
    const zero = rows.filter((a) => a.errors?.some((e) => e.path === "tumorCountTotal"));
    expect(zero).toHaveLength(1);
    expect(col("Nodules").filter((v) => v === "0")).toHaveLength(1);
  });

  it("scores Child-Pugh exactly where its five inputs are present (155 patients) and says what is missing elsewhere", () => {
    const ok = rows.filter((a) => a.childPugh.status === "ok");
    expect(ok).toHaveLength(155);
    const notOk = rows.filter((a) => a.childPugh.status === "indeterminate");
    expect(notOk).toHaveLength(10);
    for (const a of notOk)
      expect(a.childPugh.status === "indeterminate" && a.childPugh.missing.length).toBeGreaterThan(0);
  });

  it("declares albumin in g/dL explicitly: mapping it as labelled (mg/dL) is rejected as an unsupported unit", async () => {
    const m = JSON.parse(readFileSync(map, "utf8"));
    m.fields["labs.albumin"].unit = "mg/dL";
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "hepatica-"));
    writeFileSync(join(dir, "map.json"), JSON.stringify(m));
    const r2 = await runCli(["assess", "--csv", csv, "--map", join(dir, "map.json"), "--ndjson"]);
    const first = JSON.parse(r2.stdout.split("\n")[0] as string) as Assessment;
    expect(first.errors?.find((e) => e.path === "labs.albumin.unit")?.code).toBe("unsupported-unit");
    expect(first.albi.status).toBe("invalid");
  });
});
