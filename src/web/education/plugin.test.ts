import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { educationPlugin } from "./plugin.js";
import { TOPIC_IDS } from "./types.js";

let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  await app.register(educationPlugin);
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

describe("educationPlugin on a bare Fastify instance", () => {
  it("serves the English index with lang, the notice and a switch to Chinese", async () => {
    const res = await app.inject({ method: "GET", url: "/education" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["content-language"]).toBe("en");
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('name="viewport"');
    expect(res.body).toContain("does not replace medical advice");
    expect(res.body).toContain('href="/zh/education" hreflang="zh-Hans" lang="zh-Hans"');
    expect(res.body).not.toContain("<script");
    for (const id of TOPIC_IDS) expect(res.body).toContain(`href="/education/${id}"`);
  });

  it("serves the Chinese index with lang zh-Hans and a switch to English", async () => {
    const res = await app.inject({ method: "GET", url: "/zh/education" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="zh-Hans">');
    expect(res.body).toContain("肝癌的介入治疗");
    expect(res.body).toContain("不能代替医生的诊疗意见");
    expect(res.body).toContain('href="/education" hreflang="en" lang="en"');
  });

  it("serves every topic in both languages, each linking to its counterpart", async () => {
    for (const id of TOPIC_IDS) {
      const e = await app.inject({ method: "GET", url: `/education/${id}` });
      const z = await app.inject({ method: "GET", url: `/zh/education/${id}` });
      expect(e.statusCode, id).toBe(200);
      expect(z.statusCode, id).toBe(200);
      expect(e.body).toContain(`href="/zh/education/${id}"`);
      expect(z.body).toContain(`href="/education/${id}"`);
      expect(e.body).toContain('class="notice"');
      expect(z.body).toContain('class="notice"');
    }
  });

  it("answers an unknown topic with a 404 page in the right language", async () => {
    const e = await app.inject({ method: "GET", url: "/education/nonsense" });
    expect(e.statusCode).toBe(404);
    expect(e.body).toContain("Page not found");
    const z = await app.inject({ method: "GET", url: "/zh/education/%3Cscript%3E" });
    expect(z.statusCode).toBe(404);
    expect(z.body).toContain("找不到页面");
    expect(z.body).not.toContain("<script");
  });

  it("redirects a trailing slash to the canonical address", async () => {
    const res = await app.inject({ method: "GET", url: "/zh/education/" });
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe("/zh/education");
  });
});
