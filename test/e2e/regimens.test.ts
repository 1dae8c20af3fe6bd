/**
 * A TACE + lenvatinib course end to end in Debian's Chromium (issue 16): the patient's plan shows
 * LAUNCH with the patient's fit and both guideline positions; the regimen recorded with cycles,
 * a dose reduction and a grade 3 toxicity appears on the timeline as its own treatment line; the
 * cohorts page groups it as "TACE + lenvatinib" with its toxicity row; the combination and CIK
 * education pages read in English and Chinese.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoUser } from "../../src/cli/serve.js";
import { buildApp } from "../../src/server/app.js";
import { openTestStore, type TestStore } from "../../src/store/testing.js";
import { HAVE_CHROMIUM, launch, REPO, SKIP_MESSAGE, screenshot } from "./browser.js";

if (!HAVE_CHROMIUM) console.warn(SKIP_MESSAGE);

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const START = day(-200);

describe.skipIf(!HAVE_CHROMIUM)("TACE + lenvatinib course in Chromium", () => {
  let t: TestStore;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let base: string;
  let token = "";
  const ids: string[] = [];

  async function api(method: "POST" | "GET", url: string, payload?: object) {
    const res = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json() as { id: string };
  }

  beforeAll(async () => {
    if (!existsSync(join(REPO, "dist/web/client/index.html"))) {
      execFileSync("npx", ["vite", "build", "--config", "src/web/vite.config.mts", "--logLevel", "warn"], {
        cwd: REPO,
        stdio: "inherit",
        env: { ...process.env, NODE_ENV: "production" },
      });
    }
    t = await openTestStore("sqlite");
    await ensureDemoUser(t.store);
    app = await buildApp({ store: t.store, demo: true });
    base = await app.listen({ host: "127.0.0.1", port: 0 });
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "demo", password: "demo" },
    });
    token = (login.json() as { token: string }).token;
    for (const [name, combined] of [
      ["Lenvatinib", true],
      ["Alone", false],
    ] as const) {
      const { id } = await api("POST", "/api/patients", {
        familyName: "Course",
        givenName: name,
        sex: "male",
        birthDate: "1961-04-12",
      });
      ids.push(id);
      const lab = (code: string, value: number, unit: string) =>
        api("POST", `/api/patients/${id}/observations`, {
          system: "http://loinc.org",
          code,
          value,
          unit,
          effectiveAt: START,
        });
      await lab("1975-2", 20, "umol/L");
      await lab("1751-7", 38, "g/L");
      await lab("6301-6", 1.1, "{INR}");
      for (const on of [day(-195), day(-140)]) {
        await api("POST", `/api/patients/${id}/procedures`, {
          modality: "ctace",
          performedOn: on,
          complications: combined ? [] : [{ description: "post-embolisation syndrome", cirseGrade: 1 }],
        });
      }
      if (combined) {
        await api("POST", `/api/patients/${id}/systemic-therapies`, {
          agent: "lenvatinib",
          regimen: "lenvatinib",
          startedOn: day(-193),
          stoppedOn: day(-60),
          stopReasonCode: "progression",
          cycles: [
            {
              number: 1,
              startedOn: day(-193),
              agent: "lenvatinib",
              dose: 12,
              unit: "mg/d",
              doseChange: "standard",
            },
            {
              number: 2,
              startedOn: day(-165),
              agent: "lenvatinib",
              dose: 12,
              unit: "mg/d",
              doseChange: "standard",
            },
            {
              number: 3,
              startedOn: day(-137),
              agent: "lenvatinib",
              dose: 8,
              unit: "mg/d",
              doseChange: "reduced",
              changeReason: "toxicity",
              ctcaeGrade: 3,
            },
          ],
          adverseEvents: [
            { ctcaeTerm: "Hypertension", grade: 3, onsetOn: day(-140), attributedTo: "lenvatinib" },
          ],
        });
      }
      await api("POST", `/api/patients/${id}/outcomes`, {
        kind: "death",
        occurredOn: day(combined ? -10 : -30),
      });
    }
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    page = await context.newPage();
    page.on("pageerror", (e) => console.error("page error:", e.message));
    await page.goto(`${base}/app/`);
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill("demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Patients" }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.cleanup();
  });

  it("shows the regimen on the timeline as its own line, with its cycles and graded toxicity", async () => {
    await page.goto(`${base}/app/patients/${ids[0]}`);
    const lines = page.getByTestId("treatment-lines");
    await lines.waitFor();
    await expect(lines.textContent()).resolves.toContain(
      "Line 1: TACE + lenvatinib (locoregional + systemic)",
    );
    const timeline = await page.locator(".timeline").textContent();
    expect(timeline).toContain("lenvatinib started: 3 cycle(s), reduced at cycle 3 (CTCAE grade 3)");
    expect(timeline).toContain("(progression)");
    expect(timeline).toContain("Hypertension, CTCAE grade 3 (lenvatinib)");
    await screenshot(page, "regimen-timeline");
  });

  it("the plan lists LAUNCH with the patient's fit and BCLC 2022 beside CNLC 2024", async () => {
    const combos = page.getByTestId("combinations");
    await combos.locator("summary").click();
    const launchRow = combos.locator('tr[data-combination="launch"]');
    const text = (await launchRow.textContent()) ?? "";
    expect(text).toContain("LAUNCH");
    expect(text).toContain("ECOG 0–1");
    expect(text).toContain("not addressed");
    expect(text).toContain("endorsed");
  });

  it("the cohorts page groups by first treatment line, with the toxicity table", async () => {
    await page.goto(`${base}/app/cohorts`);
    await page.getByLabel("Compare by").selectOption("treatmentLine");
    await page.getByLabel("Time unit").selectOption("days");
    await page.getByRole("button", { name: "Analyse" }).click();
    const medians = page.getByTestId("medians");
    await medians.waitFor();
    const rows = await medians.locator("tbody th").allTextContents();
    expect(rows).toEqual(["TACE", "TACE + lenvatinib"]);
    const tox = await page.getByTestId("toxicity").locator("tbody tr").allTextContents();
    expect(tox).toHaveLength(2);
    // TACE alone: n 1, no CTCAE event, one CIRSE grade 1; TACE + lenvatinib: one CTCAE grade 3.
    expect(tox[0]).toBe(`TACE1${"00000"}${"100000"}`);
    expect(tox[1]).toBe(`TACE + lenvatinib1${"00100"}${"000000"}`);
    await screenshot(page, "regimen-cohorts");
  });

  it("explains combinations and CIK cell therapy in English and Chinese", async () => {
    await page.goto(`${base}/education/combination-therapy`);
    await expect(page.locator("h1").textContent()).resolves.toContain("Combining treatments");
    await page.goto(`${base}/zh/education/cik-cell-therapy`);
    await expect(page.locator("h1").textContent()).resolves.toContain("CIK 细胞治疗");
    expect(await page.locator("main").textContent()).toContain("不推荐这种治疗");
  });
});
