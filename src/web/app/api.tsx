/**
 * The only way the workspace talks to Hepatica: the HTTP API, same origin, with the HttpOnly
 * session cookie set by `POST /api/auth/login` (the token itself is never stored by the page).
 * Error bodies follow the server's single shape `{ error: { code, message, errors? } }`.
 */
import type { FitWarning } from "../../analytics/fit-warnings.js";
import type { GroupBy, ToxicityRow } from "../../analytics/registry-cohort.js";

export type Role = "clinician" | "researcher" | "admin";

export interface User {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
}

/** A stored record as the API shows it: camelCase fields, children as lists. */
export interface ApiRecord {
  readonly id: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly patientId?: string;
  readonly [field: string]: unknown;
}

export interface FieldError {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: readonly FieldError[] = [],
  ) {
    super(message);
  }
}

/** One line for a failed save: the message and every field error, each with its path. */
export function failureText(err: unknown): string {
  return err instanceof ApiFailure
    ? [err.message, ...err.fieldErrors.map((x) => `${x.path}: ${x.message}`)].join(" ")
    : String(err);
}

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();
/** Called when any request answers 401, so the shell can show the login form again. */
export function onUnauthenticated(l: Listener): () => void {
  unauthenticatedListeners.add(l);
  return () => unauthenticatedListeners.delete(l);
}

let requestLang = "en";
/** The language the server renders reasons in for every request (the workspace language). */
export function setRequestLang(lang: "en" | "zh"): void {
  requestLang = lang;
}

export async function request<T>(
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  /** Statuses whose body is a result rather than an error (decision support answers 422 with a partial result). */
  accept: readonly number[] = [],
): Promise<T> {
  const init: RequestInit = {
    method,
    credentials: "same-origin",
    headers: { accept: "application/json", "accept-language": requestLang, ...headers },
  };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, "content-type": "application/json" };
  }
  const res = await fetch(path, init);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok && !accept.includes(res.status)) {
    const err = (data as { error?: { code?: string; message?: string; errors?: FieldError[] } } | undefined)
      ?.error;
    if (res.status === 401 && !path.endsWith("/auth/login")) for (const l of unauthenticatedListeners) l();
    throw new ApiFailure(
      res.status,
      err?.code ?? "http",
      err?.message ?? `${res.status} ${res.statusText}`,
      err?.errors ?? [],
    );
  }
  return data as T;
}

/** Lists may come bare or wrapped (`{ items }`, `{ data }`); the page wants the array. */
export function itemsOf<T>(x: unknown): T[] {
  if (Array.isArray(x)) return x as T[];
  if (x && typeof x === "object") {
    const o = x as { items?: unknown; data?: unknown; results?: unknown };
    for (const v of [o.items, o.data, o.results]) if (Array.isArray(v)) return v as T[];
  }
  return [];
}

/** A Kaplan–Meier curve as JSON (R's NA and Inf are null). */
export interface KmJson {
  readonly n: number;
  readonly events: number;
  readonly confType: "log" | "log-log" | "plain";
  readonly confLevel: number;
  readonly time: readonly number[];
  readonly nRisk: readonly number[];
  readonly nEvent: readonly number[];
  readonly nCensor: readonly number[];
  readonly surv: readonly number[];
  readonly stdErr: readonly (number | null)[];
  readonly stdErrSurv: readonly (number | null)[];
  readonly lower: readonly (number | null)[];
  readonly upper: readonly (number | null)[];
}

export interface MedianJson {
  readonly n: number;
  readonly events: number;
  readonly median: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

/** `GET /api/cohorts/survival`. */
export interface CohortResult {
  /** Patients by worst adverse-event grade (CTCAE v5 1–5, CIRSE 1–6), per group. */
  readonly toxicity: readonly ToxicityRow[];
  readonly request: {
    readonly endpoint: "os" | "pfs" | "ttp";
    readonly criterion: "mrecist" | "recist11";
    readonly groupBy: GroupBy;
    readonly unit: "months" | "weeks" | "days" | "years";
    readonly covariates: readonly string[];
  };
  readonly selected: number;
  readonly excluded: Readonly<Record<string, number>>;
  readonly n: number;
  readonly events: number;
  readonly overall: { readonly km: KmJson; readonly median: MedianJson };
  readonly groups: readonly {
    readonly level: string;
    readonly n: number;
    readonly events: number;
    readonly km: KmJson;
    readonly median: MedianJson;
  }[];
  readonly logrank: { readonly chisq: number; readonly df: number; readonly p: number | null } | null;
  readonly cox: {
    readonly formula: string;
    readonly fit:
      | {
          readonly status: "ok";
          readonly terms: readonly string[];
          readonly hr: readonly (number | null)[];
          readonly hrLower: readonly (number | null)[];
          readonly hrUpper: readonly (number | null)[];
          readonly p: readonly (number | null)[];
          readonly warnings: readonly FitWarning[];
        }
      | { readonly status: "invalid" | "no-events"; readonly message: string };
  } | null;
  readonly competing: {
    readonly events: readonly ("death" | "transplant" | "resection")[];
    readonly n: number;
    readonly counts: Readonly<Record<"death" | "transplant" | "resection", number>>;
    readonly curves: readonly {
      readonly level: string;
      readonly event: "death" | "transplant" | "resection";
      readonly time: readonly number[];
      readonly est: readonly number[];
      readonly var: readonly number[];
    }[];
    readonly atRisk: readonly { readonly level: string; readonly km: KmJson }[];
    readonly grayTest:
      | readonly {
          readonly event: "death" | "transplant" | "resection";
          readonly stat: number | null;
          readonly pv: number | null;
          readonly df: number;
        }[]
      | null;
  } | null;
  readonly atRisk: {
    readonly times: readonly number[];
    readonly byGroup: Readonly<Record<string, readonly number[]>>;
  };
}

export const api = {
  login: (username: string, password: string) =>
    request<{ token: string; user: User }>("POST", "/api/auth/login", { username, password }),
  logout: () => request<void>("POST", "/api/auth/logout"),
  me: () => request<User>("GET", "/api/auth/me"),

  /** One page of patients and the total count. */
  patients: async (offset = 0, limit = 100) => {
    const page = await request<unknown>("GET", `/api/patients?limit=${limit}&offset=${offset}`);
    const items = itemsOf<ApiRecord>(page);
    const total = (page as { total?: unknown } | undefined)?.total;
    return { items, total: typeof total === "number" ? total : items.length };
  },
  patient: (id: string) => request<ApiRecord>("GET", `/api/patients/${encodeURIComponent(id)}`),
  createPatient: (body: Record<string, unknown>) => request<ApiRecord>("POST", "/api/patients", body),
  updatePatient: (id: string, version: number, body: Record<string, unknown>) =>
    request<ApiRecord>("PUT", `/api/patients/${encodeURIComponent(id)}`, body, {
      "if-match": `"${version}"`,
    }),

  /** A patient's records of one kind: `observations`, `imaging`, `procedures`, `systemic-therapies`, … */
  list: async (patientId: string, kind: string) =>
    itemsOf<ApiRecord>(await request("GET", `/api/patients/${encodeURIComponent(patientId)}/${kind}`)),
  create: (patientId: string, kind: string, body: Record<string, unknown>) =>
    request<ApiRecord>("POST", `/api/patients/${encodeURIComponent(patientId)}/${kind}`, body),

  /** The assessment of a stored patient from the latest values within `[asOf - windowDays, asOf]`. */
  assessment: <T,>(patientId: string, asOf?: string, windowDays?: number) => {
    const qs = new URLSearchParams();
    if (asOf) qs.set("asOf", asOf);
    if (windowDays !== undefined) qs.set("windowDays", String(windowDays));
    const q = qs.toString();
    return request<T>("GET", `/api/patients/${encodeURIComponent(patientId)}/assessment${q ? `?${q}` : ""}`);
  },
  /** Treatment plan of a case (422 still carries the partial plan). */
  plan: <T,>(kase: unknown) => request<T>("POST", "/api/plan", kase, {}, [422]),
  /** Survival of a registry cohort (query: endpoint, criterion, groupBy, unit, filters). */
  cohortSurvival: (query: URLSearchParams) => request<CohortResult>("GET", `/api/cohorts/survival?${query}`),
  /** Response assessment of a course (422 carries the errors). */
  response: <T,>(course: unknown) => request<T>("POST", "/api/response", course, {}, [422]),
};
