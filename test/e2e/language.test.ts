/**
 * The workspace in Chinese, in Debian's Chromium against the real server: the language switch in
 * the top bar, remembered for the user after a reload, and the assessment, eligibility and
 * top bar of a patient page in Chinese — no visible English word there except names
 * (scores, staging systems, trials, drug and device names, units, abbreviations the national
 * guideline keeps in Latin letters).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoUser } from "../../src/cli/serve.js";
import { buildApp } from "../../src/server/app.js";
import { generateCohort, writeCohort } from "../../src/store/demo-cohort.js";
import { openTestStore, type TestStore } from "../../src/store/testing.js";
import { HAVE_CHROMIUM, launch, REPO, SKIP_MESSAGE, screenshot } from "./browser.js";

if (!HAVE_CHROMIUM) console.warn(SKIP_MESSAGE);

/** Latin-letter words allowed on a Chinese page: names and the guideline's own abbreviations. */
const NAMES = new Set(
  (
    "Hepatica BCLC CNLC AJCC TNM TACE cTACE DEB TAE HAIC FOLFOX TARE RFA MWA ALBI mALBI MELD Na ECOG UCSF " +
    "up to seven six and twelve Child Pugh Mosteller DuBois MDT INR AFP AST ALT Vp Vv CR PR SD PD NE " +
    "EASL AASLD CIRSE SIR EANM CCI IMbrave LAUNCH EMERALD HIMALAYA English Y T N M X TX NX A B C D a b " +
    "I II III IV Ia Ib IIa IIb IIIa IIIb cm mm mL Gy GBq kg g L dL mg U mmol umol µmol m MRN " +
    // the signed-in user's name (user data, not the interface)
    "demo"
  ).split(" "),
);

describe.skipIf(!HAVE_CHROMIUM)("the workspace in Chinese (Chromium)", () => {
  let t: TestStore;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    if (
      process.env.HEPATICA_E2E_SKIP_BUILD !== "1" ||
      !existsSync(join(REPO, "dist/web/client/index.html"))
    ) {
      execFileSync("npx", ["vite", "build", "--config", "src/web/vite.config.mts", "--logLevel", "warn"], {
        cwd: REPO,
        stdio: "inherit",
        env: { ...process.env, NODE_ENV: "production" },
      });
    }
    t = await openTestStore("sqlite");
    await ensureDemoUser(t.store);
    await writeCohort(t.store.db, generateCohort(3, 7));
    app = await buildApp({ store: t.store, demo: true });
    base = await app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launch();
    page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" })
    ).newPage();
    page.on("pageerror", (e) => console.error("page error:", e.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.cleanup();
  });

  /** Visible Latin-letter words inside `selector` that are not names. */
  async function englishIn(selector: string): Promise<string[]> {
    const texts = await page
      .locator(selector)
      .evaluateAll((els) => els.map((el) => el.textContent ?? "").join("\n"));
    return [...new Set(texts.match(/[A-Za-z]+/g) ?? [])].filter((w) => !NAMES.has(w));
  }

  it("switches to Chinese, remembers it for the user, and shows the assessment in Chinese", async () => {
    await page.goto(`${base}/app/`);
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill("demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Patients" }).waitFor();
    await page.locator("header select").selectOption("zh");
    await page.getByRole("link", { name: "新建患者" }).waitFor();
    expect(await page.locator(".notice").first().textContent()).toContain("并非决策");

    await page.reload();
    await page.getByRole("link", { name: "新建患者" }).waitFor();
    expect(await page.locator("header select").inputValue()).toBe("zh");

    await page.goto(`${base}/app/`);
    await page.locator("main table a[href*='/patients/']").first().click();
    await page.locator("#assessment-h").waitFor();
    expect(await page.locator("#assessment-h").textContent()).toBe("评估");
    expect(await page.locator("#elig-h").textContent()).toBe("各治疗方式的适应证评估");
    await expect(page.locator("section.assessment").textContent()).resolves.toContain("肝功能");
    await screenshot(page, "workspace-zh-assessment");
    expect(await englishIn("header")).toEqual([]);
    expect(await englishIn("section.assessment h2, section.assessment h3, section.assessment dt")).toEqual(
      [],
    );
    expect(await englishIn("table.eligibility thead, table.eligibility tbody th, .verdict")).toEqual([]);

    await page.locator("header select").selectOption("en");
    await page.getByRole("link", { name: "New patient" }).waitFor();
    expect(await page.locator("#assessment-h").textContent()).toBe("Assessment");
  });
});
