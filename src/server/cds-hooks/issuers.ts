/**
 * Who may call the CDS service: the trusted EHRs (issuers), configured in a JSON file named by
 * `HEPATICA_CDS_ISSUERS`, and the verification of each call's JWT as CDS Hooks 2.0 asks
 * (https://cds-hooks.hl7.org/2.0/#trusting-cds-clients): signed by a key of the issuer's JWK Set
 * (fetched and cached, fetched again for an unknown `kid`), `jku` honoured only when it is on the
 * issuer's list, `aud` = this service's own URL (from configuration, never from the request's
 * Host header), `exp`, `iat`, a `jti` never seen before, and ES384 / RS384 only.
 */
import { readFileSync } from "node:fs";
import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  type JWTPayload,
  jwtVerify,
} from "jose";
import { ApiError } from "../errors.js";

/** The algorithms CDS Hooks 2.0 names for the CDS Client's JWT. */
export const CDS_ALGORITHMS = ["ES384", "RS384"] as const;
/** Largest accepted age of a token (the specification: exp at most five minutes after iat). */
export const MAX_TOKEN_AGE_SECONDS = 300;

export interface Issuer {
  readonly iss: string;
  readonly jwksUrl: string;
  /** Further JWK Set URLs a `jku` header may name (the issuer's `jwks_url` is always allowed). */
  readonly jku: readonly string[];
  /** FHIR base URLs of this EHR: the only `fhirServer` values accepted from it. */
  readonly fhirServers: readonly string[];
}

export interface CdsConfig {
  /** This service's own public base URL (the JWT audience is `${publicUrl}/cds-services/{id}`). */
  readonly publicUrl: string;
  readonly issuers: readonly Issuer[];
  /** Hepatica's SMART client id registered at the EHRs (HEPATICA_SMART_CLIENT_ID; default "hepatica"). */
  readonly smartClientId?: string;
  /** Least time between two fetches of a JWK Set for an unknown kid (default 30 s; tests: 0). */
  readonly jwksCooldownMs?: number;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/**
 * Whether a URL may be fetched with an EHR's token: https, or http to a loopback address (only a
 * test EHR runs there). Returns the URL without a trailing slash, or undefined.
 */
export function fetchableUrl(raw: unknown): string | undefined {
  if (typeof raw !== "string" || raw.length > 2000) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.username || url.password || url.hash) return undefined;
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.has(url.hostname)))
    return undefined;
  return url.href.replace(/\/+$/, "");
}

/** Parses the issuers file's content; every problem is named with its index and field. */
export function parseIssuers(text: string): Issuer[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`issuers file is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!Array.isArray(data))
    throw new Error("issuers file must be a JSON array of {iss, jwks_url, fhirServers}");
  return data.map((entry: unknown, i): Issuer => {
    const e = (typeof entry === "object" && entry !== null ? entry : {}) as Record<string, unknown>;
    const iss = e.iss;
    if (typeof iss !== "string" || iss.length === 0) throw new Error(`issuers[${i}].iss must be a string`);
    const jwksUrl = fetchableUrl(e.jwks_url);
    if (!jwksUrl) throw new Error(`issuers[${i}].jwks_url must be an https URL`);
    const list = (name: string): string[] => {
      const v = e[name] ?? [];
      if (!Array.isArray(v)) throw new Error(`issuers[${i}].${name} must be a list of https URLs`);
      return v.map((u, j) => {
        const ok = fetchableUrl(u);
        if (!ok) throw new Error(`issuers[${i}].${name}[${j}] must be an https URL`);
        return ok;
      });
    };
    return { iss, jwksUrl, jku: list("jku"), fhirServers: list("fhirServers") };
  });
}

export function loadIssuers(file: string): Issuer[] {
  return parseIssuers(readFileSync(file, "utf8"));
}

/** A verified CDS Client call. */
export interface CdsCaller {
  readonly issuer: Issuer;
  readonly sub: string | null;
  readonly jti: string;
}

function unauthenticated(message: string): ApiError {
  return new ApiError("unauthenticated", message);
}

/** Verifies CDS Clients' JWTs; holds the JWK Set caches and the seen `jti`s. */
export class CdsVerifier {
  private readonly sets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  /** `iss|jti` → expiry (epoch seconds): a jti is kept until its token would have expired anyway. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly config: CdsConfig) {}

  /** The audience this service expects for `/cds-services/{id}` (and its feedback endpoint). */
  audienceOf(serviceId: string): string {
    return `${this.config.publicUrl.replace(/\/+$/, "")}/cds-services/${serviceId}`;
  }

  private keySet(url: string): ReturnType<typeof createRemoteJWKSet> {
    let set = this.sets.get(url);
    if (!set) {
      set = createRemoteJWKSet(new URL(url), {
        cooldownDuration: this.config.jwksCooldownMs ?? 30_000,
        cacheMaxAge: 10 * 60_000,
        timeoutDuration: 5_000,
      });
      this.sets.set(url, set);
    }
    return set;
  }

  /**
   * Verifies one call. `feedback`: the call is to the service's feedback endpoint, whose own URL
   * is accepted as audience beside the service's.
   */
  async verify(
    authorization: unknown,
    serviceId: string,
    feedback = false,
    nowSeconds = Math.floor(Date.now() / 1000),
  ): Promise<CdsCaller> {
    const token =
      typeof authorization === "string"
        ? /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization.trim())?.[1]
        : undefined;
    if (!token) throw unauthenticated("send the CDS Client's signed JWT: Authorization: Bearer <JWT>");
    let header: ReturnType<typeof decodeProtectedHeader>;
    let claims: JWTPayload;
    try {
      header = decodeProtectedHeader(token);
      claims = decodeJwt(token);
    } catch {
      throw unauthenticated("the bearer token is not a JWT");
    }
    const issuer = this.config.issuers.find((i) => i.iss === claims.iss);
    if (!issuer)
      throw unauthenticated(`issuer ${String(claims.iss ?? "(none)").slice(0, 200)} is not trusted`);
    if (!CDS_ALGORITHMS.includes(header.alg as (typeof CDS_ALGORITHMS)[number]))
      throw unauthenticated(`JWT alg ${String(header.alg)} is not allowed (ES384 or RS384)`);
    if (typeof header.kid !== "string" || header.kid.length === 0)
      throw unauthenticated("JWT header kid is required");
    let jwks = issuer.jwksUrl;
    if (header.jku !== undefined) {
      const jku = fetchableUrl(header.jku);
      if (!jku || (jku !== issuer.jwksUrl && !issuer.jku.includes(jku)))
        throw unauthenticated(
          `jku ${String(header.jku).slice(0, 200)} is not on issuer ${issuer.iss}'s list`,
        );
      jwks = jku;
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keySet(jwks), {
        issuer: issuer.iss,
        audience: feedback
          ? [this.audienceOf(serviceId), `${this.audienceOf(serviceId)}/feedback`]
          : this.audienceOf(serviceId),
        algorithms: [...CDS_ALGORITHMS],
        requiredClaims: ["iss", "aud", "exp", "iat", "jti"],
        maxTokenAge: MAX_TOKEN_AGE_SECONDS,
        clockTolerance: 30,
        currentDate: new Date(nowSeconds * 1000),
      }));
    } catch (e) {
      throw unauthenticated(reasonOf(e));
    }
    const jti = String(payload.jti);
    for (const [key, exp] of this.seen) if (exp < nowSeconds - 60) this.seen.delete(key);
    const key = `${issuer.iss}|${jti}`;
    if (this.seen.has(key)) throw unauthenticated("JWT jti already used (replay refused)");
    this.seen.set(key, Number(payload.exp));
    return { issuer, sub: typeof payload.sub === "string" ? payload.sub : null, jti };
  }
}

function reasonOf(e: unknown): string {
  if (e instanceof errors.JWTExpired) return "JWT expired";
  if (e instanceof errors.JWTClaimValidationFailed) return `JWT claim ${e.claim} invalid: ${e.reason}`;
  if (e instanceof errors.JWKSNoMatchingKey) return "no key of the issuer's JWK Set matches the JWT kid";
  if (e instanceof errors.JWSSignatureVerificationFailed) return "JWT signature invalid";
  if (e instanceof errors.JWKSTimeout || e instanceof errors.JOSEError) return `JWT not verified: ${e.code}`;
  return "JWT not verified";
}
