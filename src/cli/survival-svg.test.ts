import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { numberAtRisk } from "../analytics/kaplan-meier.js";
import { atRiskTimes } from "../analytics/km-svg.js";
import { survivalReport } from "../analytics/report.js";
import { parseCsv } from "./csv-table.js";
import { EXIT } from "./io.js";
import { main } from "./main.js";
import { readSurvivalRequest } from "./survival.js";

const FILE = new URL(
  "../../test/fixtures/data/hcc-tace-seg/HCC-TACE-Seg_clinical_data-V2.csv",
  import.meta.url,
).pathname;

async function run(argv: string[]): Promise<{ code: number; err: string }> {
  const stderr = new PassThrough();
  let err = "";
  stderr.on("data", (c: Buffer) => {
    err += c.toString();
  });
  const code = await main(argv, { stdin: new PassThrough(), stdout: new PassThrough(), stderr });
  return { code, err };
}

describe("hepatica survival --svg on the real HCC-TACE-Seg table", () => {
  const dir = mkdtempSync(join(tmpdir(), "hepatica-svg-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the KM plot per group with the table's numbers at risk", async () => {
    const out = join(dir, "km.svg");
    const { code, err } = await run([
      "survival",
      FILE,
      "--time",
      "OS",
      "--status",
      "Death_1_StillAliveorLostToFU_0",
      "--group",
      "CPS",
      "--svg",
      out,
      "--title",
      "HCC-TACE-Seg: OS by Child-Pugh class",
      "--time-label",
      "Weeks",
    ]);
    expect(err).toBe("");
    expect(code).toBe(EXIT.ok);
    const svg = readFileSync(out, "utf8");
    expect(svg).toContain(">HCC-TACE-Seg: OS by Child-Pugh class</title>");
    expect(svg).toContain(">Weeks</text>");
    const report = survivalReport(
      readSurvivalRequest(parseCsv(readFileSync(FILE, "utf8")), {
        time: "OS",
        status: "Death_1_StillAliveorLostToFU_0",
        group: "CPS",
        covariates: [],
        groupInCox: true,
      }),
    );
    const times = atRiskTimes(Math.max(...report.km.overall.time));
    for (const level of ["A", "B", "C"]) {
      const row =
        new RegExp(`<g class="at-risk-row" data-group="CPS=${level}">(.*?)</g>`).exec(svg)?.[1] ?? "";
      const shown = [...row.matchAll(/class="n-risk"[^>]*>(\d+)</g)].map((m) => Number(m[1]));
      const curve = report.km.byGroup[level];
      if (!curve) throw new Error(`no group ${level}`);
      expect(shown).toEqual(numberAtRisk(curve, times));
    }
    expect([...svg.matchAll(/class="km-curve"/g)]).toHaveLength(3);
  });

  it("reports a file it cannot write", async () => {
    const { code, err } = await run([
      "survival",
      FILE,
      "--time",
      "OS",
      "--status",
      "Death_1_StillAliveorLostToFU_0",
      "--svg",
      join(dir, "no", "such", "dir", "km.svg"),
    ]);
    expect(code).toBe(EXIT.invalidInput);
    expect(err).toContain("cannot write");
  });
});
