/**
 * One repository for every entity of {@link ENTITIES}: list, get, create, replace and delete, each
 * write in one transaction with its audit row, and optimistic concurrency on `version` (a stale
 * expected version throws {@link StoreError} `stale` inside the transaction, so nothing changes).
 */
import { randomInt, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, appendAudit } from "./audit.js";
import type { ChildSpec, EntitySpec, FieldSpec } from "./entities.js";
import { constraintKind, StoreError } from "./errors.js";
import type { Database } from "./schema.js";
import { validateEntity } from "./validate.js";

/** An entity as the API shows it: camelCase fields, children as lists. */
export interface EntityRecord {
  readonly id: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly patientId?: string;
  readonly [field: string]: unknown;
}

type Row = Record<string, unknown>;
/** The typed database viewed table-generically; only this module and the entity specs use it. */
type LooseDb = Record<string, Row>;

function loose(db: Kysely<Database>): Kysely<LooseDb> {
  return db as unknown as Kysely<LooseDb>;
}

function fromRow(fields: Readonly<Record<string, FieldSpec>>, row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, f] of Object.entries(fields)) {
    const v = row[f.column];
    out[key] = v === undefined ? null : f.kind === "number" || f.kind === "integer" ? toNumber(v) : v;
  }
  return out;
}

function toNumber(v: unknown): number | null {
  if (v === null) return null;
  const n = typeof v === "number" ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

function toRow(fields: Readonly<Record<string, FieldSpec>>, body: Record<string, unknown>): Row {
  const row: Row = {};
  for (const [key, f] of Object.entries(fields)) {
    const v = body[key];
    row[f.column] = v === undefined || v === null ? (f.default ?? null) : v;
  }
  return row;
}

function recordOf(spec: EntitySpec, row: Row, children: Record<string, unknown[]>): EntityRecord {
  return {
    id: String(row.id),
    version: Number(row.version),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    ...(spec.ofPatient ? { patientId: String(row.patient_id) } : {}),
    ...fromRow(spec.fields, row),
    ...children,
  };
}

async function loadChildren(
  db: Kysely<Database>,
  spec: EntitySpec,
  parentIds: readonly string[],
): Promise<Map<string, Record<string, unknown[]>>> {
  const out = new Map<string, Record<string, unknown[]>>();
  for (const id of parentIds) {
    out.set(id, Object.fromEntries(Object.keys(spec.children ?? {}).map((k) => [k, [] as unknown[]])));
  }
  if (!spec.children || parentIds.length === 0) return out;
  for (const [name, child] of Object.entries(spec.children)) {
    // Chunked to stay under SQLite's bound-parameter limit.
    for (let i = 0; i < parentIds.length; i += 500) {
      const rows = await loose(db)
        .selectFrom(child.table)
        .selectAll()
        .where(child.parentColumn, "in", parentIds.slice(i, i + 500))
        .orderBy("position")
        .execute();
      for (const r of rows) {
        const list = out.get(String(r[child.parentColumn]))?.[name];
        list?.push({ id: String(r.id), ...fromRow(child.fields, r) });
      }
    }
  }
  return out;
}

async function writeChildren(
  db: Kysely<Database>,
  spec: EntitySpec,
  parentId: string,
  body: Record<string, unknown>,
): Promise<void> {
  for (const [name, child] of Object.entries(spec.children ?? {})) {
    await loose(db).deleteFrom(child.table).where(child.parentColumn, "=", parentId).execute();
    const items = body[name];
    if (!Array.isArray(items) || items.length === 0) continue;
    await loose(db)
      .insertInto(child.table)
      .values(items.map((item, position) => childRow(child, parentId, position, item)))
      .execute();
  }
}

function childRow(child: ChildSpec, parentId: string, position: number, item: unknown): Row {
  return {
    id: randomUUID(),
    [child.parentColumn]: parentId,
    position,
    ...toRow(child.fields, item as Record<string, unknown>),
  };
}

export interface ListOptions {
  readonly patientId?: string | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

export async function listRecords(
  db: Kysely<Database>,
  spec: EntitySpec,
  options: ListOptions = {},
): Promise<EntityRecord[]> {
  let q = loose(db).selectFrom(spec.table).selectAll();
  if (options.patientId !== undefined) q = q.where("patient_id", "=", options.patientId);
  const rows = await q
    .orderBy(spec.orderBy)
    .orderBy("id")
    .limit(Math.min(options.limit ?? 100, 1000))
    .offset(options.offset ?? 0)
    .execute();
  const children = await loadChildren(
    db,
    spec,
    rows.map((r) => String(r.id)),
  );
  return rows.map((r) => recordOf(spec, r, children.get(String(r.id)) ?? {}));
}

export async function countRecords(
  db: Kysely<Database>,
  spec: EntitySpec,
  patientId?: string,
): Promise<number> {
  let q = loose(db)
    .selectFrom(spec.table)
    .select((eb) => eb.fn.countAll().as("n"));
  if (patientId !== undefined) q = q.where("patient_id", "=", patientId);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function getRecord(
  db: Kysely<Database>,
  spec: EntitySpec,
  id: string,
): Promise<EntityRecord | undefined> {
  const row = await loose(db).selectFrom(spec.table).selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const children = await loadChildren(db, spec, [id]);
  return recordOf(spec, row, children.get(id) ?? {});
}

function assertValid(spec: EntitySpec, body: unknown): asserts body is Record<string, unknown> {
  const errors = validateEntity(spec, body);
  if (errors.length > 0) throw new StoreError("invalid", `invalid ${spec.name}`, errors);
}

function translate(e: unknown, spec: EntitySpec): never {
  const kind = constraintKind(e);
  if (kind === "unique")
    throw new StoreError("conflict", `a ${spec.name} with that identifier already exists`);
  if (kind === "foreign-key") {
    throw new StoreError("invalid", `a referenced record does not exist`, [
      {
        path: "(reference)",
        code: "not-found",
        message: "a referenced record (patient or tumour) does not exist",
      },
    ]);
  }
  throw e;
}

/**
 * A measurement may name only a tumour of the same patient: a reference to another patient's
 * tumour (which the foreign key alone accepts) is refused, naming the field.
 */
async function checkTumourReferences(
  trx: Kysely<Database>,
  spec: EntitySpec,
  patientId: string,
  body: Record<string, unknown>,
): Promise<void> {
  const items = body.measurements;
  if (spec.table !== "imaging" || !Array.isArray(items)) return;
  const named = items.flatMap((m: unknown, i) => {
    const t = (m as { tumourId?: unknown } | null)?.tumourId;
    return typeof t === "string" ? [{ i, t }] : [];
  });
  if (named.length === 0) return;
  const own = new Set(
    (
      await trx
        .selectFrom("tumours")
        .select("id")
        .where("patient_id", "=", patientId)
        .where("id", "in", [...new Set(named.map((n) => n.t))])
        .execute()
    ).map((r) => r.id),
  );
  const errors = named
    .filter((n) => !own.has(n.t))
    .map((n) => ({
      path: `measurements.${n.i}.tumourId`,
      code: "not-found",
      message: `measurements.${n.i}.tumourId: this patient has no tumour ${n.t}`,
    }));
  if (errors.length > 0) {
    throw new StoreError("invalid", "a measurement names a tumour this patient does not have", errors);
  }
}

export interface CreateOptions {
  readonly patientId?: string;
  /** Id to use instead of a random UUID (FHIR import keeps resource ids stable). */
  readonly id?: string;
}

/**
 * Inserts a record (and its children) inside the caller's transaction, with its audit row unless
 * `audit` is false (the caller then audits the batch). Returns the new id.
 */
export async function insertRecord(
  trx: Kysely<Database>,
  spec: EntitySpec,
  body: unknown,
  actor: Actor,
  options: CreateOptions & { readonly audit?: boolean } = {},
): Promise<string> {
  assertValid(spec, body);
  const id = options.id ?? randomUUID();
  const now = new Date().toISOString();
  try {
    if (spec.ofPatient) {
      const p = options.patientId;
      const exists =
        p !== undefined &&
        (await trx.selectFrom("patients").select("id").where("id", "=", p).executeTakeFirst()) !== undefined;
      if (!exists) throw new StoreError("not-found", "no such patient");
      await checkTumourReferences(trx, spec, p, body);
    }
    const row: Row = {
      id,
      version: 1,
      created_at: now,
      updated_at: now,
      ...toRow(spec.fields, body),
      ...(spec.ofPatient ? { patient_id: options.patientId } : {}),
      // A per-patient secret offset for researcher views (Safe Harbor date shifting).
      ...(spec.table === "patients" ? { date_shift_days: randomShiftDays() } : {}),
    };
    await loose(trx).insertInto(spec.table).values(row).execute();
    await writeChildren(trx, spec, id, body);
    if (options.audit !== false) {
      await appendAudit(trx, actor, {
        action: "create",
        entity: spec.name,
        entityId: id,
        patientId: spec.ofPatient ? (options.patientId ?? null) : spec.table === "patients" ? id : null,
      });
    }
  } catch (e) {
    if (e instanceof StoreError) throw e;
    translate(e, spec);
  }
  return id;
}

/** Creates a record (and its children) with its audit row, in one transaction. */
export async function createRecord(
  db: Kysely<Database>,
  spec: EntitySpec,
  body: unknown,
  actor: Actor,
  options: CreateOptions = {},
): Promise<EntityRecord> {
  const id = await db.transaction().execute((trx) => insertRecord(trx, spec, body, actor, options));
  const created = await getRecord(db, spec, id);
  if (!created) throw new StoreError("not-found", `${spec.name} vanished after creation`);
  return created;
}

/** Shifts between 1 and 365 days back or forward, never 0. */
function randomShiftDays(): number {
  const d = randomInt(1, 366);
  return randomInt(0, 2) === 0 ? -d : d;
}

async function checkVersion(
  db: Kysely<Database>,
  spec: EntitySpec,
  id: string,
  expectedVersion: number | undefined,
): Promise<Row> {
  const row = await loose(db).selectFrom(spec.table).selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new StoreError("not-found", `no such ${spec.name}`);
  const current = Number(row.version);
  if (expectedVersion !== undefined && current !== expectedVersion) {
    throw new StoreError(
      "stale",
      `${spec.name} ${id} is at version ${current}, not ${expectedVersion}`,
      [],
      current,
    );
  }
  return row;
}

/**
 * Replaces a record's fields (absent fields become null) and child lists (absent lists become
 * empty). With `expectedVersion`, a record changed meanwhile throws `stale` and nothing changes.
 */
export async function replaceRecord(
  db: Kysely<Database>,
  spec: EntitySpec,
  id: string,
  body: unknown,
  expectedVersion: number | undefined,
  actor: Actor,
): Promise<EntityRecord> {
  assertValid(spec, body);
  try {
    await db.transaction().execute(async (trx) => {
      const row = await checkVersion(trx, spec, id, expectedVersion);
      if (spec.ofPatient) await checkTumourReferences(trx, spec, String(row.patient_id), body);
      const version = Number(row.version);
      const result = await loose(trx)
        .updateTable(spec.table)
        .set({ ...toRow(spec.fields, body), version: version + 1, updated_at: new Date().toISOString() })
        .where("id", "=", id)
        .where("version", "=", version)
        .executeTakeFirst();
      // A concurrent writer committed between the read and this update.
      if (Number(result.numUpdatedRows) !== 1) {
        throw new StoreError("stale", `${spec.name} ${id} was changed concurrently`, [], version + 1);
      }
      await writeChildren(trx, spec, id, body);
      await appendAudit(trx, actor, {
        action: "update",
        entity: spec.name,
        entityId: id,
        patientId: patientIdOf(spec, row),
      });
    });
  } catch (e) {
    if (e instanceof StoreError) throw e;
    translate(e, spec);
  }
  const updated = await getRecord(db, spec, id);
  if (!updated) throw new StoreError("not-found", `no such ${spec.name}`);
  return updated;
}

function patientIdOf(spec: EntitySpec, row: Row): string | null {
  if (spec.ofPatient) return String(row.patient_id);
  return spec.table === "patients" ? String(row.id) : null;
}

/** Deletes a record (children and, for a patient, everything of theirs cascade). */
export async function deleteRecord(
  db: Kysely<Database>,
  spec: EntitySpec,
  id: string,
  expectedVersion: number | undefined,
  actor: Actor,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await checkVersion(trx, spec, id, expectedVersion);
    const result = await loose(trx)
      .deleteFrom(spec.table)
      .where("id", "=", id)
      .where("version", "=", Number(row.version))
      .executeTakeFirst();
    if (Number(result.numDeletedRows) !== 1) {
      throw new StoreError("stale", `${spec.name} ${id} was changed concurrently`);
    }
    await appendAudit(trx, actor, {
      action: "delete",
      entity: spec.name,
      entityId: id,
      patientId: patientIdOf(spec, row),
    });
  });
}

/** The patient's secret date-shift offset (days), for de-identified views. */
export async function dateShiftOf(db: Kysely<Database>, patientId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom("patients")
    .select("date_shift_days")
    .where("id", "=", patientId)
    .executeTakeFirst();
  return row ? Number(row.date_shift_days) : undefined;
}
