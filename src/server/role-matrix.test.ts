/**
 * The role × route matrix, generated from the OpenAPI document (so that a new route is covered
 * the day it is added): every operation, as anonymous, researcher, clinician and admin, on SQLite
 * and PostgreSQL. Anonymous gets 401 on every non-public route; researchers get 403 on every write
 * except the compute-only ones (assess, plan, response, ping, logout); only admins manage
 * accounts and read the audit; nothing is ever a 500. (Sites are not modelled yet: issue 14.)
 * Fastify validates the body before the handler checks the role, so a researcher's write with an
 * invalid body is a 400 (validation) rather than a 403; nothing is written either way.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pseudonymKey, pseudonymOf } from "../store/deidentify.js";
import { dialectsUnderTest } from "../store/testing.js";
import { auth, openTestApp, type TestApp } from "./testing.js";

type Role = "anonymous" | "researcher" | "clinician" | "admin";
const ROLES: readonly Role[] = ["anonymous", "researcher", "clinician", "admin"];
const WRITES = new Set(["post", "put", "patch", "delete"]);
/** Writes that store nothing (or only end the caller's own session): every signed-in role. */
const COMPUTE = new Set(["/api/ping", "/api/assess", "/api/plan", "/api/response", "/api/auth/logout"]);
const ADMIN_ONLY = /^\/api\/(users|audit)/;

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly isPublic: boolean;
}

function expected(op: Operation, role: Role): "allowed" | 401 | 403 {
  if (op.isPublic || !op.path.startsWith("/api/")) return "allowed";
  if (role === "anonymous") return 401;
  if (ADMIN_ONLY.test(op.path)) return role === "admin" ? "allowed" : 403;
  if (role === "researcher" && WRITES.has(op.method) && !COMPUTE.has(op.path)) return 403;
  return "allowed";
}

describe.each(dialectsUnderTest())("role × route matrix from the OpenAPI document on %s", (dialect) => {
  let h: TestApp;
  let operations: Operation[] = [];
  const ids = new Map<string, string>();
  beforeAll(async () => {
    h = await openTestApp(dialect);
    const doc = (await h.app.inject({ method: "GET", url: "/openapi.json" })).json() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, o]) => ({
        method,
        path,
        isPublic: Array.isArray(o.security) && o.security.length === 0,
      })),
    );
    // Signing out ends the caller's session: last.
    operations.sort((a, b) => Number(a.path === "/api/auth/logout") - Number(b.path === "/api/auth/logout"));
    const post = async (url: string, payload: unknown) =>
      (
        (
          await h.app.inject({
            method: "POST",
            url,
            headers: auth(h.tokens.clinician),
            payload: payload as object,
          })
        ).json() as {
          id: string;
        }
      ).id;
    const patient = await post("/api/patients", { mrn: "MATRIX-1", birthDate: "1960-01-01" });
    ids.set("patients", patient);
    const base = `/api/patients/${patient}`;
    ids.set(
      "observations",
      await post(`${base}/observations`, { code: "1975-2", value: 1, effectiveAt: "2024-01-01" }),
    );
    ids.set("tumours", await post(`${base}/tumours`, { label: "T1" }));
    ids.set("imaging", await post(`${base}/imaging`, { studyDate: "2024-01-01", modality: "CT" }));
    ids.set("procedures", await post(`${base}/procedures`, { modality: "ctace", performedOn: "2024-01-02" }));
    ids.set(
      "systemic-therapies",
      await post(`${base}/systemic-therapies`, { agent: "x", startedOn: "2024-01-03" }),
    );
    ids.set("outcomes", await post(`${base}/outcomes`, { kind: "progression", occurredOn: "2024-02-01" }));
    ids.set("researcher-patient", pseudonymOf(await pseudonymKey(h.t.store.db), patient));
  });
  afterAll(async () => {
    await h?.close();
  });

  function urlOf(op: Operation, role: Role): string {
    const collection = op.path.split("/")[2] ?? "";
    // Writes aim at no existing record, so that the matrix changes nothing.
    const id = WRITES.has(op.method)
      ? "00000000-0000-4000-8000-000000000000"
      : collection === "patients" && role === "researcher"
        ? (ids.get("researcher-patient") as string)
        : (ids.get(collection) ?? "x");
    return op.path.replace("{id}", id).replace("{username}", "nobody");
  }

  it("covers every operation of the document", () => {
    expect(operations.length).toBeGreaterThan(50);
  });

  for (const role of ROLES) {
    it(`as ${role}: every operation answers as the role allows, never 500`, async () => {
      const wrong: string[] = [];
      for (const op of operations) {
        const url = urlOf(op, role);
        const res = await h.app.inject({
          method: op.method.toUpperCase() as "GET",
          url,
          headers: { ...(role === "anonymous" ? {} : auth(h.tokens[role])), "if-match": '"1"' },
          ...(WRITES.has(op.method) && op.method !== "delete" ? { payload: {} } : {}),
        });
        const want = expected(op, role);
        const ok =
          res.statusCode < 500 &&
          (want === "allowed"
            ? res.statusCode !== 401 && res.statusCode !== 403
            : res.statusCode === want || (want === 403 && res.statusCode === 400));
        if (!ok) wrong.push(`${op.method.toUpperCase()} ${url}: ${res.statusCode}, expected ${want}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});
