import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyPluginAsync, FastifyReply, FastifySchema } from "fastify";

/**
 * Serves the built clinician workspace (Vite output, `npm run build:web`) under `/app/`, with the
 * single-page fallback: any `/app/...` address that is not a file gets `index.html`, so deep links
 * such as `/app/patients/<id>` load. Hashed files under `/app/assets/` are cached for a year;
 * `index.html` is never cached. Only files inside the build folder can be read. `/` redirects to
 * `/app/`.
 */
export interface StaticPluginOptions {
  /** Folder holding index.html and assets/; defaults to dist/web/client beside this module or the repo's. */
  readonly root?: string;
}

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** The workspace's CSP: its own scripts and styles only, API calls to the same origin. */
export const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

export function defaultClientRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // Compiled: dist/web/static-plugin.js → dist/web/client. From source: src/web → ../../dist/web/client.
  const candidates = [join(here, "client"), join(here, "..", "..", "dist", "web", "client")];
  return candidates.find((c) => existsSync(join(c, "index.html"))) ?? (candidates[0] as string);
}

async function fileIn(root: string, rel: string): Promise<string | undefined> {
  const full = resolve(root, `.${sep}${rel}`);
  if (full !== root && !full.startsWith(root + sep)) return undefined;
  try {
    return (await stat(full)).isFile() ? full : undefined;
  } catch {
    return undefined;
  }
}

export const staticPlugin: FastifyPluginAsync<StaticPluginOptions> = async (app, opts) => {
  const root = resolve(opts.root ?? defaultClientRoot());
  // `hide` is read by @fastify/swagger, whose type augmentation this module does not load.
  const hidden: FastifySchema = {};
  Object.assign(hidden, { hide: true });

  const sendFile = async (reply: FastifyReply, file: string) => {
    const body = await readFile(file);
    const isAsset = file.startsWith(join(root, "assets") + sep);
    reply
      .header("content-type", TYPES[extname(file)] ?? "application/octet-stream")
      .header("x-content-type-options", "nosniff")
      .header("cache-control", isAsset ? "public, max-age=31536000, immutable" : "no-cache");
    if (extname(file) === ".html") reply.header("content-security-policy", APP_CSP);
    return reply.send(body);
  };

  const index = async (reply: FastifyReply) => {
    const file = await fileIn(root, "index.html");
    if (!file) {
      return reply
        .code(503)
        .header("content-type", "text/plain; charset=utf-8")
        .send("The web app is not built: run `npm run build:web`.");
    }
    return sendFile(reply, file);
  };

  // The server's root is the workspace (which shows the login form when signed out).
  app.get("/", { schema: hidden }, async (_req, reply) => reply.redirect("/app/", 302));
  app.get("/app", { schema: hidden }, async (_req, reply) => reply.redirect("/app/", 302));
  app.get("/app/", { schema: hidden }, async (_req, reply) => index(reply));
  app.get<{ Params: { "*": string } }>("/app/*", { schema: hidden }, async (req, reply) => {
    let rel: string;
    try {
      rel = decodeURIComponent(req.params["*"]);
    } catch {
      return reply.code(400).send();
    }
    if (rel.includes("\0")) return reply.code(400).send();
    const file = await fileIn(root, rel);
    if (file) return sendFile(reply, file);
    // A missing hashed file is a real 404; anything else is a client-side route.
    if (rel.startsWith("assets/") || extname(rel) !== "") return reply.code(404).send();
    return index(reply);
  });
};
