/**
 * Registry cohorts over HTTP: `GET /api/cohorts/survival` (KM per group with CIs and the
 * number at risk, medians, log-rank, Cox hazard ratios) and `GET /api/cohorts/survival.csv`
 * (the per-patient times). Clinicians, researchers and admins; every call is audited with the
 * patients it used. Researchers get de-identified output: every date is shifted by the patient's
 * own offset (intervals, hence survival times, are exact) and the period filter and `year`
 * grouping apply to the shifted dates, so that they cannot be used to recover true dates.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { numberAtRisk } from "../../analytics/kaplan-meier.js";
import { atRiskTimes } from "../../analytics/km-svg.js";
import {
  COVARIATES,
  type CohortFilters,
  type CohortRequest,
  type CohortSurvival,
  type Covariate,
  cohortCsv,
  cohortSurvival,
  ENDPOINTS,
  type Endpoint,
  GROUP_BY,
  type GroupBy,
  shiftFollowUp,
  TIME_UNITS,
  type TimeUnit,
} from "../../analytics/registry-cohort.js";
import { CRITERIA, type Criterion } from "../../clinical/response/course.js";
import { appendAudit } from "../../store/audit.js";
import { shiftDate } from "../../store/deidentify.js";
import { actorOf, deidentified, requireRole, type ServerDeps } from "../context.js";
import { registrySummaries } from "./registry.js";
import { researchView } from "./research-view.js";
import { errorSchema } from "./schemas.js";

const list = { type: "string", maxLength: 500, pattern: "^[A-Za-z0-9_,.+-]*$" } as const;
const isoDate = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" } as const;

export const cohortQuery = {
  type: "object",
  additionalProperties: false,
  properties: {
    endpoint: { type: "string", enum: ENDPOINTS, description: "os (default), pfs or ttp" },
    criterion: {
      type: "string",
      enum: CRITERIA,
      description: "progression criterion: mrecist (default) or recist11",
    },
    groupBy: { type: "string", enum: GROUP_BY, description: "compare groups by this (default none)" },
    unit: { type: "string", enum: TIME_UNITS, description: "time unit of the curves (default months)" },
    covariates: { ...list, description: `Cox covariates, comma-separated: ${COVARIATES.join(", ")}` },
    bclcStage: { ...list, description: "BCLC stages at first treatment, comma-separated (none = unknown)" },
    cnlcStage: { ...list, description: "CNLC stages at first treatment, comma-separated" },
    modality: { ...list, description: "modality of the first treatment, comma-separated" },
    lastResponse: { ...list, description: "last overall response under the criterion, comma-separated" },
    from: { ...isoDate, description: "first treatment on or after (YYYY-MM-DD)" },
    to: { ...isoDate, description: "first treatment on or before (YYYY-MM-DD)" },
  },
} as const;

export interface CohortQuery {
  endpoint?: Endpoint;
  criterion?: Criterion;
  groupBy?: GroupBy;
  unit?: TimeUnit;
  covariates?: string;
  bclcStage?: string;
  cnlcStage?: string;
  modality?: string;
  lastResponse?: string;
  from?: string;
  to?: string;
}

const split = (s: string | undefined): string[] | undefined => {
  const parts = (s ?? "")
    .split(",")
    .map((x) => x.trim())
    .filter((x) => x !== "");
  return parts.length > 0 ? parts : undefined;
};

function requestOf(q: CohortQuery): CohortRequest {
  const filters: CohortFilters = {
    ...(split(q.bclcStage) ? { bclcStage: split(q.bclcStage) } : {}),
    ...(split(q.cnlcStage) ? { cnlcStage: split(q.cnlcStage) } : {}),
    ...(split(q.modality) ? { modality: split(q.modality) } : {}),
    ...(split(q.lastResponse) ? { lastResponse: split(q.lastResponse) } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
  };
  const covariates = (split(q.covariates) ?? []).filter((c): c is Covariate =>
    (COVARIATES as readonly string[]).includes(c),
  );
  return {
    endpoint: q.endpoint ?? "os",
    criterion: q.criterion ?? "mrecist",
    groupBy: q.groupBy ?? "none",
    unit: q.unit ?? "months",
    filters,
    covariates,
  };
}

/** The analysis, and the stored id of each row's patient (the audit names those, not pseudonyms). */
async function analyse(
  deps: ServerDeps,
  request: FastifyRequest,
  q: CohortQuery,
): Promise<{ result: CohortSurvival; patientIds: string[] }> {
  const summaries = await registrySummaries(deps.store.db, undefined, deps.validity);
  const view = deidentified(request) ? await researchView(deps) : undefined;
  const stored = new Map<string, string>();
  const followUps = [...summaries.values()].map((s) => {
    if (!view) return s.followUp;
    const patientId = view.pseudonym(s.followUp.patientId);
    stored.set(patientId, s.followUp.patientId);
    return { ...shiftFollowUp(s.followUp, s.dateShiftDays, shiftDate), patientId };
  });
  followUps.sort((a, b) => (a.patientId < b.patientId ? -1 : 1));
  const result = cohortSurvival(followUps, requestOf(q));
  return { result, patientIds: result.rows.map((r) => stored.get(r.patientId) ?? r.patientId) };
}

function describe(r: CohortSurvival, patientIds: readonly string[]): string {
  const q = r.request;
  const f = JSON.stringify(q.filters);
  return `${q.endpoint} ${q.criterion} by ${q.groupBy} ${f}: ${r.rows.length} patients: ${patientIds.join(",")}`.slice(
    0,
    20_000,
  );
}

/** JSON of the analysis for the API: R's NA/Inf as null, no per-row linear predictors. */
export function cohortJson(r: CohortSurvival): string {
  const times = atRiskTimes(Math.max(0, ...r.overall.km.time));
  const curves =
    r.groups.length > 0 ? r.groups.map((g) => [g.level, g.km] as const) : [["all", r.overall.km] as const];
  const body = {
    request: r.request,
    selected: r.selected,
    excluded: r.excluded,
    n: r.n,
    events: r.events,
    overall: r.overall,
    groups: r.groups,
    logrank: r.logrank,
    cox: r.cox,
    atRisk: {
      times,
      byGroup: Object.fromEntries(curves.map(([level, km]) => [level, numberAtRisk(km, times)])),
    },
  };
  return JSON.stringify(body, (key, value: unknown) => {
    if (key === "linearPredictors") return undefined;
    if (typeof value === "number" && !Number.isFinite(value)) return null;
    return value;
  });
}

export async function cohortRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const { db } = deps.store;
  const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema };
  /** Every cohort call: any signed-in role, the analysis, and its audit row naming the patients used. */
  const audited = async (
    request: FastifyRequest<{ Querystring: CohortQuery }>,
    action: "search" | "export",
  ) => {
    requireRole(request, "clinician", "researcher", "admin");
    const { result, patientIds } = await analyse(deps, request, request.query);
    await appendAudit(db, actorOf(request), {
      action,
      entity: "cohort",
      detail: describe(result, patientIds),
    });
    return result;
  };

  app.get<{ Querystring: CohortQuery }>(
    "/api/cohorts/survival",
    {
      schema: {
        tags: ["analytics"],
        summary:
          "Survival of a registry cohort: OS, PFS or TTP from the first treatment; KM per group (CIs, number at risk), log-rank, Cox HRs",
        querystring: cohortQuery,
        response: errors,
      },
    },
    async (request, reply) => {
      const result = await audited(request, "search");
      return reply.type("application/json; charset=utf-8").send(cohortJson(result));
    },
  );

  app.get<{ Querystring: CohortQuery }>(
    "/api/cohorts/survival.csv",
    {
      schema: {
        tags: ["analytics"],
        summary:
          "The per-patient times of a registry cohort as CSV (same parameters as /api/cohorts/survival)",
        querystring: cohortQuery,
        response: errors,
      },
    },
    async (request, reply) => {
      const result = await audited(request, "export");
      const q = result.request;
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="cohort-${q.endpoint}-${q.criterion}.csv"`)
        .send(cohortCsv(result.rows));
    },
  );
}
