/**
 * Text the stores cannot hold faithfully is refused at the door: a NUL character (PostgreSQL text
 * cannot store it, so it used to surface as a 500) or an unpaired UTF-16 surrogate (not a
 * character; it cannot be encoded as UTF-8). Checked in every route's body (keys included),
 * query and path parameters, and in each line of an NDJSON import, before validation: the 400
 * names the first field found.
 */
import type { FastifyRequest } from "fastify";
import { dateError } from "../store/validate.js";
import { ApiError } from "./errors.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: a NUL character is exactly what is refused
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The dotted path of the first string (or key) holding bad text, or undefined. */
export function badTextPath(value: unknown, path: string): string | undefined {
  if (typeof value === "string") return BAD_TEXT.test(value) ? path : undefined;
  if (typeof value !== "object" || value === null) return undefined;
  const at = (k: string | number) => (path === "" ? String(k) : `${path}.${k}`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = badTextPath(value[i], at(i));
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(value)) {
    if (BAD_TEXT.test(k)) return at(k);
    const bad = badTextPath(v, at(k));
    if (bad !== undefined) return bad;
  }
  return undefined;
}

function badNdjsonPath(body: string): string | undefined {
  const lines = body.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (BAD_TEXT.test(line)) return `line ${i + 1}`;
    if (!line.includes("\\u")) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue; // the importer reports the line as not JSON
    }
    const bad = badTextPath(parsed, "");
    if (bad !== undefined) return `line ${i + 1}: ${bad}`;
  }
  return undefined;
}

/** The first field of the request holding bad text, as `params.x`, `querystring.x` or the body path. */
export function badTextInRequest(request: FastifyRequest): string | undefined {
  return (
    badTextPath(request.params, "params") ??
    badTextPath(request.query, "querystring") ??
    (typeof request.body === "string" ? badNdjsonPath(request.body) : badTextPath(request.body, ""))
  );
}

/** preValidation hook: 400 naming the field. */
export async function refuseBadText(request: FastifyRequest): Promise<void> {
  const path = badTextInRequest(request);
  if (path === undefined) return;
  const message = `${path} holds a NUL character or an unpaired surrogate (not text)`;
  throw new ApiError("invalid-input", message, [{ path, code: "invalid-character", message }]);
}

/**
 * The date parameters of a query, checked as real dates (`asOf=2024-99-99` used to be read as
 * 2032-06-07): a 400 naming each bad parameter as `querystring.<name>`.
 */
export function checkQueryDates(
  query: Readonly<Record<string, unknown>>,
  kinds: Readonly<Record<string, "date" | "instant">>,
): void {
  const errors = Object.entries(kinds).flatMap(([name, kind]) =>
    query[name] === undefined ? [] : (dateError(`querystring.${name}`, kind, query[name]) ?? []),
  );
  if (errors.length > 0) throw new ApiError("invalid-input", errors.map((e) => e.message).join("; "), errors);
}

/**
 * onRequest hook: a path with a `.` or `..` segment (raw or percent-encoded) names nothing here;
 * 404 before any static handler sees it (`/docs/static/..` used to answer 500).
 */
export async function refuseDotSegments(request: FastifyRequest): Promise<void> {
  const path = (request.raw.url ?? "").split("?")[0] ?? "";
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    throw new ApiError("invalid-input", "the path is not valid percent-encoding");
  }
  if (decoded.split(/[\\/]/).some((segment) => segment === ".." || segment === ".")) {
    throw new ApiError("not-found", "not found");
  }
}
