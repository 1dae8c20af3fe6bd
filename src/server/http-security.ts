/**
 * Transport and browser protections: which reverse proxy to believe (`HEPATICA_TRUST_PROXY`),
 * the security headers every response carries, and the CSRF rule for cookie-authenticated
 * writes. Headers after the OWASP HTTP Headers Cheat Sheet; CSRF after the OWASP CSRF
 * Prevention Cheat Sheet (verify the origin with standard headers; a non-simple content type
 * cannot be sent cross-site without a CORS preflight, which this server never grants).
 */
import { isIP } from "node:net";
import type { FastifyReply, FastifyRequest } from "fastify";
import { ApiError } from "./errors.js";

/** proxy-addr's named ranges, accepted in `HEPATICA_TRUST_PROXY`. */
const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isAddressOrRange(s: string): boolean {
  if (NAMED_RANGES.has(s)) return true;
  const [address, bits, ...rest] = s.split("/");
  if (rest.length > 0 || address === undefined) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
}

/**
 * `HEPATICA_TRUST_PROXY`: a hop count (`1` = one proxy in front, whose `X-Forwarded-*` headers
 * are believed; what a client wrote before it is not) or the proxies' addresses and CIDR ranges,
 * comma-separated. Unset or empty: no proxy is trusted. `true` is refused: it would believe
 * `X-Forwarded-For` as a client wrote it.
 */
export function parseTrustProxy(value: string | undefined): number | string | false {
  const v = (value ?? "").trim();
  if (v === "") return false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops < 1 || hops > 10) throw new Error("HEPATICA_TRUST_PROXY: a hop count must be 1..10");
    return hops;
  }
  if (v === "true") {
    throw new Error(
      "HEPATICA_TRUST_PROXY=true would trust an X-Forwarded-For written by any client; give the number of proxies in front (e.g. 1) or their addresses",
    );
  }
  const parts = v.split(",").map((p) => p.trim());
  const bad = parts.filter((p) => !isAddressOrRange(p));
  if (bad.length > 0) {
    throw new Error(`HEPATICA_TRUST_PROXY: not an address, CIDR range or hop count: ${bad.join(", ")}`);
  }
  return parts.join(",");
}

/** The CSP of responses that set none (API JSON, errors, redirects): nothing may load. */
export const DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Turns @fastify/swagger-ui's static CSP into ours: no framing, no forced upgrade on plain HTTP. */
export function docsCsp(header: string): string {
  return header
    .replace(/\s*upgrade-insecure-requests;?/, "")
    .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
    .replace(/validator\.swagger\.io/, "")
    .trim();
}

/** onSend: the headers every response carries (HSTS only over HTTPS, as RFC 6797 requires). */
export async function securityHeaders(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  reply.header("x-content-type-options", "nosniff");
  reply.header("referrer-policy", "no-referrer");
  reply.header(
    "permissions-policy",
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  );
  if (!reply.hasHeader("content-security-policy")) reply.header("content-security-policy", DEFAULT_CSP);
  if (request.protocol === "https")
    reply.header("strict-transport-security", "max-age=31536000; includeSubDomains");
  if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
  return payload;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Content types a cross-site page cannot send without a CORS preflight. */
const NON_SIMPLE = /^application\/(?:[a-z0-9.+-]+\+)?(?:json|ndjson|x-ndjson)\s*(?:;|$)/i;

function sameOrigin(request: FastifyRequest, origin: string): boolean {
  try {
    return new URL(origin).origin === new URL(`${request.protocol}://${request.host}`).origin;
  } catch {
    return false;
  }
}

/**
 * CSRF: a write authenticated by the session cookie needs a same-origin `Origin` and, when it
 * has a body, a JSON (or NDJSON) content type. Bearer-token requests are not forgeable by a
 * browser and are not checked; a sign-in from a foreign origin (login CSRF) is refused too.
 */
export function checkCrossSite(request: FastifyRequest, via: "cookie" | "bearer" | "none"): void {
  if (SAFE_METHODS.has(request.method) || via === "bearer") return;
  const origin = request.headers.origin;
  if (via === "none") {
    if (origin !== undefined && !sameOrigin(request, origin)) {
      throw new ApiError("forbidden", "cross-site request refused: Origin is not this server");
    }
    return;
  }
  if (origin === undefined || !sameOrigin(request, origin)) {
    throw new ApiError(
      "forbidden",
      "cross-site request refused: a cookie-authenticated write needs a same-origin Origin",
    );
  }
  const type = request.headers["content-type"];
  const hasBody =
    request.headers["content-length"] !== undefined && request.headers["content-length"] !== "0";
  if (
    (hasBody || request.headers["transfer-encoding"] !== undefined) &&
    (type === undefined || !NON_SIMPLE.test(type))
  ) {
    throw new ApiError(
      "unsupported-media-type",
      "a cookie-authenticated write must be sent as application/json (or FHIR JSON / NDJSON)",
    );
  }
}
