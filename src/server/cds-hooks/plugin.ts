/**
 * CDS Hooks 2.0 (https://cds-hooks.hl7.org/2.0/): discovery at `GET /cds-services`, the service
 * `hepatica-hcc-assessment` on `patient-view`, and its feedback endpoint. Every call carries the
 * EHR's signed JWT (see issuers.ts); the case is derived from the EHR's own codes (prefetch, or
 * read from the issuer's own FHIR server with `fhirAuthorization` when a prefetch key is absent;
 * a `null` key means the EHR has no such data) and answered with one card: BCLC and CNLC stages,
 * the interventional options, the inputs used, what is missing, the sources and a SMART link.
 * Malformed requests are 4xx in the API's error shape; data the EHR cannot give is a card that
 * says so, never a 500.
 */
import type { Patient } from "@medplum/fhirtypes";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { assess } from "../../clinical/assess.js";
import {
  ECOG,
  LAB_CODES,
  LOINC,
  SNOMED,
  SNOMED_FINDINGS,
  TNM,
  TUMOR_SIZE,
} from "../../clinical/terminology/index.js";
import { FINDING_SYSTEM, FINDINGS } from "../../fhir/codes.js";
import { type Actor, appendAudit } from "../../store/audit.js";
import type { ServerDeps } from "../context.js";
import { ApiError } from "../errors.js";
import { cardOf, unavailableCard } from "./card.js";
import { ehrCase } from "./ehr-case.js";
import { EhrUnavailable, readFromEhr } from "./ehr-fhir.js";
import { type CdsCaller, fetchableUrl } from "./issuers.js";

export const SERVICE_ID = "hepatica-hcc-assessment";
export const CDS_WINDOW_DAYS = 90;

const observationCodes = [
  ...[
    ...LAB_CODES.map((l) => l.code),
    ECOG.code,
    TUMOR_SIZE.code,
    TNM.clinicalT,
    TNM.clinicalN,
    TNM.clinicalM,
  ].map((c) => `${LOINC}|${c}`),
  ...SNOMED_FINDINGS.map((f) => `${SNOMED}|${f.code}`),
  ...Object.keys(FINDINGS).map((c) => `${FINDING_SYSTEM}|${c}`),
].join(",");

export const PREFETCH = {
  patient: "Patient/{{context.patientId}}",
  observations: `Observation?patient={{context.patientId}}&code=${observationCodes}&_sort=-date&_count=500`,
  conditions: "Condition?patient={{context.patientId}}&_count=200",
} as const;
type PrefetchKey = keyof typeof PREFETCH;
const PREFETCH_KEYS = Object.keys(PREFETCH) as PrefetchKey[];
/** Without these the service cannot work: absent and not fetchable → 412. */
const REQUIRED: readonly PrefetchKey[] = ["patient", "observations"];

export const DISCOVERY = {
  services: [
    {
      hook: "patient-view",
      id: SERVICE_ID,
      title: "Hepatica HCC assessment",
      description:
        "BCLC and CNLC stages, liver function and the interventional options (TACE, TARE, HAIC, ablation) " +
        "a patient with hepatocellular carcinoma is eligible for, with reasons and sources, from the EHR's " +
        "LOINC, SNOMED CT, ICD-10 and mCODE data.",
      prefetch: PREFETCH,
      usageRequirements:
        "Calls carry the EHR's JWT (ES384 or RS384) from an issuer configured in Hepatica's issuers file; " +
        "fhirServer must be one of that issuer's FHIR servers.",
    },
  ],
};

interface HookRequest {
  hook: string;
  hookInstance: string;
  fhirServer?: string;
  fhirAuthorization?: {
    access_token: string;
    token_type: string;
    expires_in: number;
    scope: string;
    subject: string;
  };
  context: { patientId: string; userId: string; encounterId?: string };
  prefetch?: Partial<Record<PrefetchKey, unknown>> & Record<string, unknown>;
}

const UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
const resourceOrNull = { type: ["object", "null"] } as const;

const hookSchema = {
  type: "object",
  required: ["hook", "hookInstance", "context"],
  properties: {
    hook: { type: "string", const: "patient-view" },
    hookInstance: { type: "string", pattern: UUID },
    fhirServer: { type: "string", maxLength: 2000 },
    fhirAuthorization: {
      type: "object",
      required: ["access_token", "token_type", "expires_in", "scope", "subject"],
      properties: {
        access_token: { type: "string", minLength: 1, maxLength: 8000 },
        token_type: { type: "string", const: "Bearer" },
        expires_in: { type: "integer", minimum: 0 },
        scope: { type: "string", maxLength: 4000 },
        subject: { type: "string", maxLength: 500 },
      },
    },
    context: {
      type: "object",
      required: ["patientId", "userId"],
      properties: {
        patientId: { type: "string", minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9.-]+$" },
        userId: { type: "string", minLength: 1, maxLength: 500 },
        encounterId: { type: "string", maxLength: 64 },
      },
    },
    prefetch: {
      type: "object",
      properties: { patient: resourceOrNull, observations: resourceOrNull, conditions: resourceOrNull },
    },
  },
} as const;

const feedbackSchema = {
  type: "object",
  required: ["feedback"],
  properties: {
    feedback: {
      type: "array",
      minItems: 1,
      maxItems: 100,
      items: {
        type: "object",
        required: ["card", "outcome", "outcomeTimestamp"],
        properties: {
          card: { type: "string", pattern: UUID },
          outcome: { type: "string", enum: ["accepted", "overridden"] },
          outcomeTimestamp: { type: "string", maxLength: 40 },
          acceptedSuggestions: {
            type: "array",
            maxItems: 20,
            items: {
              type: "object",
              required: ["id"],
              properties: { id: { type: "string", maxLength: 100 } },
            },
          },
          overrideReason: {
            type: "object",
            properties: {
              reason: { type: "object" },
              userComment: { type: "string", maxLength: 2000 },
            },
          },
        },
      },
    },
  },
} as const;

function invalid(path: string, message: string): ApiError {
  return new ApiError("invalid-input", message, [{ path, code: "wrong-type", message }]);
}

/** A search prefetch is null or a Bundle whose entries hold resources. */
function checkBundle(key: string, value: unknown): void {
  if (value === null) return;
  const b = value as { resourceType?: unknown; entry?: unknown };
  if (b.resourceType !== "Bundle")
    throw invalid(`prefetch.${key}`, `prefetch.${key} must be a FHIR Bundle or null`);
  if (b.entry === undefined) return;
  if (!Array.isArray(b.entry)) throw invalid(`prefetch.${key}.entry`, `prefetch.${key}.entry must be a list`);
  b.entry.forEach((e: unknown, i) => {
    const r = (e as { resource?: unknown } | null)?.resource;
    if (typeof e !== "object" || e === null || typeof r !== "object" || r === null || Array.isArray(r))
      throw invalid(`prefetch.${key}.entry.${i}`, `prefetch.${key}.entry[${i}] must hold a resource`);
    if (typeof (r as { resourceType?: unknown }).resourceType !== "string")
      throw invalid(
        `prefetch.${key}.entry.${i}.resource`,
        `prefetch.${key}.entry[${i}].resource has no resourceType`,
      );
  });
}

function checkPatient(value: unknown, patientId: string): Patient | null {
  if (value === null) return null;
  const p = value as Patient;
  if (p.resourceType !== "Patient")
    throw invalid("prefetch.patient", "prefetch.patient must be a FHIR Patient or null");
  if (p.id !== undefined && p.id !== patientId)
    throw invalid(
      "prefetch.patient.id",
      `prefetch.patient is Patient/${String(p.id).slice(0, 64)}, not context.patientId`,
    );
  return p;
}

function actorOfCaller(request: FastifyRequest, caller: CdsCaller, userId: string | undefined): Actor {
  return {
    userId: null,
    username: `cds:${caller.issuer.iss}${userId ? ` ${userId}` : ""}`.slice(0, 200),
    role: "cds-client",
    sourceIp: request.ip,
    userAgent: typeof request.headers["user-agent"] === "string" ? request.headers["user-agent"] : null,
  };
}

export async function cdsHooksRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  // CDS clients (EHRs, the CDS Hooks sandbox) call from browsers: CORS as the specification asks.
  app.addHook("onSend", async (_request, reply, payload) => {
    reply.header("access-control-allow-origin", "*");
    reply.header("access-control-allow-headers", "authorization, content-type");
    reply.header("access-control-allow-methods", "GET, POST, OPTIONS");
    return payload;
  });
  const serviceUrl = `/cds-services/${SERVICE_ID}`;
  for (const url of ["/cds-services", serviceUrl, `${serviceUrl}/feedback`]) {
    app.options(url, { schema: { hide: true } }, async (_request, reply) => reply.code(204).send());
  }
  app.get(
    "/cds-services",
    { schema: { tags: ["cds-hooks"], summary: "CDS Hooks discovery", security: [] } },
    async () => DISCOVERY,
  );

  const verify = async (request: FastifyRequest, feedback: boolean): Promise<CdsCaller> => {
    if (!deps.cds)
      throw new ApiError("unauthenticated", "no trusted CDS clients are configured (HEPATICA_CDS_ISSUERS)");
    return deps.cds.verifier.verify(request.headers.authorization, SERVICE_ID, feedback);
  };

  app.post<{ Body: HookRequest }>(
    serviceUrl,
    {
      schema: {
        tags: ["cds-hooks"],
        summary: "patient-view: BCLC / CNLC stages and eligible interventional options as a card",
        security: [],
        body: hookSchema,
      },
    },
    async (request) => {
      const caller = await verify(request, false);
      const cds = deps.cds as NonNullable<ServerDeps["cds"]>;
      const req = request.body;
      let ehrBase: string | undefined;
      if (req.fhirServer !== undefined) {
        const url = fetchableUrl(req.fhirServer);
        if (!url || !caller.issuer.fhirServers.includes(url))
          throw new ApiError(
            "forbidden",
            `fhirServer is not one of issuer ${caller.issuer.iss}'s FHIR servers`,
            [
              {
                path: "fhirServer",
                code: "not-allowed",
                message: "not on the issuer's list of FHIR servers",
              },
            ],
          );
        ehrBase = url;
      } else if (req.fhirAuthorization) {
        throw invalid("fhirServer", "fhirAuthorization is given without fhirServer");
      }
      const given = req.prefetch ?? {};
      const absent = PREFETCH_KEYS.filter((k) => !Object.hasOwn(given, k));
      const missingRequired = absent.filter((k) => REQUIRED.includes(k));
      if (missingRequired.length > 0 && !ehrBase)
        throw new ApiError(
          "prefetch-missing",
          `prefetch ${missingRequired.join(", ")} absent and no fhirServer given`,
        );
      const data = new Map<PrefetchKey, unknown>(PREFETCH_KEYS.map((k) => [k, given[k] ?? null]));
      const unavailable: string[] = [];
      if (ehrBase) {
        const ehr = { base: ehrBase, token: req.fhirAuthorization?.access_token };
        for (const k of absent) {
          const path = PREFETCH[k].replace(
            /\{\{context\.patientId\}\}/g,
            encodeURIComponent(req.context.patientId),
          );
          try {
            data.set(k, await readFromEhr(ehr, path, k));
          } catch (e) {
            if (!(e instanceof EhrUnavailable)) throw e;
            unavailable.push(k);
          }
        }
      }
      const links = {
        serviceUrl: cds.config.publicUrl,
        launchUrl: cds.launchUrl,
        registryPatientId: null as string | null,
      };
      const actor = actorOfCaller(request, caller, req.context.userId);
      if (unavailable.some((k) => (REQUIRED as readonly string[]).includes(k))) {
        await appendAudit(deps.store.db, actor, {
          action: "assess",
          entity: "cds-hooks",
          outcome: "failure",
          detail: `patient-view ${req.hookInstance}: EHR data unavailable (${unavailable.join(", ")})`,
        });
        return { cards: [unavailableCard(unavailable, links)] };
      }
      const patient = checkPatient(data.get("patient"), req.context.patientId);
      const fetched = new Set(absent);
      for (const k of ["observations", "conditions"] as const) {
        try {
          checkBundle(k, data.get(k));
        } catch (e) {
          // What the EHR's server answered is not the caller's malformed request: treat it as unavailable.
          if (!fetched.has(k)) throw e;
          data.set(k, null);
          unavailable.push(k);
        }
      }
      const asOf = new Date().toISOString().slice(0, 10);
      const ehr = ehrCase(
        {
          patientId: req.context.patientId,
          patient,
          observations: data.get("observations"),
          conditions: data.get("conditions"),
        },
        asOf,
        CDS_WINDOW_DAYS,
      );
      const a = assess(ehr.derived.case);
      const mrn = patient?.identifier?.find((i) => i.type?.coding?.some((c) => c.code === "MR"))?.value;
      const stored = mrn
        ? await deps.store.db.selectFrom("patients").select("id").where("mrn", "=", mrn).executeTakeFirst()
        : undefined;
      links.registryPatientId = stored?.id ?? null;
      await appendAudit(deps.store.db, actor, {
        action: "assess",
        entity: "cds-hooks",
        patientId: stored?.id ?? null,
        detail: `patient-view ${req.hookInstance} for EHR patient ${req.context.patientId}`.slice(0, 500),
      });
      const card = cardOf(a, ehr, links, asOf);
      return {
        cards: [card, ...(unavailable.length > 0 ? [unavailableCard(unavailable, links)] : [])],
      };
    },
  );

  app.post<{
    Body: { feedback: { card: string; outcome: string; acceptedSuggestions?: { id: string }[] }[] };
  }>(
    `${serviceUrl}/feedback`,
    {
      schema: {
        tags: ["cds-hooks"],
        summary: "CDS Hooks feedback: what the clinician did with a card",
        security: [],
        body: feedbackSchema,
      },
    },
    async (request) => {
      const caller = await verify(request, true);
      const actor = actorOfCaller(request, caller, undefined);
      for (const f of request.body.feedback) {
        await appendAudit(deps.store.db, actor, {
          action: "create",
          entity: "cds-hooks-feedback",
          entityId: f.card,
          detail:
            `${f.outcome}${f.acceptedSuggestions?.length ? ` suggestions ${f.acceptedSuggestions.map((s) => s.id).join(",")}` : ""}`.slice(
              0,
              500,
            ),
        });
      }
      return {};
    },
  );
}
