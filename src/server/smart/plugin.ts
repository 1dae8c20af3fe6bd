/**
 * SMART App Launch 2.x (https://hl7.org/fhir/smart-app-launch/): EHR launch and standalone launch
 * of Hepatica's assessment with the official SMART client, `fhirclient`, on the server (the
 * access token never reaches the browser). `GET /smart/launch?iss=&launch=` checks that `iss` is
 * one of the trusted EHRs' FHIR servers (the issuers file), then `fhirclient` reads the EHR's
 * `.well-known/smart-configuration` and sends the browser to its authorization endpoint with PKCE
 * (S256) and the scopes `launch` (EHR launch) or `launch/patient` (standalone) and
 * `patient/*.read`. `GET /smart/callback` completes the code exchange, reads the patient's FHIR
 * data from the EHR with the token, and shows the patient's assessment — the same derivation as
 * the CDS Hooks card — linked to the registry patient with the same identifier when there is one.
 */
import { randomBytes } from "node:crypto";
import type { Bundle, Patient } from "@medplum/fhirtypes";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import smart from "fhirclient";
import { assess } from "../../clinical/assess.js";
import { appendAudit } from "../../store/audit.js";
import { cardOf } from "../cds-hooks/card.js";
import { ehrCase } from "../cds-hooks/ehr-case.js";
import { fetchableUrl } from "../cds-hooks/issuers.js";
import { CDS_WINDOW_DAYS, PREFETCH } from "../cds-hooks/plugin.js";
import type { ServerDeps } from "../context.js";

/** The scopes Hepatica asks for: patient context, and read access to that patient's data. */
export const SMART_SCOPES = {
  ehr: "launch patient/*.read",
  standalone: "launch/patient patient/*.read",
} as const;

const COOKIE = "hepatica_smart";
const MAX_SESSIONS = 1000;
const SESSION_MS = 10 * 60_000;

/** fhirclient's server-side state, per browser (a random cookie), kept for ten minutes. */
class LaunchStore {
  private readonly sessions = new Map<string, { at: number; values: Map<string, unknown> }>();
  storage(id: string) {
    const now = Date.now();
    for (const [k, s] of this.sessions) if (now - s.at > SESSION_MS) this.sessions.delete(k);
    if (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value as string);
    let s = this.sessions.get(id);
    if (!s) {
      s = { at: now, values: new Map() };
      this.sessions.set(id, s);
    }
    const values = s.values;
    return {
      get: async (key: string) => values.get(key),
      set: async (key: string, value: unknown) => {
        values.set(key, value);
        return value;
      },
      unset: async (key: string) => values.delete(key),
    };
  }
}

const PAGE_CSP =
  "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(reply: FastifyReply, status: number, title: string, body: string): FastifyReply {
  return reply
    .code(status)
    .header("content-type", "text/html; charset=utf-8")
    .header("content-security-policy", PAGE_CSP)
    .header("cache-control", "no-store")
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main>${body}</main></body></html>`,
    );
}

function problem(reply: FastifyReply, status: number, message: string): FastifyReply {
  return page(
    reply,
    status,
    "Hepatica — SMART launch",
    `<h1>SMART launch refused</h1><p role="alert">${escapeHtml(message)}</p>`,
  );
}

/** Markdown-light card detail (paragraphs, **bold**, _italic_) as HTML, escaped first. */
function detailHtml(detail: string): string {
  return detail
    .split("\n\n")
    .map(
      (p) =>
        `<p>${escapeHtml(p)
          .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
          .replace(/(^|\s)_([^_]+)_(?=\s|$)/g, "$1<em>$2</em>")}</p>`,
    )
    .join("");
}

export async function smartRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const store = new LaunchStore();
  const servers = () => new Set(deps.cds?.config.issuers.flatMap((i) => i.fhirServers) ?? []);
  /** This browser's launch id (a cookie, set on the raw response: fhirclient writes the redirect). */
  const browser = (request: FastifyRequest, reply: FastifyReply): string => {
    const have = request.cookies[COOKIE];
    if (have && /^[A-Za-z0-9_-]{32}$/.test(have)) return have;
    const id = randomBytes(24).toString("base64url");
    const secure = request.protocol === "https" ? "; Secure" : "";
    reply.raw.setHeader("set-cookie", `${COOKIE}=${id}; Path=/smart; HttpOnly; SameSite=Lax${secure}`);
    return id;
  };

  app.get<{ Querystring: { iss?: string; launch?: string } }>(
    "/smart/launch",
    {
      schema: {
        tags: ["smart"],
        summary: "SMART App Launch: EHR launch (iss + launch) or standalone launch (iss)",
        security: [],
        querystring: {
          type: "object",
          properties: {
            iss: { type: "string", maxLength: 2000 },
            launch: { type: "string", maxLength: 2000 },
          },
        },
      },
    },
    async (request, reply) => {
      const cds = deps.cds;
      if (!cds) return problem(reply, 404, "no EHR is configured (HEPATICA_CDS_ISSUERS)");
      const iss = fetchableUrl(request.query.iss);
      if (!iss) return problem(reply, 400, "iss must be the EHR's FHIR base URL (https)");
      if (!servers().has(iss)) return problem(reply, 403, "iss is not one of the trusted EHRs' FHIR servers");
      const id = browser(request, reply);
      const launch = request.query.launch;
      reply.hijack();
      try {
        await smart(request.raw, reply.raw, store.storage(id)).authorize({
          iss,
          clientId: cds.smartClientId,
          scope: launch ? SMART_SCOPES.ehr : SMART_SCOPES.standalone,
          redirectUri: `${cds.config.publicUrl.replace(/\/+$/, "")}/smart/callback`,
          pkceMode: "required",
          ...(launch ? { launch } : {}),
        });
      } catch (e) {
        if (!reply.raw.headersSent) {
          reply.raw.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
          reply.raw.end(
            `the EHR's SMART configuration could not be read: ${e instanceof Error ? e.message.slice(0, 200) : ""}`,
          );
        }
      }
    },
  );

  app.get(
    "/smart/callback",
    { schema: { tags: ["smart"], summary: "SMART App Launch redirect", security: [] } },
    async (request, reply) => {
      const cds = deps.cds;
      if (!cds) return problem(reply, 404, "no EHR is configured");
      const id = request.cookies[COOKIE];
      if (!id) return problem(reply, 400, "no SMART launch in progress in this browser");
      let client: Awaited<ReturnType<ReturnType<typeof smart>["ready"]>>;
      try {
        client = await smart(request.raw, reply.raw, store.storage(id)).ready();
      } catch (e) {
        return problem(
          reply,
          400,
          `the EHR's authorization did not complete: ${e instanceof Error ? e.message.slice(0, 200) : ""}`,
        );
      }
      const base = fetchableUrl(client.state.serverUrl);
      const patientId = client.patient.id;
      if (!base || !servers().has(base)) return problem(reply, 403, "the EHR's FHIR server is not trusted");
      if (!patientId || !/^[A-Za-z0-9.-]{1,64}$/.test(String(patientId)))
        return problem(reply, 400, "the EHR gave no patient in the launch context");
      const path = (t: string) =>
        t.replace(/\{\{context\.patientId\}\}/g, encodeURIComponent(String(patientId)));
      let patient: Patient;
      let observations: Bundle;
      let conditions: Bundle;
      try {
        patient = (await client.request(path(PREFETCH.patient))) as Patient;
        const flat = { flat: true, pageLimit: 5 } as const;
        observations = {
          resourceType: "Bundle",
          type: "searchset",
          entry: ((await client.request(path(PREFETCH.observations), flat)) as unknown[]).map((resource) => ({
            resource,
          })),
        } as Bundle;
        conditions = {
          resourceType: "Bundle",
          type: "searchset",
          entry: ((await client.request(path(PREFETCH.conditions), flat)) as unknown[]).map((resource) => ({
            resource,
          })),
        } as Bundle;
      } catch (e) {
        return problem(
          reply,
          502,
          `the patient's data could not be read from the EHR: ${e instanceof Error ? e.message.slice(0, 200) : ""}`,
        );
      }
      if (patient?.resourceType !== "Patient")
        return problem(reply, 502, "the EHR did not return the patient");
      const asOf = new Date().toISOString().slice(0, 10);
      const ehr = ehrCase(
        { patientId: String(patientId), patient, observations, conditions },
        asOf,
        CDS_WINDOW_DAYS,
      );
      const a = assess(ehr.derived.case);
      const mrn = patient.identifier?.find((i) => i.type?.coding?.some((c) => c.code === "MR"))?.value;
      const stored = mrn
        ? await deps.store.db.selectFrom("patients").select("id").where("mrn", "=", mrn).executeTakeFirst()
        : undefined;
      await appendAudit(
        deps.store.db,
        {
          userId: null,
          username: `smart:${base}`.slice(0, 200),
          role: "smart-app",
          sourceIp: request.ip,
          userAgent: null,
        },
        {
          action: "assess",
          entity: "smart",
          patientId: stored?.id ?? null,
          detail: `SMART launch for EHR patient ${String(patientId)}`,
        },
      );
      const card = cardOf(
        a,
        ehr,
        { serviceUrl: cds.config.publicUrl, launchUrl: cds.launchUrl, registryPatientId: stored?.id ?? null },
        asOf,
      ) as {
        summary: string;
        detail: string;
      };
      const web = (deps.webBaseUrl ?? `${cds.config.publicUrl.replace(/\/+$/, "")}/app`).replace(/\/+$/, "");
      const registry = stored
        ? `<p><a id="registry-patient" href="${escapeHtml(`${web}/patients/${stored.id}`)}">Open this patient in the Hepatica registry</a> (linked by the EHR identifier ${escapeHtml(mrn ?? "")})</p>`
        : `<p id="registry-patient">No registry patient has this EHR identifier.</p>`;
      return page(
        reply,
        200,
        "Hepatica — HCC assessment",
        `<h1 id="summary">${escapeHtml(card.summary)}</h1><p>EHR patient ${escapeHtml(String(patientId))} from ${escapeHtml(base)}</p>${registry}<section id="detail">${detailHtml(card.detail)}</section>`,
      );
    },
  );
}
