/**
 * Results as the caller asks for them (issue 17): compact by default (source ids, short
 * citations, no rulesApplied/notAssessed), `?detail=full`, and the language from `?lang=` or
 * `Accept-Language`. The compact assessment of examples/case-001.json is measured here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assess } from "../../clinical/assess.js";
import { auth, openTestApp, type TestApp } from "../testing.js";

const CASE = JSON.parse(readFileSync(join(import.meta.dirname, "../../../examples/case-001.json"), "utf8"));

describe("POST /api/assess: compact and full, English and Chinese", () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await openTestApp("sqlite");
  });
  afterAll(async () => {
    await h?.close();
  });
  const post = (query: string, headers: Record<string, string> = {}) =>
    h.app.inject({
      method: "POST",
      url: `/api/assess${query}`,
      headers: { ...auth(h.tokens.clinician), ...headers },
      payload: CASE,
    });

  it("compact by default: source ids and a short citation, no rule lists; the values unchanged", async () => {
    const res = await post("");
    expect(res.statusCode).toBe(200);
    const a = res.json();
    const core = assess(CASE);
    // Same decisions: BCLC C / CNLC IIIa for Vp2 branch invasion (staging-treatment.md §1.1, §2.1).
    expect(a.bclc).toMatchObject({
      status: "ok",
      stage: "C",
      options: core.bclc.status === "ok" ? core.bclc.options : [],
    });
    expect(a.cnlc).toMatchObject({ status: "ok", stage: "IIIa" });
    expect(a.childPugh).toMatchObject({ status: "ok", class: "A", score: 5, sources: ["pugh1973"] });
    expect(a.childPugh.citation).toBe("Pugh 1973");
    expect(a.eligibility.ctace.intl.sources).toEqual(["easl2018TaceTable", "cnTaceGuideline"]);
    expect(a.eligibility.ctace.intl).not.toHaveProperty("rulesApplied");
    expect(a.eligibility.ctace.intl).not.toHaveProperty("notAssessed");
    expect(a.eligibility.ctace.intl.reasons[0]).toEqual({
      rule: "tace.branchPvtt",
      level: "relative",
      text: "branch portal vein invasion Vp2 (outside the BCLC indication)",
      sources: ["easl2018TaceTable"],
    });
  });

  it("the compact assessment of examples/case-001.json in one language, measured", async () => {
    const en = (await post("")).body;
    const zh = (await post("?lang=zh")).body;
    const full = (await post("?detail=full")).body;
    const bytes = (s: string) => Buffer.byteLength(s, "utf8");
    // Goal of the issue: ≤ 12 KB. Reached so far: ≤ 24 KB (from 62 KB); see docs/case-format.md.
    expect(bytes(en)).toBeLessThanOrEqual(24 * 1024);
    expect(bytes(zh)).toBeLessThanOrEqual(24 * 1024);
    expect(bytes(full)).toBeGreaterThan(2 * bytes(en));
  });

  it("?detail=full keeps the full citations and the rule lists", async () => {
    const a = (await post("?detail=full")).json();
    expect(a.eligibility.ctace.intl.rulesApplied).toContain("tace.childPughC");
    expect(a.eligibility.ctace.intl.notAssessed).toContain("portalFlow");
    expect(a.childPugh.citation).toContain("Br J Surg");
    expect(a.childPugh.sources).toEqual(["pugh1973"]);
  });

  it("Chinese from ?lang=zh or Accept-Language: generic reasons, assumptions and the notice", async () => {
    for (const res of [
      await post("?lang=zh"),
      await post("", { "accept-language": "zh-CN,zh;q=0.9,en;q=0.5" }),
    ]) {
      const a = res.json();
      expect(a.notice).toContain("并非决策");
      expect(a.ajcc8.reason).toBe("无法判定——缺少侵犯邻近器官、穿透脏层腹膜。");
      expect(a.childPugh.assumptions).toEqual(["未提供是否为胆汁淤积性肝病：采用标准胆红素分级界值"]);
      expect(a.childPugh.class).toBe("A");
    }
    const en = (await post("?lang=en", { "accept-language": "zh" })).json();
    expect(en.ajcc8.reason).toBe(
      "Cannot determine — missing adjacentOrganInvasion, visceralPeritoneumPerforation.",
    );
  });

  it("an unknown language or detail is a 400 naming the parameter", async () => {
    const res = await post("?lang=fr");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.errors[0].path).toBe("querystring.lang");
    expect((await post("?detail=everything")).json().error.errors[0].path).toBe("querystring.detail");
  });
});
