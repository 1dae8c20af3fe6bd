/**
 * Executes an import plan as FHIR defines Bundle processing (R4 §3.1.0.11 "Transactions",
 * https://hl7.org/fhir/R4/http.html#transaction):
 * - `transaction`: all entries or none, in ONE database transaction. Any entry the plan refuses,
 *   or any write that fails, rolls the whole Bundle back and the answer is one OperationOutcome
 *   naming every failing entry; otherwise a `transaction-response`.
 * - `batch` (and `collection`, read as a batch): each entry on its own, in its own database
 *   transaction; the `batch-response` carries a status and, on failure, an OperationOutcome per
 *   entry.
 * Patients are written first so that the entries referring to them (by `fullUrl` or
 * `Patient/id`) resolve to the stored ids.
 */
import type { OperationOutcome, OperationOutcomeIssue } from "@medplum/fhirtypes";
import type { Kysely } from "kysely";
import { type EntryPlan, issue, outcome } from "../../fhir/import.js";
import type { Actor } from "../../store/audit.js";
import type { Store } from "../../store/db.js";
import { ENTITIES, type EntitySpec } from "../../store/entities.js";
import { StoreError } from "../../store/errors.js";
import { insertRecord } from "../../store/records.js";
import type { Database } from "../../store/schema.js";

export type Processing = "transaction" | "batch";

const KIND_SPEC: Readonly<Record<Exclude<EntryPlan["kind"], "patient" | "error">, EntitySpec>> = {
  observation: ENTITIES.observation,
  tumour: ENTITIES.tumour,
  procedure: ENTITIES.procedure,
  systemicTherapy: ENTITIES.systemicTherapy,
  tumourSize: ENTITIES.imaging,
};

export interface EntryResult {
  readonly index: number;
  readonly status: string;
  readonly location?: string;
  readonly outcome?: OperationOutcome;
}

export type PlanResult =
  | { readonly status: "ok"; readonly entries: readonly EntryResult[] }
  /** A transaction that wrote nothing: the HTTP status and the one OperationOutcome. */
  | { readonly status: "failed"; readonly httpStatus: number; readonly outcome: OperationOutcome };

/** An entry that cannot be written: its HTTP status and issues. */
class EntryFailure extends Error {
  constructor(
    readonly index: number,
    readonly httpStatus: number,
    readonly issues: readonly OperationOutcomeIssue[],
  ) {
    super(issues[0]?.diagnostics ?? "entry failed");
  }
}

function issuesOfError(e: unknown): OperationOutcomeIssue[] {
  if (e instanceof StoreError) {
    if (e.errors.length > 0) return e.errors.map((x) => issue("invalid", x.message, x.path));
    return [issue(e.code === "conflict" ? "duplicate" : "processing", e.message)];
  }
  throw e;
}

/** Issues with their expressions placed under `Bundle.entry[i]`, so one outcome names every entry. */
function underEntry(index: number, issues: readonly OperationOutcomeIssue[]): OperationOutcomeIssue[] {
  return issues.map((x) => ({
    ...x,
    diagnostics: `entry ${index}: ${x.diagnostics ?? ""}`,
    expression: (x.expression ?? [""]).map((p) =>
      p ? `Bundle.entry[${index}].resource.${p}` : `Bundle.entry[${index}]`,
    ),
  }));
}

/** An identical stored observation (same code, time and value), so that re-importing adds nothing. */
async function sameObservation(
  db: Kysely<Database>,
  patientId: string,
  body: Record<string, unknown>,
): Promise<string | undefined> {
  if (
    typeof body.system !== "string" ||
    typeof body.code !== "string" ||
    typeof body.effectiveAt !== "string"
  ) {
    return undefined;
  }
  let q = db
    .selectFrom("observations")
    .select("id")
    .where("patient_id", "=", patientId)
    .where("system", "=", body.system)
    .where("code", "=", body.code)
    .where("effective_at", "=", body.effectiveAt);
  q = typeof body.value === "number" ? q.where("value", "=", body.value) : q.where("value", "is", null);
  q =
    typeof body.valueCode === "string"
      ? q.where("value_code", "=", body.valueCode)
      : q.where("value_code", "is", null);
  q = typeof body.unit === "string" ? q.where("unit", "=", body.unit) : q.where("unit", "is", null);
  return (await q.executeTakeFirst())?.id;
}

/** Writes one planned entry inside `trx`; throws {@link EntryFailure} when it cannot. */
async function writeEntry(
  trx: Kysely<Database>,
  e: Exclude<EntryPlan, { kind: "error" }>,
  refs: Map<string, string>,
  actor: Actor,
): Promise<EntryResult> {
  try {
    if (e.kind === "patient") {
      const existing = e.mrn
        ? await trx.selectFrom("patients").select("id").where("mrn", "=", e.mrn).executeTakeFirst()
        : undefined;
      const id = existing ? existing.id : await insertRecord(trx, ENTITIES.patient, e.body, actor);
      for (const r of e.refs) refs.set(r, id);
      return { index: e.index, status: existing ? "200 OK" : "201 Created", location: `Patient/${id}` };
    }
    let patientId = refs.get(e.subject);
    const m = /^Patient\/([A-Za-z0-9.-]{1,64})$/.exec(e.subject);
    if (!patientId && m?.[1]) {
      const stored = await trx.selectFrom("patients").select("id").where("id", "=", m[1]).executeTakeFirst();
      patientId = stored?.id;
    }
    if (!patientId) {
      throw new EntryFailure(e.index, 404, [
        issue("not-found", `subject ${e.subject} is neither in the bundle nor stored`, "subject"),
      ]);
    }
    const spec = KIND_SPEC[e.kind];
    const same = e.kind === "observation" ? await sameObservation(trx, patientId, e.body) : undefined;
    if (same) {
      for (const r of e.refs) refs.set(r, same);
      return { index: e.index, status: "200 OK", location: `${spec.path}/${same}` };
    }
    const id = await insertRecord(trx, spec, e.body, actor, { patientId });
    for (const r of e.refs) refs.set(r, id);
    return { index: e.index, status: "201 Created", location: `${spec.path}/${id}` };
  } catch (err) {
    if (err instanceof EntryFailure) throw err;
    throw new EntryFailure(e.index, 400, issuesOfError(err));
  }
}

/** Patients first, then the rest (each in bundle order). */
function writeOrder(entries: readonly EntryPlan[]): Exclude<EntryPlan, { kind: "error" }>[] {
  const ok = entries.filter((e): e is Exclude<EntryPlan, { kind: "error" }> => e.kind !== "error");
  return [...ok.filter((e) => e.kind === "patient"), ...ok.filter((e) => e.kind !== "patient")];
}

async function runTransaction(
  store: Store,
  entries: readonly EntryPlan[],
  actor: Actor,
): Promise<PlanResult> {
  const refused = entries.filter((e): e is Extract<EntryPlan, { kind: "error" }> => e.kind === "error");
  if (refused.length > 0) {
    return {
      status: "failed",
      httpStatus: 400,
      outcome: outcome(refused.flatMap((e) => underEntry(e.index, e.outcome.issue ?? []))),
    };
  }
  try {
    const results = await store.db.transaction().execute(async (trx) => {
      const refs = new Map<string, string>();
      const out: EntryResult[] = [];
      for (const e of writeOrder(entries)) out.push(await writeEntry(trx, e, refs, actor));
      return out;
    });
    return { status: "ok", entries: results.sort((a, b) => a.index - b.index) };
  } catch (err) {
    if (!(err instanceof EntryFailure)) throw err;
    return {
      status: "failed",
      httpStatus: err.httpStatus,
      outcome: outcome(underEntry(err.index, err.issues)),
    };
  }
}

async function runBatch(store: Store, entries: readonly EntryPlan[], actor: Actor): Promise<PlanResult> {
  const refs = new Map<string, string>();
  const results: EntryResult[] = [];
  for (const e of entries) {
    if (e.kind === "error") results.push({ index: e.index, status: "400 Bad Request", outcome: e.outcome });
  }
  for (const e of writeOrder(entries)) {
    // Each entry in its own transaction: a failure rolls back that entry only.
    const pending = new Map(refs);
    try {
      results.push(await store.db.transaction().execute((trx) => writeEntry(trx, e, pending, actor)));
      for (const [k, v] of pending) refs.set(k, v);
    } catch (err) {
      if (!(err instanceof EntryFailure)) throw err;
      results.push({
        index: e.index,
        status: err.httpStatus === 404 ? "404 Not Found" : "400 Bad Request",
        outcome: outcome(err.issues),
      });
    }
  }
  return { status: "ok", entries: results.sort((a, b) => a.index - b.index) };
}

/** Executes a plan as a `transaction` (all or nothing) or a `batch` (entry by entry). */
export function executePlan(
  store: Store,
  entries: readonly EntryPlan[],
  actor: Actor,
  processing: Processing,
): Promise<PlanResult> {
  return processing === "transaction"
    ? runTransaction(store, entries, actor)
    : runBatch(store, entries, actor);
}
