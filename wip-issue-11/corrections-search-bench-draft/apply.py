import re, shutil
R='/tmp/h11s/'
def edit(p, pairs):
    s=open(R+p).read()
    for a,b in pairs:
        assert a in s, (p, a[:80])
        s=s.replace(a,b,1)
    open(R+p,'w').write(s)

shutil.copy('/tmp/h11d/0002-record-history.ts', R+'src/store/migrations/0002-record-history.ts')
shutil.copy('/tmp/h11d/corrections.ts', R+'src/server/api/corrections.ts')
shutil.copy('/tmp/h11d/history.test.ts', R+'src/store/history.test.ts')

# db.ts: register the migration
s=open(R+'src/store/db.ts').read()
s=s.replace('import { initial } from "./migrations/0001-initial.js";','import { initial } from "./migrations/0001-initial.js";\nimport { recordHistory } from "./migrations/0002-record-history.js";',1)
s=re.sub(r'(export function migrations\(dialect: Dialect\): Record<string, Migration> \{\n  return \{)', r'\1 "0002-record-history": recordHistory(),', s, count=1)
open(R+'src/store/db.ts','w').write(s)

# schema.ts
edit('src/store/schema.ts', [
('''export interface Versioned {
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
}''','''export interface Versioned {
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
  /** When the record was voided as entered-in-error (migration 0002-record-history); null if not. */
  voided_at: string | null;
  void_reason: string | null;
}

/** Every amendment and void of a record: the record as it was before, the reason, who, when. */
export interface RecordHistoryTable {
  id: string;
  entity: string;
  record_id: string;
  patient_id: string | null;
  /** The version the record had before the change. */
  version: number;
  action: string;
  reason: string | null;
  snapshot_json: string;
  at: string;
  by: string | null;
}

/** Client keys of creations (Idempotency-Key): a repeated request returns the first record. */
export interface IdempotencyKeyTable {
  key: string;
  entity: string;
  actor: string;
  record_id: string;
  created_at: string;
}'''),
('''export interface Database {
''','''export interface Database {
  record_history: RecordHistoryTable;
  idempotency_keys: IdempotencyKeyTable;
'''),
])

# records.ts
hist=open('/tmp/h11d/history.ts').read()
hist=hist[hist.index('export type HistoryAction'):]
edit('src/store/records.ts', [
('''    ...fromRow(spec.fields, row),
    ...children,
  };
}''','''    ...fromRow(spec.fields, row),
    ...children,
    ...(row.voided_at ? { voidedAt: String(row.voided_at), voidReason: row.void_reason ?? null } : {}),
  };
}'''),
('''  readonly offset?: number | undefined;
}''','''  readonly offset?: number | undefined;
  /** Voided records too (the default leaves them out, as every reader does). */
  readonly includeVoided?: boolean;
}'''),
('''  if (options.patientId !== undefined) q = q.where("patient_id", "=", options.patientId);
  const rows = await q''','''  if (options.patientId !== undefined) q = q.where("patient_id", "=", options.patientId);
  if (options.includeVoided !== true) q = q.where("voided_at", "is", null);
  const rows = await q'''),
('''    .select((eb) => eb.fn.countAll().as("n"));
  if (patientId !== undefined) q = q.where("patient_id", "=", patientId);''','''    .select((eb) => eb.fn.countAll().as("n"))
    .where("voided_at", "is", null);
  if (patientId !== undefined) q = q.where("patient_id", "=", patientId);'''),
('''  expectedVersion: number | undefined,
  actor: Actor,
): Promise<EntityRecord> {
  assertValid(spec, body);
  try {
    await db.transaction().execute(async (trx) => {
      const row = await checkVersion(trx, spec, id, expectedVersion);
      const version = Number(row.version);''','''  expectedVersion: number | undefined,
  actor: Actor,
  reason?: unknown,
): Promise<EntityRecord> {
  assertValid(spec, body);
  const why = reason === undefined ? null : checkReason(reason);
  try {
    await db.transaction().execute(async (trx) => {
      const row = await checkVersion(trx, spec, id, expectedVersion);
      const version = Number(row.version);
      if (row.voided_at) throw new StoreError("conflict", `${spec.name} ${id} is voided`);
      // The record as it was, kept in its history (migration 0002-record-history).
      const before = await getRecord(trx, spec, id);
      if (before) await keepHistory(trx, spec, before, "amend", why, actor);'''),
])
s=open(R+'src/store/records.ts').read()
s=s.replace('import { randomInt, randomUUID } from "node:crypto";','import { randomInt, randomUUID } from "node:crypto";',1)
s=s.rstrip('\n')+'\n\n'+hist
s=s.replace('''/**
 * One repository for every entity''','''/**
 * One repository for every entity''',1)
open(R+'src/store/records.ts','w').write(s)

# createOnce: idempotent creation
s=open(R+'src/store/records.ts').read()
s=s.replace('''/** Shifts between 1 and 365 days back or forward, never 0. */''','''/**
 * Creates a record once per client key (`Idempotency-Key`) and actor: a repeated request (a
 * double click, a retry) returns the record the first one made, `replayed`. Two concurrent
 * requests with one key: the second's insert of the key fails, its transaction (record included)
 * rolls back, and it returns the first's record.
 */
export async function createOnce(
  db: Kysely<Database>,
  spec: EntitySpec,
  body: unknown,
  actor: Actor,
  key: string,
  options: CreateOptions = {},
): Promise<{ record: EntityRecord; replayed: boolean }> {
  const replay = async () => {
    const seen = await idempotentRecord(db, key, spec, actor);
    const record = seen === undefined ? undefined : await getRecord(db, spec, seen);
    return record ? { record, replayed: true } : undefined;
  };
  const first = await replay();
  if (first) return first;
  try {
    const id = await db.transaction().execute(async (trx) => {
      const created = await insertRecord(trx, spec, body, actor, options);
      await rememberIdempotent(trx, key, spec, actor, created);
      return created;
    });
    const record = await getRecord(db, spec, id);
    if (!record) throw new StoreError("not-found", `${spec.name} vanished after creation`);
    return { record, replayed: false };
  } catch (e) {
    const raced = constraintKind(e) === "unique" || (e instanceof StoreError && e.code === "conflict") ? await replay() : undefined;
    if (raced) return raced;
    throw e;
  }
}

/** Shifts between 1 and 365 days back or forward, never 0. */''',1)
open(R+'src/store/records.ts','w').write(s)

# readers leave voided records out
s=open(R+'src/registry/load.ts').read()
s=s.replace('.where("id", "in", part).execute(),','.where("id", "in", part).where("voided_at", "is", null).execute(),',1)
s=s.replace('.where("patient_id", "in", part)\n','.where("patient_id", "in", part)\n        .where("voided_at", "is", null)\n')
open(R+'src/registry/load.ts','w').write(s)
s=open(R+'src/server/api/registry.ts').read()
s=s.replace('.where("patient_id", "in", part)\n','.where("patient_id", "in", part)\n        .where("voided_at", "is", null)\n')
s=s.replace('let pq = db.selectFrom("patients").select(["id", "version", "date_shift_days"]);','let pq = db.selectFrom("patients").select(["id", "version", "date_shift_days"]).where("voided_at", "is", null);')
s=s.replace('''        .groupBy("patient_id");''','''        .where("voided_at", "is", null)
        .groupBy("patient_id");''')
open(R+'src/server/api/registry.ts','w').write(s)

# app: correction routes
edit('src/server/app.ts', [
('import { entityRoutes } from "./api/entities.js";','import { correctionRoutes } from "./api/corrections.js";\nimport { entityRoutes } from "./api/entities.js";'),
('    await entityRoutes(api, deps);','    await entityRoutes(api, deps);\n    await correctionRoutes(api, deps);'),
])

# entities: idempotent creation
edit('src/server/api/entities.ts', [
('''        const options = spec.ofPatient ? { patientId: request.params.id } : {};
        const record = await createRecord(db, spec, request.body, actorOf(request), options);
        reply.header("location", `/api/${spec.path}/${record.id}`);
        return send(reply, record, 201);''','''        const options = spec.ofPatient ? { patientId: request.params.id } : {};
        const key = idempotencyKey(request);
        if (key !== undefined) {
          // A repeated request with the same client key (a double click) returns the first record.
          const once = await createOnce(db, spec, request.body, actorOf(request), key, options);
          reply.header("location", `/api/${spec.path}/${once.record.id}`);
          return send(reply, once.record, once.replayed ? 200 : 201);
        }
        const record = await createRecord(db, spec, request.body, actorOf(request), options);
        reply.header("location", `/api/${spec.path}/${record.id}`);
        return send(reply, record, 201);'''),
('''/** Applies the caller's view''','''/** The client's `Idempotency-Key` (1–200 of A–Z a–z 0–9 . _ : -), if sent. */
function idempotencyKey(request: FastifyRequest): string | undefined {
  const h = request.headers["idempotency-key"];
  if (h === undefined || h === "") return undefined;
  const v = String(h).trim();
  if (!/^[A-Za-z0-9._:-]{1,200}$/.test(v)) {
    throw new ApiError("invalid-input", "Idempotency-Key must be 1–200 of A–Z a–z 0–9 . _ : -", [
      { path: "(header).idempotency-key", code: "invalid-format", message: "Idempotency-Key must be 1–200 of A–Z a–z 0–9 . _ : -" },
    ]);
  }
  return v;
}

/** Applies the caller's view'''),
])
s=open(R+'src/server/api/entities.ts').read()
s=re.sub(r'(import \{[^}]*?)createRecord,', r'\1createOnce,\n  createRecord,', s, count=1)
open(R+'src/server/api/entities.ts','w').write(s)

# validation: future dates, empty patients
edit('src/store/validate.ts', [
('''      if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
        const form = spec.kind === "date" ? "YYYY-MM-DD" : "an ISO-8601 date or date-time with offset";
        errors.push({ path, code: "invalid-date", message: `${path} must be ${form}` });
      }
      return;''','''      if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
        const form = spec.kind === "date" ? "YYYY-MM-DD" : "an ISO-8601 date or date-time with offset";
        errors.push({ path, code: "invalid-date", message: `${path} must be ${form}` });
      } else if (String(v).slice(0, 10) > latestAllowedDate()) {
        // Every stored date records something that happened (a birth, a result, a treatment):
        // one in the future is a slip (year or month typed wrong). A day's grace for time zones.
        errors.push({ path, code: "in-the-future", message: `${path} is in the future (${String(v).slice(0, 10)}): check the year and month` });
      }
      return;'''),
('''/** A real calendar date (rejects 2024-02-30). */''','''/** Tomorrow (UTC): the latest date a record may carry (a day's grace for time zones). */
function latestAllowedDate(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

/** A real calendar date (rejects 2024-02-30). */'''),
('''  const rec = body as Record<string, unknown>;
  for (const [name, child] of Object.entries(children)) validateChildren(name, child, rec[name], errors);
  return errors;''','''  const rec = body as Record<string, unknown>;
  for (const [name, child] of Object.entries(children)) validateChildren(name, child, rec[name], errors);
  // A patient with no identifier and no name is an empty form saved by mistake.
  const named = (k: string) => typeof rec[k] === "string" && (rec[k] as string).trim().length > 0;
  if (spec.table === "patients" && !partial && !["mrn", "familyName", "givenName"].some(named)) {
    errors.push({ path: "mrn", code: "required", message: "a patient needs an MRN or a name (mrn, familyName or givenName)" });
  }
  return errors;'''),
])

# search: server-side over all patients (name, MRN, id)
edit('src/store/records.ts', [
('import type { Kysely } from "kysely";','import { type Kysely, sql } from "kysely";'),
('''  /** Voided records too (the default leaves them out, as every reader does). */
  readonly includeVoided?: boolean;
}''','''  /** Voided records too (the default leaves them out, as every reader does). */
  readonly includeVoided?: boolean;
  /** Patients only: a case-insensitive substring of the name (either order) or the MRN, or the exact id. */
  readonly search?: string | undefined;
}

/** The patient-search condition (LIKE with its wildcards escaped, the same on both dialects). */
function patientSearch(search: string) {
  const needle = search.trim();
  const like = `%${needle.toLowerCase().replace(/[\\\\%_]/g, (c) => `\\\\${c}`)}%`;
  const has = (expr: ReturnType<typeof sql>) => sql<boolean>`lower(${expr}) like ${like} escape '\\\\'`;
  return sql<boolean>`(${has(sql`mrn`)} or ${has(sql`family_name || ' ' || coalesce(given_name, '')`)} or ${has(sql`coalesce(given_name, '') || ' ' || family_name`)} or ${has(sql`given_name`)} or id = ${needle})`;
}'''),
('''  if (options.includeVoided !== true) q = q.where("voided_at", "is", null);
  const rows = await q''','''  if (options.includeVoided !== true) q = q.where("voided_at", "is", null);
  if (options.search && spec.table === "patients") q = q.where(patientSearch(options.search));
  const rows = await q'''),
('''  patientId?: string,
): Promise<number> {
  let q = loose(db)''','''  patientId?: string,
  search?: string,
): Promise<number> {
  let q = loose(db)'''),
('''    .where("voided_at", "is", null);
  if (patientId !== undefined) q = q.where("patient_id", "=", patientId);''','''    .where("voided_at", "is", null);
  if (patientId !== undefined) q = q.where("patient_id", "=", patientId);
  if (search && spec.table === "patients") q = q.where(patientSearch(search));'''),
])
edit('src/server/api/schemas.ts', [
('''    offset: { type: "string", pattern: "^[0-9]{1,9}$" },
  },
} as const;''','''    offset: { type: "string", pattern: "^[0-9]{1,9}$" },
    q: {
      type: "string",
      maxLength: 200,
      description: "patients only (clinicians): a substring of the name or MRN, or the exact id",
    },
  },
} as const;'''),
])
edit('src/server/api/entities.ts', [
('type PageQuery = { limit?: string; offset?: string };','type PageQuery = { limit?: string; offset?: string; q?: string };'),
('''        const { limit, offset } = page(request.query);
        const [items, total] = await Promise.all([
          listRecords(db, spec, { patientId, limit, offset }),
          countRecords(db, spec, patientId),
        ]);''','''        const { limit, offset } = page(request.query);
        const search = spec.table === "patients" ? request.query.q?.trim() || undefined : undefined;
        // Searching names and MRNs would let a researcher re-identify: clinicians only.
        if (search !== undefined && deidentified(request)) {
          throw new ApiError("forbidden", "searching by name or MRN is for clinicians");
        }
        const [items, total] = await Promise.all([
          listRecords(db, spec, { patientId, limit, offset, search }),
          countRecords(db, spec, patientId, search),
        ]);'''),
])
edit('src/web/app/api.tsx', [
('''  patients: async (offset = 0, limit = 100) => {
    const page = await request<unknown>("GET", `/api/patients?limit=${limit}&offset=${offset}`);''','''  patients: async (offset = 0, limit = 100, q = "") => {
    const search = q.trim() ? `&q=${encodeURIComponent(q.trim())}` : "";
    const page = await request<unknown>("GET", `/api/patients?limit=${limit}&offset=${offset}${search}`);'''),
('''  list: async (patientId: string, kind: string) =>
    itemsOf<ApiRecord>(await request("GET", `/api/patients/${encodeURIComponent(patientId)}/${kind}`)),''','''  list: async (patientId: string, kind: string) => {
    // Every record, page by page (no cap: a patient may have tens of thousands of observations).
    const out: ApiRecord[] = [];
    for (;;) {
      const page = await request<unknown>(
        "GET",
        `/api/patients/${encodeURIComponent(patientId)}/${kind}?limit=1000&offset=${out.length}`,
      );
      const items = itemsOf<ApiRecord>(page);
      out.push(...items);
      const total = (page as { total?: unknown } | undefined)?.total;
      if (items.length === 0 || typeof total !== "number" || out.length >= total) return out;
    }
  },'''),
])
edit('src/web/app/pages/patient-list.tsx', [
('''    const first = await api.patients(0, PAGE);
    const rest = await Promise.all(
      Array.from({ length: pages - 1 }, (_, i) => api.patients((i + 1) * PAGE, PAGE)),
    );
    return { items: [first, ...rest].flatMap((p) => p.items), total: first.total };
  }, [pages]);''','''    // The search runs on the server over every patient (name, MRN, id), page by page.
    const first = await api.patients(0, PAGE, q);
    const rest = await Promise.all(
      Array.from({ length: pages - 1 }, (_, i) => api.patients((i + 1) * PAGE, PAGE, q)),
    );
    return { items: [first, ...rest].flatMap((p) => p.items), total: first.total };
  }, [pages, q]);'''),
('''    const needle = q.trim().toLowerCase();
    return patients.value.items.filter((p) => {
      if (needle && ![patientName(p), str(p.mrn) ?? "", p.id].some((s) => s.toLowerCase().includes(needle)))
        return false;
      if''','''    return patients.value.items.filter((p) => {
      if'''),
('''  }, [patients, q, stage, modality, response]);''','''  }, [patients, stage, modality, response]);'''),
])

# FHIR export: every record, no 1000 cap
edit('src/server/fhir/plugin.ts', [
('''    const rows = await listRecords(db, spec, { patientId: id, limit: 1000 });
    return Promise.all(rows.map((r: EntityRecord) => present(deps, request, spec, r)));''','''    // Every record, page by page: no cap (a patient may have tens of thousands of observations).
    const rows: EntityRecord[] = [];
    for (;;) {
      const page = await listRecords(db, spec, { patientId: id, limit: 1000, offset: rows.length });
      rows.push(...page);
      if (page.length < 1000) break;
    }
    return Promise.all(rows.map((r: EntityRecord) => present(deps, request, spec, r)));'''),
])

edit('src/store/audit.ts', [('''  | "delete"
''','''  | "delete"
  /** A record voided as entered-in-error (kept, with its history). */
  | "void"
''')])
edit('src/server/audit/audit-event.ts', [('''  update: "U",
  delete: "D",
};''','''  update: "U",
  delete: "D",
  // Voiding marks a record entered-in-error: an update of the record (FHIR restful "update").
  void: "U",
};'''), ('''  update: "update",
  delete: "delete",
};''','''  update: "update",
  delete: "delete",
  void: "update",
};''')])
