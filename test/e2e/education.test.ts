import Fastify, { type FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { educationPlugin } from "../../src/web/education/plugin.js";
import {
  describeViolations,
  HAVE_CHROMIUM,
  launch,
  SKIP_MESSAGE,
  screenshot,
  seriousViolations,
} from "./browser.js";

if (!HAVE_CHROMIUM) console.warn(SKIP_MESSAGE);

describe.skipIf(!HAVE_CHROMIUM)("patient education in Chromium", () => {
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    app = Fastify();
    await app.register(educationPlugin);
    base = await app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launch();
    // A phone-sized viewport: the pages must read well on a phone.
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      bypassCSP: true, // lets axe-core be injected despite the pages' strict CSP
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("renders the English index with the care-team notice and no serious axe violations", async () => {
    const res = await page.goto(`${base}/education`);
    expect(res?.status()).toBe(200);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await expect(page.locator("h1").textContent()).resolves.toBe("Interventional treatment for liver cancer");
    expect(await page.locator(".notice").first().textContent()).toContain("does not replace medical advice");
    // No horizontal scrolling on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const v = await seriousViolations(page);
    expect(v, describeViolations(v)).toEqual([]);
    await screenshot(page, "education-en-index");
  });

  it("opens a topic and switches to the same topic in Chinese, and back", async () => {
    await page.goto(`${base}/education`);
    await page.getByRole("link", { name: "Chemoembolization (cTACE and DEB-TACE)" }).click();
    await page.waitForURL(`${base}/education/tace`);
    expect(await page.locator("h1").textContent()).toBe("Chemoembolization (cTACE and DEB-TACE)");
    let v = await seriousViolations(page);
    expect(v, describeViolations(v)).toEqual([]);

    await page.getByRole("link", { name: "阅读中文版" }).click();
    await page.waitForURL(`${base}/zh/education/tace`);
    expect(await page.getAttribute("html", "lang")).toBe("zh-Hans");
    expect(await page.locator("h1").textContent()).toBe("肝动脉化疗栓塞（cTACE 与 DEB-TACE）");
    expect(await page.locator(".notice").first().textContent()).toContain("不能代替医生的诊疗意见");
    v = await seriousViolations(page);
    expect(v, describeViolations(v)).toEqual([]);
    await screenshot(page, "education-zh-tace");

    await page.getByRole("link", { name: "Read in English" }).click();
    await page.waitForURL(`${base}/education/tace`);
    expect(await page.getAttribute("html", "lang")).toBe("en");
  });

  it("renders the Chinese index and the help section without serious axe violations", async () => {
    await page.goto(`${base}/zh/education`);
    expect(await page.locator("h1").textContent()).toBe("肝癌的介入治疗");
    let v = await seriousViolations(page);
    expect(v, describeViolations(v)).toEqual([]);
    await screenshot(page, "education-zh-index");
    await page.goto(`${base}/zh/education/benefits-and-risks`);
    expect(await page.locator(".warning").textContent()).toContain("急诊");
    v = await seriousViolations(page);
    expect(v, describeViolations(v)).toEqual([]);
  });
});
