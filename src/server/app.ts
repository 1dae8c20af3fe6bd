/**
 * The HTTP server: Fastify with the plugins api/, auth/, audit/, fhir/ and cds-hooks/, the OpenAPI
 * document at `/openapi.json`, browsable docs at `/docs` and `GET /health`. Every error goes
 * through {@link toHttpError}; no stack trace reaches a client.
 */
import cookie from "@fastify/cookie";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { RULES_VERSION } from "../clinical/assess.js";
import { appendAudit } from "../store/audit.js";
import type { Store } from "../store/db.js";
import { assessRoutes } from "./api/assess.js";
import { cohortRoutes } from "./api/cohorts.js";
import { entityRoutes } from "./api/entities.js";
import { auditRoutes } from "./audit/plugin.js";
import { authRoutes, installAuthentication } from "./auth/plugin.js";
import { DEFAULT_THROTTLE, type ThrottleLimits } from "./auth/signin-throttle.js";
import { type CdsConfig, CdsVerifier } from "./cds-hooks/issuers.js";
import { cdsHooksRoutes } from "./cds-hooks/plugin.js";
import { actorOf, type ServerDeps } from "./context.js";
import { toHttpError } from "./errors.js";
import { fhirRoutes } from "./fhir/plugin.js";
import { docsCsp, securityHeaders } from "./http-security.js";
import { refuseBadText, refuseDotSegments } from "./input-guard.js";
import { smartRoutes } from "./smart/plugin.js";

export interface AppOptions {
  readonly store: Store;
  /** Fastify logger setting (default: off). */
  readonly logger?: FastifyServerOptions["logger"];
  /** Largest accepted JSON body in bytes (default 1 MiB; FHIR import routes allow more). */
  readonly bodyLimit?: number;
  readonly webBaseUrl?: string;
  /** CDS Hooks: this service's public URL and its trusted EHRs (HEPATICA_PUBLIC_URL, HEPATICA_CDS_ISSUERS). */
  readonly cds?: CdsConfig;
  readonly sessionTtlSeconds?: number;
  /** Whether the demo account may sign in (`serve --demo`); default false. */
  readonly demo?: boolean;
  /** Sign-in throttle limits (default {@link DEFAULT_THROTTLE}). */
  readonly throttle?: ThrottleLimits;
  /**
   * Which reverse proxy to believe (see {@link parseTrustProxy}): a hop count, or the proxies'
   * addresses and ranges comma-separated; default none.
   */
  readonly trustProxy?: number | string | false;
}

export const VERSION = "0.1.0";

const health = {
  type: "object",
  properties: {
    status: { type: "string" },
    version: { type: "string" },
    rulesVersion: { type: "string" },
    database: { type: "string" },
  },
} as const;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const deps: ServerDeps = {
    store: options.store,
    webBaseUrl: options.webBaseUrl,
    ...(options.cds
      ? {
          cds: {
            config: options.cds,
            verifier: new CdsVerifier(options.cds),
            launchUrl: `${options.cds.publicUrl.replace(/\/+$/, "")}/smart/launch`,
            smartClientId: options.cds.smartClientId ?? "hepatica",
          },
        }
      : {}),
    sessionTtlSeconds: options.sessionTtlSeconds ?? 12 * 3600,
    throttle: options.throttle ?? DEFAULT_THROTTLE,
    demo: options.demo ?? false,
  };
  const hops = typeof options.trustProxy === "number" ? options.trustProxy : 0;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // A hop count n trusts the n proxies nearest this server (proxy-addr's rule: hop index < n).
    trustProxy:
      typeof options.trustProxy === "number"
        ? (_address: string, hop: number) => hop < hops
        : (options.trustProxy ?? false),
    return503OnClosing: true,
    ajv: {
      customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true, useDefaults: false },
    },
  });

  app.setErrorHandler((error, request, reply) => {
    const http = toHttpError(error);
    if (http.unexpected) request.log.error({ err: error }, "unexpected error");
    if (http.status === 401) reply.header("www-authenticate", 'Bearer realm="hepatica"');
    return reply.code(http.status).type("application/json").send(http.body);
  });
  app.setNotFoundHandler((_request, reply) => {
    const http = toHttpError({
      code: "FST_ERR_NOT_FOUND",
      statusCode: 404,
      message: "not found",
      name: "Error",
    });
    return reply.code(404).send(http.body);
  });
  app.addHook("onRequest", refuseDotSegments);
  app.addHook("preValidation", refuseBadText);
  app.addHook("onSend", securityHeaders);
  // Refused requests are on the trail too (sign-in failures write their own row); written
  // before the response leaves, so that the row exists when the client has its answer.
  app.addHook("onSend", async (request, reply, payload) => {
    const status = reply.statusCode;
    if (status !== 401 && status !== 403 && status !== 404) return payload;
    const route = request.routeOptions.url;
    if (!request.url.startsWith("/api/") || route === "/api/auth/login") return payload;
    const id = (request.params as { id?: unknown } | undefined)?.id;
    const named = typeof id === "string" ? id.slice(0, 100) : null;
    try {
      await appendAudit(options.store.db, actorOf(request), {
        action: "denied",
        entity: route ?? "(no route)",
        entityId: named,
        patientId: route?.startsWith("/api/patients/:id") ? named : null,
        outcome: "failure",
        detail: `${request.method} ${request.url.slice(0, 500)} → ${status}`,
      });
    } catch (err) {
      request.log.error({ err }, "could not audit a refused request");
    }
    return payload;
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Hepatica API",
        version: VERSION,
        description:
          "Clinical decision support and treatment registry for interventional treatment of HCC. " +
          "Decision support for clinicians, not a substitute for their judgement. Sign in with " +
          "POST /api/auth/login, then send Authorization: Bearer <token> (or the session cookie).",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          cookie: { type: "apiKey", in: "cookie", name: "hepatica_session" },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs", staticCSP: true, transformStaticCSP: docsCsp });

  installAuthentication(app, deps);

  app.get(
    "/health",
    {
      schema: {
        tags: ["service"],
        summary: "Liveness and database reachability",
        security: [],
        response: { 200: health, 503: health },
      },
    },
    async (_request, reply) => {
      try {
        await options.store.db.selectFrom("users").select("id").limit(1).execute();
        return {
          status: "ok",
          version: VERSION,
          rulesVersion: RULES_VERSION,
          database: options.store.dialect,
        };
      } catch {
        return reply.code(503).send({
          status: "unavailable",
          version: VERSION,
          rulesVersion: RULES_VERSION,
          database: options.store.dialect,
        });
      }
    },
  );
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  // Web: public patient education (/education, /zh/education) and the built workspace (/app/).
  await app.register((await import("../web/education/plugin.js")).educationPlugin);
  await app.register((await import("../web/static-plugin.js")).staticPlugin);

  await app.register(async (api) => {
    await authRoutes(api, deps);
    await entityRoutes(api, deps);
    await assessRoutes(api, deps);
    await cohortRoutes(api, deps);
    await auditRoutes(api, deps);
  });
  await app.register(async (fhir) => fhirRoutes(fhir, deps));
  await app.register(async (cds) => cdsHooksRoutes(cds, deps));
  await app.register(async (smart) => smartRoutes(smart, deps));
  return app;
}
