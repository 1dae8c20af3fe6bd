/**
 * The clinician workspace end to end, in Debian's Chromium against the real server (buildApp on a
 * fresh SQLite store) serving the freshly built app: sign in, create a patient with labs in SI
 * units, see BCLC and CNLC, record a TACE, add two follow-up time points, see the mRECIST partial
 * response, open the tumour-board page (and print it to PDF), read the education in Chinese, and
 * check a researcher's de-identified view. axe-core runs on every main screen.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoUser } from "../../src/cli/serve.js";
import { assess } from "../../src/clinical/assess.js";
import { buildApp } from "../../src/server/app.js";
import { hashPassword } from "../../src/server/auth/password.js";
import { generateCohort, writeCohort } from "../../src/store/demo-cohort.js";
import { openTestStore, type TestStore } from "../../src/store/testing.js";
import { createUser } from "../../src/store/users.js";
import {
  ARTIFACTS,
  describeViolations,
  HAVE_CHROMIUM,
  launch,
  REPO,
  SKIP_MESSAGE,
  screenshot,
  seriousViolations,
} from "./browser.js";

if (!HAVE_CHROMIUM) console.warn(SKIP_MESSAGE);

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
/** Baseline 90 days ago; TACE 5 days later; follow-ups at +35 and +80 days. */
const D0 = day(-90);
const TACE = day(-85);
const FU1 = day(-55);
const FU2 = day(-10);

/** The case the form below enters, for the expected stages (computed by the clinical core). */
const CASE = {
  sex: "male",
  height: { value: 170, unit: "cm" },
  weight: { value: 68, unit: "kg" },
  ecog: 0,
  cirrhosis: true,
  ascites: "none",
  encephalopathy: "none",
  vascularInvasion: { present: false },
  extrahepaticSpread: false,
  transplantCandidate: false,
  labs: {
    bilirubin: { value: 20, unit: "umol/L" },
    albumin: { value: 38, unit: "g/L" },
    inr: { value: 1.1 },
    creatinine: { value: 80, unit: "umol/L" },
    sodium: { value: 139, unit: "mmol/L" },
    afp: { value: 250, unit: "ng/mL" },
    platelets: { value: 140, unit: "10*9/L" },
    wbc: { value: 5.2, unit: "10*9/L" },
    neutrophils: { value: 3.1, unit: "10*9/L" },
  },
  tumors: [
    { id: "T1", diameterCm: 4.5 },
    { id: "T2", diameterCm: 3.0 },
  ],
};

describe.skipIf(!HAVE_CHROMIUM)("clinician workspace in Chromium", () => {
  let t: TestStore;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let patientUrl = "";

  beforeAll(async () => {
    if (
      process.env.HEPATICA_E2E_SKIP_BUILD !== "1" ||
      !existsSync(join(REPO, "dist/web/client/index.html"))
    ) {
      execFileSync("npx", ["vite", "build", "--config", "src/web/vite.config.mts", "--logLevel", "warn"], {
        cwd: REPO,
        stdio: "inherit",
        // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
        env: { ...process.env, NODE_ENV: "production" },
      });
    }
    t = await openTestStore("sqlite");
    await ensureDemoUser(t.store);
    await createUser(t.store.db, "researcher1", "researcher", await hashPassword("research-pass-1"));
    app = await buildApp({ store: t.store, demo: true });
    base = await app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    page = await context.newPage();
    page.on("pageerror", (e) => console.error("page error:", e.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.cleanup();
  });

  async function noSeriousViolations(): Promise<void> {
    const v = await seriousViolations(page);
    expect(v, describeViolations(v)).toEqual([]);
  }

  it("signs in as the demo clinician", async () => {
    await page.goto(`${base}/app/`);
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill("wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toContain("wrong password");
    await noSeriousViolations();
    await page.getByLabel("Password").fill("demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Patients" }).waitFor();
    expect(await page.locator(".notice").first().textContent()).toContain("Decision support for clinicians");
  });

  it("creates a patient with SI labs, flagging an implausible value as it is typed", async () => {
    await page.getByRole("link", { name: "New patient" }).first().click();
    await page.getByRole("heading", { name: "New patient" }).waitFor();
    await page.getByLabel("MRN").fill("E2E-0001");
    await page.getByLabel("Family name").fill("Zhang");
    await page.getByLabel("Given name").fill("Wei");
    await page.getByLabel("Birth date").fill("1961-04-12");
    await page.getByLabel("Sex").selectOption("male");
    await page.getByLabel("Date of these values").fill(D0);
    await page.getByLabel("Height (cm)").fill("170");
    await page.getByLabel("Weight (kg)").fill("68");
    await page.getByLabel("ECOG performance status").selectOption("0");
    await page.getByLabel("Ascites").selectOption("none");
    await page.getByLabel("Encephalopathy (West Haven)").selectOption("none");
    await page.getByLabel("Cirrhosis").selectOption("true");
    await page.getByLabel("Macrovascular invasion").selectOption("false");
    await page.getByLabel("Extrahepatic spread").selectOption("false");
    await page.getByLabel("Transplant candidate (clinician judgement)").selectOption("false");

    // SI units are the defaults; a bilirubin of 2000 µmol/L is beyond the plausibility guard.
    await expect(page.getByLabel("Total bilirubin unit").inputValue()).resolves.toBe("µmol/L");
    await page.getByLabel("Total bilirubin", { exact: true }).fill("2000");
    await expect(page.locator(".field-error").first().textContent()).resolves.toContain(
      "outside the plausible range",
    );
    await screenshot(page, "workspace-lab-flag");
    await page.getByLabel("Total bilirubin", { exact: true }).fill("20");
    expect(await page.locator(".field-error").count()).toBe(0);
    await page.getByLabel("Albumin", { exact: true }).fill("38");
    await page.getByLabel("INR", { exact: true }).fill("1.1");
    await page.getByLabel("Creatinine", { exact: true }).fill("80");
    await page.getByLabel("Sodium", { exact: true }).fill("139");
    await page.getByLabel("Alpha-fetoprotein", { exact: true }).fill("250");
    await page.getByLabel("Platelet count", { exact: true }).fill("140");
    await page.getByLabel("White cell count", { exact: true }).fill("5.2");
    await page.getByLabel("Neutrophil count", { exact: true }).fill("3.1");

    await page.getByLabel("Lesion 1 longest diameter (mm)").fill("45");
    await page.getByLabel("Lesion 1 segment").fill("S7");
    await page.getByRole("button", { name: "Add lesion" }).click();
    await page.getByLabel("Lesion 2 longest diameter (mm)").fill("30");
    await noSeriousViolations();
    await page.getByRole("button", { name: "Create patient" }).click();
    await page.getByRole("heading", { name: "ZHANG, Wei" }).waitFor();
    patientUrl = page.url();
  });

  it("shows BCLC and CNLC side by side, as the clinical core stages the same case", async () => {
    const expected = assess(CASE);
    expect(expected.bclc.status).toBe("ok");
    expect(expected.cnlc.status).toBe("ok");
    const bclc = expected.bclc.status === "ok" ? expected.bclc.stage : "";
    const cnlc = expected.cnlc.status === "ok" ? expected.cnlc.stage : "";
    await expect(page.getByTestId("bclc").locator(".stage").textContent()).resolves.toContain(
      `Stage ${bclc}`,
    );
    await expect(page.getByTestId("cnlc").locator(".stage").textContent()).resolves.toContain(
      `Stage ${cnlc}`,
    );
    await expect(page.locator("#elig-h").textContent()).resolves.toBe("Eligibility per modality");
    await screenshot(page, "workspace-patient-assessment", false);
    // Reasons and sources open on demand.
    await page.getByTestId("bclc").getByText("Reason and source").click();
    await expect(page.getByTestId("bclc").locator(".citation").textContent()).resolves.toMatch(/Source: .+/);
    await noSeriousViolations();
    await screenshot(page, "workspace-patient-full");
  });

  it("edits the patient (optimistic concurrency through If-Match)", async () => {
    await page.getByRole("link", { name: "Edit / add values" }).click();
    await page.getByRole("heading", { name: "Edit patient" }).waitFor();
    await expect(page.getByLabel("Given name").inputValue()).resolves.toBe("Wei");
    await page.getByLabel("Given name").fill("Wei-Ming");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("heading", { name: "ZHANG, Wei-Ming" }).waitFor();
    await page.getByRole("link", { name: "Edit / add values" }).click();
    await page.getByLabel("Given name").fill("Wei");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("heading", { name: "ZHANG, Wei" }).waitFor();
  });

  it("records a TACE with the chemotherapy calculator", async () => {
    const form = page.locator("form", { has: page.getByRole("heading", { name: "Record a procedure" }) });
    await form.getByLabel("Procedure").selectOption("ctace");
    await form.getByLabel("Date", { exact: true }).fill(TACE);
    await form.getByLabel("Embolic agent").fill("gelatin sponge");
    await form.getByLabel("Embolic end point").selectOption("near-stasis");
    await expect(form.locator(".calc-out").textContent()).resolves.toContain("BSA (Mosteller) 1.79 m²");
    await form.getByRole("button", { name: "Use doxorubicin dose" }).click();
    await expect(form.getByLabel("Drug 1", { exact: true }).inputValue()).resolves.toBe("doxorubicin");
    await form.getByRole("button", { name: "Save procedure" }).click();
    await expect(page.locator(".timeline").textContent()).resolves.toBeTruthy();
    await page.locator(".timeline li", { hasText: "CTACE" }).waitFor();
  });

  it("adds two follow-up time points and shows an mRECIST partial response", async () => {
    for (const [date, v1, v2] of [
      [FU1, "20", "10"],
      [FU2, "15", "8"],
    ] as const) {
      const form = page.locator("form", {
        has: page.getByRole("heading", { name: "Add an imaging time point" }),
      });
      await form.getByLabel("Study date").fill(date);
      await form.getByLabel("Lesion T1 longest diameter (mm)").fill("45");
      await form.getByLabel("Lesion T1 viable diameter (mm)").fill(v1);
      await form.getByLabel("Lesion T2 longest diameter (mm)").fill("30");
      await form.getByLabel("Lesion T2 viable diameter (mm)").fill(v2);
      await form.getByRole("button", { name: "Save time point" }).click();
      await page.getByTestId(`mrecist-${date}`).waitFor();
    }
    await expect(page.getByTestId(`mrecist-${FU1}`).textContent()).resolves.toBe("PR (partial response)");
    await expect(page.getByTestId(`mrecist-${FU2}`).textContent()).resolves.toBe("PR (partial response)");
    await expect(page.getByTestId("best-mrecist").textContent()).resolves.toBe("PR (partial response)");
    // RECIST 1.1 (longest diameters unchanged) stays stable: the two criteria are shown side by side.
    await expect(page.locator(".response-row").first().textContent()).resolves.toContain("SD");
    await page.locator("svg.chart").waitFor();
    await noSeriousViolations();
    await page.locator("#lesions-h").evaluate((h) => h.scrollIntoView({ block: "start" }));
    await screenshot(page, "workspace-patient-response", false);
  });

  it("opens the tumour-board page, which prints to one clean document", async () => {
    await page.getByRole("link", { name: "Tumour-board summary" }).click();
    await page.getByRole("heading", { name: /Tumour board — ZHANG, Wei/ }).waitFor();
    await expect(page.getByTestId("best-mrecist").textContent()).resolves.toBe("PR (partial response)");
    await noSeriousViolations();
    await screenshot(page, "workspace-tumour-board");
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".topbar").isVisible()).toBe(false);
    await screenshot(page, "workspace-tumour-board-print");
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.pdf({ path: join(ARTIFACTS, "tumour-board.pdf"), format: "A4", printBackground: false });
    await page.emulateMedia({ media: "screen" });
  });

  it("prints a personalised patient summary, in English or Chinese", async () => {
    await page.goto(patientUrl);
    await page.getByRole("link", { name: "Patient summary (EN/中文)" }).click();
    await page.getByRole("heading", { name: "Your treatment summary" }).waitFor();
    await expect(page.getByTestId("summary-bclc").textContent()).resolves.toContain("Intermediate stage");
    await expect(page.getByTestId("summary-response").textContent()).resolves.toContain("clearly shrunk");
    await noSeriousViolations();
    await page.getByLabel("中文").check();
    await page.getByRole("heading", { name: "您的治疗小结" }).waitFor();
    expect(await page.locator("main").getAttribute("lang")).toBe("zh-Hans");
    await expect(page.getByTestId("summary-response").textContent()).resolves.toContain("明显缩小");
    await noSeriousViolations();
    await screenshot(page, "patient-summary-zh");
    await page.goto(patientUrl);
    await page.getByRole("heading", { name: "ZHANG, Wei" }).waitFor();
  });

  it("links to the patient education, readable in Chinese", async () => {
    await page.getByRole("link", { name: "Patient education" }).click();
    await page.waitForURL(`${base}/education`);
    await page.getByRole("link", { name: "阅读中文版" }).click();
    await page.waitForURL(`${base}/zh/education`);
    expect(await page.getAttribute("html", "lang")).toBe("zh-Hans");
    await page.getByRole("link", { name: "复查随访" }).click();
    await expect(page.locator("h1").textContent()).resolves.toBe("复查随访");
    await noSeriousViolations();
    await screenshot(page, "education-zh-follow-up");
  });

  it("shows a researcher de-identified data and no editing", async () => {
    const rctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const r = await rctx.newPage();
    await r.goto(`${base}/app/`);
    // Keyboard only: the form is reachable and submits with Enter.
    await r.getByLabel("Username").focus();
    await r.keyboard.type("researcher1");
    await r.keyboard.press("Tab");
    await r.keyboard.type("research-pass-1");
    await r.keyboard.press("Enter");
    await r.getByRole("heading", { name: "Patients" }).waitFor();
    expect(await r.locator(".notice").first().textContent()).toContain("de-identified");
    const body = await r.locator("main").textContent();
    expect(body).not.toContain("Zhang");
    expect(body).not.toContain("E2E-0001");
    expect(await r.getByRole("link", { name: "New patient" }).count()).toBe(0);
    await r.locator("main table a").first().click();
    await r.locator('[data-testid="bclc"]').waitFor();
    expect(await r.getByRole("heading", { name: "Record a procedure" }).count()).toBe(0);
    await rctx.close();
    expect(patientUrl).toContain("/app/patients/");
  });

  afterAll(() => {
    // The README shows two of the screenshots; refreshed only on request, so that a test run
    // does not change tracked files (HEPATICA_UPDATE_SCREENSHOTS=1 npx vitest run test/e2e).
    if (process.env.HEPATICA_UPDATE_SCREENSHOTS !== "1") return;
    const docs = join(REPO, "docs", "screenshots");
    mkdirSync(docs, { recursive: true });
    for (const name of ["workspace-patient-assessment", "workspace-patient-response"]) {
      const from = join(ARTIFACTS, `${name}.png`);
      if (existsSync(from)) copyFileSync(from, join(docs, `${name}.png`));
    }
  });
});

/**
 * Registry cohorts and the patient-list filters, on a synthetic demo cohort: `/` leads to the
 * workspace; the list filters by BCLC stage and last response; the cohort page draws KM curves
 * (bands, censor ticks, number at risk as the API computes it), the log-rank p and the hazard
 * ratios, and downloads the plot as SVG and PNG and the times as CSV. (In this file, after the
 * workspace flow, so that the app is built once.)
 */
describe.skipIf(!HAVE_CHROMIUM)("registry cohorts and patient filters in Chromium", () => {
  let t: TestStore;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    t = await openTestStore("sqlite");
    await ensureDemoUser(t.store);
    await writeCohort(t.store.db, generateCohort(80, 3));
    app = await buildApp({ store: t.store, demo: true });
    base = await app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launch();
    // CSP bypassed here only so that axe-core can be injected; the downloads run under the real CSP.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    page = await context.newPage();
    page.on("pageerror", (e) => console.error("page error:", e.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.cleanup();
  });

  async function noSeriousViolations(): Promise<void> {
    const v = await seriousViolations(page);
    expect(v, describeViolations(v)).toEqual([]);
  }

  it("goes from / to the workspace and filters the patient list by stage and last response", async () => {
    await page.goto(`${base}/`);
    expect(page.url()).toBe(`${base}/app/`);
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill("demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Patients" }).waitFor();
    const rows = page.locator("main table tbody tr");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(80);
    // Columns: patient, MRN, born, sex, BCLC, CNLC, last modality, last response.
    const column = async (k: number) => rows.locator(`td:nth-child(${k})`).allTextContents();
    const stages = await column(5);
    expect(stages.filter((s) => s === "A").length).toBeGreaterThan(0);
    await page.getByLabel("BCLC stage").selectOption("A");
    const onlyA = await column(5);
    expect(onlyA.length).toBe(stages.filter((s) => s === "A").length);
    expect(new Set(onlyA)).toEqual(new Set(["A"]));
    await page.getByLabel("BCLC stage").selectOption("");
    await page.getByLabel("Last response").selectOption("PD");
    const pd = await column(8);
    expect(pd.length).toBeGreaterThan(0);
    expect(new Set(pd)).toEqual(new Set(["PD"]));
    expect(new Set(await column(7)).size).toBeGreaterThan(0);
    await noSeriousViolations();
  });

  it("draws PFS by BCLC stage with bands, censor ticks, number at risk, log-rank and hazard ratios", async () => {
    await page.getByRole("link", { name: "Cohorts" }).click();
    await page.getByRole("heading", { name: "Registry cohorts" }).waitFor();
    await page.getByLabel("End point").selectOption("pfs");
    await page.getByLabel("Progression criterion").selectOption("mrecist");
    await page.getByLabel("Compare by").selectOption("bclcStage");
    await page.getByRole("button", { name: "Analyse" }).click();
    const plot = page.getByTestId("km-plot").locator("svg");
    await plot.waitFor();
    const api = (await page.evaluate(async () => {
      const res = await fetch(
        "/api/cohorts/survival?endpoint=pfs&criterion=mrecist&groupBy=bclcStage&unit=months",
      );
      return res.json();
    })) as {
      groups: { level: string }[];
      atRisk: { byGroup: Record<string, number[]> };
      competing: {
        n: number;
        counts: Record<string, number>;
        curves: { level: string; event: string; est: number[] }[];
        atRisk: { level: string; km: { time: number[]; nRisk: number[] } }[];
      };
    };
    const levels = api.groups.map((g) => g.level);
    expect(levels.length).toBeGreaterThan(1);
    expect(await plot.locator("path.km-curve").count()).toBe(levels.length);
    expect(await plot.locator("path.ci-band").count()).toBe(levels.length);
    expect(await plot.locator("line.censor-tick").count()).toBeGreaterThan(0);
    expect(await plot.getAttribute("role")).toBe("img");
    await expect(plot.locator("title").textContent()).resolves.toContain(
      "Progression-free survival (mRECIST)",
    );
    for (const level of levels) {
      const shown = await plot
        .locator(`g.at-risk-row[data-group="BCLC ${level}"] text.n-risk`)
        .allTextContents();
      expect(shown.map(Number)).toEqual(api.atRisk.byGroup[level]);
    }
    await expect(page.getByTestId("logrank").textContent()).resolves.toMatch(
      /Log-rank test: χ² = [\d.]+ on \d+ df, p = /,
    );
    const hrRows = page.getByTestId("hazard-ratios").locator("tbody tr");
    expect(await hrRows.count()).toBe(levels.length - 1);
    await expect(hrRows.first().locator("th").textContent()).resolves.toMatch(/^bclcStage/);
    // Competing risks beside KM: death, transplant and resection after the first treatment.
    const ci = page.getByTestId("cuminc-plot").locator("svg");
    await ci.waitFor();
    const c = api.competing;
    expect(c.counts.death + c.counts.transplant + c.counts.resection).toBeGreaterThan(0);
    expect(c.curves.length).toBeGreaterThan(levels.length);
    expect(await ci.locator("path.km-curve").count()).toBe(c.curves.length);
    expect(await ci.locator("g.at-risk-row").count()).toBe(c.curves.length);
    await expect(ci.locator("title").textContent()).resolves.toContain(
      "Cumulative incidence: death, transplant, resection (competing) by BCLC stage",
    );
    const firstAtRisk = await ci
      .locator("g.at-risk-row")
      .first()
      .locator("text.n-risk")
      .first()
      .textContent();
    expect(Number(firstAtRisk)).toBe(c.atRisk.find((a) => a.level === c.curves[0]?.level)?.km.nRisk[0]);
    for (const curve of c.curves)
      expect(curve.est.every((e, i) => i === 0 || e >= (curve.est[i - 1] as number))).toBe(true);
    await expect(page.getByTestId("competing-summary").textContent()).resolves.toMatch(
      new RegExp(
        `^${c.n} patients: ${c.counts.death} deaths, ${c.counts.transplant} transplants, ${c.counts.resection} resections`,
      ),
    );
    await noSeriousViolations();
    await screenshot(page, "cohort-pfs-by-bclc");
  });

  it("downloads the plot as SVG and PNG, and the per-patient times as CSV, under the app's CSP", async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const strict = await context.newPage();
    const blocked: string[] = [];
    strict.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
    });
    await strict.goto(`${base}/app/cohorts`);
    await strict.getByLabel("Username").fill("demo");
    await strict.getByLabel("Password").fill("demo");
    await strict.getByRole("button", { name: "Sign in" }).click();
    await strict.getByLabel("End point").selectOption("pfs");
    await strict.getByRole("button", { name: "Analyse" }).click();
    await strict.getByTestId("km-plot").locator("svg").waitFor();
    const save = async (name: string | RegExp) => {
      const [download] = await Promise.all([
        strict.waitForEvent("download"),
        strict.getByRole(typeof name === "string" ? "button" : "link", { name }).click(),
      ]);
      const file = await download.path();
      return { name: download.suggestedFilename(), bytes: readFileSync(file) };
    };
    const svg = await save("Download SVG");
    expect(svg.name).toBe("cohort-pfs-bclcStage.svg");
    expect(svg.bytes.toString("utf8")).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const png = await save("Download PNG");
    expect(png.name).toBe("cohort-pfs-bclcStage.png");
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.length).toBeGreaterThan(10_000);
    const csv = await save(/Download CSV/);
    expect(csv.bytes.toString("utf8").split("\n")[0]).toBe(
      "patientId,firstTreatment,modality,bclcStage,cnlcStage,lastResponse,sex,ageAtStart,group,origin,end,days,time,event,endReason,firstLine",
    );
    expect(blocked).toEqual([]);
    await context.close();
  });
});
