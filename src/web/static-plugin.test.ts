import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_CSP, staticPlugin } from "./static-plugin.js";

let app: FastifyInstance;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "hepatica-web-"));
  const root = join(dir, "client");
  mkdirSync(join(root, "assets"), { recursive: true });
  writeFileSync(join(root, "index.html"), "<!doctype html><title>app</title>");
  writeFileSync(join(root, "assets", "index-abc.js"), "console.log(1)");
  writeFileSync(join(dir, "secret.txt"), "not for you");
  app = Fastify();
  await app.register(staticPlugin, { root });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("staticPlugin", () => {
  it("serves index.html at /app/ with the CSP and no caching", async () => {
    const res = await app.inject("/app/");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["content-security-policy"]).toBe(APP_CSP);
    expect(res.headers["cache-control"]).toBe("no-cache");
  });

  it("redirects /app to /app/", async () => {
    const res = await app.inject("/app");
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe("/app/");
  });

  it("serves hashed assets with long caching", async () => {
    const res = await app.inject("/app/assets/index-abc.js");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(res.headers["cache-control"]).toContain("immutable");
    expect(res.body).toBe("console.log(1)");
  });

  it("falls back to index.html for client-side routes, 404 for missing files", async () => {
    const deep = await app.inject("/app/patients/123/board");
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain("<title>app</title>");
    expect((await app.inject("/app/assets/missing.js")).statusCode).toBe(404);
    expect((await app.inject("/app/favicon.ico")).statusCode).toBe(404);
  });

  it("never reads outside its folder", async () => {
    for (const url of [
      "/app/../secret.txt",
      "/app/%2e%2e/secret.txt",
      "/app/..%2fsecret.txt",
      "/app/%2e%2e%2fsecret.txt",
    ]) {
      const res = await app.inject(url);
      expect(res.body, url).not.toContain("not for you");
    }
  });

  it("says when the app is not built", async () => {
    const bare = Fastify();
    await bare.register(staticPlugin, { root: join(dir, "nowhere") });
    const res = await bare.inject("/app/");
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain("npm run build:web");
    await bare.close();
  });
});
