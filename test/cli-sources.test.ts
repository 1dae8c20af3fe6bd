import { describe, expect, it } from "vitest";
import { SOURCES } from "../src/clinical/evidence/index.js";
import { runCli } from "./cli-io.js";

describe("hepatica sources", () => {
  it("lists every source of the registry with its verification status", async () => {
    const r = await runCli(["sources", "--json"]);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; verification: string; citation: string }[];
    expect(list.map((s) => s.id).sort()).toEqual(Object.keys(SOURCES).sort());
    const pugh = list.find((s) => s.id === "pugh1973");
    expect(pugh?.citation).toContain("doi:10.1002/bjs.1800600817");
    expect(pugh?.verification).toBe("verified");
    for (const s of list.filter((x) => x.verification !== "verified")) {
      expect(s.citation, s.id).toContain(`[${s.verification}]`);
    }
  });

  it("prints a readable list and counts what is not verified; a stray argument is a usage error", async () => {
    const r = await runCli(["sources"]);
    expect(r.stdout).toMatch(/\d+ sources; \d+ not verified in a primary text/);
    expect((await runCli(["sources", "extra"])).code).toBe(2);
  });
});
