/**
 * CDS Hooks 2.0: discovery at `GET /cds-services`, and the service `hepatica-hcc-assessment` on
 * the `patient-view` hook. The case is derived from the prefetched Patient and Observations (the
 * same derivation as for stored patients, over the last {@link CDS_WINDOW_DAYS} days) and
 * answered with one card: stages, the guideline options, the interventional options the patient
 * is eligible for, what is missing, the sources, and a link to the patient in the web app.
 * Required prefetch that is missing is fetched from `fhirServer` when the request names one;
 * otherwise the answer is 412. Calls need a Hepatica bearer token (a service account).
 */
import { randomUUID } from "node:crypto";
import type { Bundle, Observation, Patient } from "@medplum/fhirtypes";
import type { FastifyInstance } from "fastify";
import { type Assessment, assess } from "../../clinical/assess.js";
import { MODALITIES } from "../../clinical/eligibility/index.js";
import { MODALITY_TERMS } from "../../clinical/vocabulary/index.js";
import { ANALYTE_OF_LOINC, ECOG_LOINC, FINDING_SYSTEM, FINDINGS, LOINC } from "../../fhir/codes.js";
import { planResource, TUMOR_SIZE_LOINC } from "../../fhir/import.js";
import { appendAudit } from "../../store/audit.js";
import { userOfSession } from "../../store/users.js";
import { type CaseSources, caseFrom, type ImagingInput, type ObservationInput } from "../api/derive-case.js";
import { tokenHash } from "../auth/plugin.js";
import { actorOf, requireRole, type ServerDeps } from "../context.js";
import { ApiError } from "../errors.js";

export const SERVICE_ID = "hepatica-hcc-assessment";
export const CDS_WINDOW_DAYS = 90;

const codes = [
  ...[...ANALYTE_OF_LOINC.keys(), ECOG_LOINC, TUMOR_SIZE_LOINC].map((c) => `${LOINC}|${c}`),
  ...Object.keys(FINDINGS).map((c) => `${FINDING_SYSTEM}|${c}`),
].join(",");

export const PREFETCH = {
  patient: "Patient/{{context.patientId}}",
  observations: `Observation?patient={{context.patientId}}&code=${codes}&_sort=-date&_count=500`,
  conditions: "Condition?patient={{context.patientId}}&code=http://hl7.org/fhir/sid/icd-10|C22.0",
} as const;
const REQUIRED = ["patient", "observations"] as const;

export const DISCOVERY = {
  services: [
    {
      hook: "patient-view",
      id: SERVICE_ID,
      title: "Hepatica HCC assessment",
      description:
        "BCLC and CNLC stages, liver function and the interventional options (TACE, TARE, HAIC, ablation) " +
        "a patient with hepatocellular carcinoma is eligible for, with reasons and sources.",
      prefetch: PREFETCH,
      usageRequirements: "A Hepatica bearer token (service account) in the Authorization header.",
    },
  ],
};

interface HookRequest {
  hook: string;
  hookInstance: string;
  fhirServer?: string;
  fhirAuthorization?: { access_token?: string; token_type?: string };
  context: { patientId: string; userId?: string };
  prefetch?: Record<string, unknown>;
}

const hookSchema = {
  type: "object",
  required: ["hook", "hookInstance", "context"],
  properties: {
    hook: { type: "string", const: "patient-view" },
    hookInstance: { type: "string", maxLength: 200 },
    fhirServer: { type: "string", pattern: "^https?://", maxLength: 2000 },
    fhirAuthorization: { type: "object" },
    context: {
      type: "object",
      required: ["patientId"],
      properties: { patientId: { type: "string", minLength: 1, maxLength: 200 }, userId: { type: "string" } },
    },
    prefetch: { type: "object" },
  },
} as const;

async function fetchFhir(req: HookRequest, template: string): Promise<unknown> {
  const path = template.replace(/\{\{context\.patientId\}\}/g, encodeURIComponent(req.context.patientId));
  const token = req.fhirAuthorization?.access_token;
  const res = await fetch(`${String(req.fhirServer).replace(/\/$/, "")}/${path}`, {
    headers: { accept: "application/fhir+json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new ApiError("prefetch-missing", `the FHIR server answered ${res.status} for ${path}`);
  return res.json();
}

function observationsOf(bundle: unknown): { observations: ObservationInput[]; imaging: ImagingInput[] } {
  const entries = (bundle as Bundle | undefined)?.entry ?? [];
  const observations: ObservationInput[] = [];
  const imaging: ImagingInput[] = [];
  entries.forEach((e, i) => {
    const r = e?.resource as Observation | undefined;
    if (r?.resourceType !== "Observation") return;
    const plan = planResource(i, e, { ...r, subject: r.subject ?? { reference: "Patient/x" } });
    if (plan.kind === "observation") {
      const b = plan.body;
      observations.push({
        id: r.id ?? `prefetch-${i}`,
        system: String(b.system),
        code: String(b.code),
        value: typeof b.value === "number" ? b.value : null,
        unit: typeof b.unit === "string" ? b.unit : null,
        valueCode: typeof b.valueCode === "string" ? b.valueCode : null,
        effectiveAt: String(b.effectiveAt),
      });
    } else if (plan.kind === "tumourSize") {
      const m = (plan.body.measurements as { lesionLabel: string; longestDiameterMm: number }[])[0];
      const date = String(plan.body.studyDate);
      const same = imaging.find((x) => x.studyDate === date);
      const lesion = {
        label: m?.lesionLabel ?? "T",
        organ: "liver",
        longestDiameterMm: m?.longestDiameterMm ?? null,
      };
      if (same) (same.lesions as (typeof lesion)[]).push(lesion);
      else imaging.push({ id: `imaging-${date}`, studyDate: date, lesions: [lesion] });
    }
  });
  return { observations, imaging };
}

type Loose = Record<string, unknown>;
const asRecord = (v: unknown): Loose => (typeof v === "object" && v !== null ? (v as Loose) : {});

/** The card for one assessment. */
export function cardOf(a: Assessment, link: string, asOf: string): Loose {
  const bclc = asRecord(a.bclc);
  const cnlc = asRecord(a.cnlc);
  const stage = (r: Loose) => (r.status === "ok" ? String(r.stage) : "undetermined");
  const options = (r: Loose) =>
    Array.isArray(r.options) && r.options.length > 0 ? r.options.join(", ") : "—";
  const eligible: string[] = [];
  const caution: string[] = [];
  for (const modality of MODALITIES) {
    const intl = a.eligibility[modality].intl;
    if (intl.status !== "ok") continue;
    const label = MODALITY_TERMS[modality].en;
    if (intl.verdict === "eligible") eligible.push(label);
    else if (intl.verdict === "relative-contraindication") caution.push(label);
  }
  const missing = new Set<string>();
  for (const r of [bclc, cnlc])
    if (Array.isArray(r.missing)) for (const m of r.missing) missing.add(String(m));
  const determined = bclc.status === "ok" && cnlc.status === "ok";
  const summary = `HCC: BCLC ${stage(bclc)}, CNLC ${stage(cnlc)}${eligible.length > 0 ? ` — eligible: ${eligible.slice(0, 3).join(", ")}` : ""}`;
  const detail = [
    `**BCLC ${stage(bclc)}** — options: ${options(bclc)}. ${typeof bclc.reason === "string" ? bclc.reason : ""}`,
    `**CNLC ${stage(cnlc)}** — options: ${options(cnlc)}. ${typeof cnlc.reason === "string" ? cnlc.reason : ""}`,
    `**Interventional options (international profile)** — eligible: ${eligible.join(", ") || "none determined"}${caution.length > 0 ? `; with relative contraindications: ${caution.join(", ")}` : ""}.`,
    ...(missing.size > 0 ? [`**Missing to decide:** ${[...missing].join(", ")}.`] : []),
    `Values from the last ${CDS_WINDOW_DAYS} days up to ${asOf}; rules ${a.rulesVersion}.`,
    `**Sources:** ${[bclc.citation, cnlc.citation].filter((c) => typeof c === "string").join(" · ")}`,
    `_${a.notice}_`,
  ].join("\n\n");
  return {
    uuid: randomUUID(),
    summary: summary.length > 140 ? `${summary.slice(0, 139)}…` : summary,
    indicator: determined && a.status === "ok" ? "info" : "warning",
    detail,
    source: {
      label: "Hepatica — HCC decision support",
      url: link.replace(/\/patients\/.*$/, "/"),
      topic: {
        system: "https://hepatica.dev/fhir/CodeSystem/card-topic",
        code: "hcc-assessment",
        display: "HCC assessment",
      },
    },
    links: [{ label: "Open in Hepatica", url: link, type: "absolute" }],
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
  for (const url of ["/cds-services", `/cds-services/${SERVICE_ID}`]) {
    app.options(url, { schema: { hide: true } }, async (_request, reply) => reply.code(204).send());
  }
  app.get(
    "/cds-services",
    { schema: { tags: ["cds-hooks"], summary: "CDS Hooks discovery", security: [] } },
    async () => DISCOVERY,
  );

  app.post<{ Body: HookRequest }>(
    `/cds-services/${SERVICE_ID}`,
    {
      schema: {
        tags: ["cds-hooks"],
        summary: "patient-view: stages and eligible interventional options as a card",
        body: hookSchema,
      },
    },
    async (request) => {
      const h = request.headers.authorization;
      const token =
        typeof h === "string" ? /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(h.trim())?.[1] : undefined;
      const user = token ? await userOfSession(deps.store.db, tokenHash(token)) : undefined;
      if (!user) throw new ApiError("unauthenticated", "send a Hepatica bearer token");
      request.user = user;
      requireRole(request, "clinician", "admin");
      const req = request.body;
      const prefetch: Record<string, unknown> = { ...(req.prefetch ?? {}) };
      const absent = REQUIRED.filter((k) => prefetch[k] === undefined || prefetch[k] === null);
      if (absent.length > 0) {
        if (!req.fhirServer) {
          throw new ApiError(
            "prefetch-missing",
            `required prefetch missing (${absent.join(", ")}) and no fhirServer given`,
          );
        }
        for (const k of absent) prefetch[k] = await fetchFhir(req, PREFETCH[k]);
      }
      const patient = prefetch.patient as Patient | undefined;
      if (patient?.resourceType !== "Patient") {
        throw new ApiError("invalid-input", "prefetch.patient is not a Patient", [
          {
            path: "prefetch.patient",
            code: "wrong-type",
            message: "prefetch.patient must be a FHIR Patient",
          },
        ]);
      }
      const asOf = new Date().toISOString().slice(0, 10);
      const { observations, imaging } = observationsOf(prefetch.observations);
      const sources: CaseSources = {
        patientId: req.context.patientId,
        sex: patient.gender ?? null,
        birthDate: patient.birthDate ?? null,
        observations,
        imaging,
      };
      const derived = caseFrom(sources, asOf, CDS_WINDOW_DAYS);
      const a = assess(derived.case);
      const mrn = patient.identifier?.find((i) => i.type?.coding?.some((c) => c.code === "MR"))?.value;
      const stored = mrn
        ? await deps.store.db.selectFrom("patients").select("id").where("mrn", "=", mrn).executeTakeFirst()
        : undefined;
      await appendAudit(deps.store.db, actorOf(request), {
        action: "assess",
        entity: "cds-hooks",
        patientId: stored?.id ?? null,
        detail: `patient-view ${req.hookInstance} for EHR patient ${req.context.patientId}`.slice(0, 500),
      });
      const base = (deps.webBaseUrl ?? `${request.protocol}://${request.host}/app`).replace(/\/$/, "");
      const link = stored
        ? `${base}/patients/${stored.id}`
        : `${base}/patients/?ehrPatientId=${encodeURIComponent(req.context.patientId)}`;
      return { cards: [cardOf(a, link, asOf)] };
    },
  );
}
