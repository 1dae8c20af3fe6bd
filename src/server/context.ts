/** What every route handler may know about its request: the user, and the actor for the audit log. */

import type {} from "@fastify/cookie";
import type {} from "@fastify/swagger";
import type { FastifyRequest } from "fastify";
import type { ValidityPolicy } from "../registry/validity.js";
import type { Actor } from "../store/audit.js";
import type { Store } from "../store/db.js";
import type { Role, User } from "../store/users.js";
import type { CdsConfig, CdsVerifier } from "./cds-hooks/issuers.js";
import { ApiError } from "./errors.js";

declare module "fastify" {
  interface FastifyRequest {
    user: User | null;
  }
  interface FastifyContextConfig {
    /** The route needs no authentication (login, health, docs). */
    public?: boolean;
  }
}

export interface ServerDeps {
  readonly store: Store;
  /** Base URL of the web app, for links in CDS Hooks cards (default: this server's /app). */
  readonly webBaseUrl: string | undefined;
  /** CDS Hooks: the trusted EHRs and their JWT verifier; undefined when none are configured. */
  readonly cds?: {
    readonly config: CdsConfig;
    readonly verifier: CdsVerifier;
    /** Hepatica's SMART launch URL (the card's `smart` link). */
    readonly launchUrl: string;
    /** Hepatica's client id at the EHRs' authorization servers. */
    readonly smartClientId: string;
  };
  /** Session lifetime in seconds. */
  readonly sessionTtlSeconds: number;
  /** The site's validity policy of recorded values (src/registry/validity.ts); default when absent. */
  readonly validity?: ValidityPolicy;
}

export function userOf(request: FastifyRequest): User {
  if (!request.user) throw new ApiError("unauthenticated", "sign in first");
  return request.user;
}

export function requireRole(request: FastifyRequest, ...roles: readonly Role[]): User {
  const user = userOf(request);
  if (!roles.includes(user.role)) {
    throw new ApiError("forbidden", `this needs the role ${roles.join(" or ")}; you are ${user.role}`);
  }
  return user;
}

/** Whether the caller must only see de-identified data. */
export function deidentified(request: FastifyRequest): boolean {
  return userOf(request).role === "researcher";
}

export function actorOf(request: FastifyRequest): Actor {
  const u = request.user;
  return {
    userId: u?.id ?? null,
    username: u?.username ?? null,
    role: u?.role ?? null,
    sourceIp: request.ip,
    userAgent: typeof request.headers["user-agent"] === "string" ? request.headers["user-agent"] : null,
  };
}
