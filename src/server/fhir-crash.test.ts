/**
 * FHIR transactions survive kill -9: a burst of `transaction` Bundles is sent to a real
 * `hepatica serve` child, which is SIGKILLed once a few have been acknowledged. Reopening the
 * store, every acknowledged Bundle is there whole, and every other one is either absent or — if
 * it committed just before the kill, its answer lost on the wire — whole: never partly applied.
 * SQLite and PostgreSQL.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LOINC } from "../fhir/codes.js";
import { openStore, type StoreOptions } from "../store/db.js";
import { dialectsUnderTest, openTestStore, TEST_DATABASE_URL } from "../store/testing.js";
import { createUser } from "../store/users.js";
import { hashPassword } from "./auth/password.js";
import { killChild, startServer } from "./test-support/child-server.js";
import { PASSWORD } from "./testing.js";

const BUNDLES = 40;
const OBSERVATIONS = 25;
const MRN_SYSTEM = "urn:oid:2.16.840.1.113883.19.5";

function bundle(i: number): unknown {
  return {
    resourceType: "Bundle",
    type: "transaction",
    entry: [
      {
        fullUrl: `urn:uuid:crash-${i}`,
        resource: {
          resourceType: "Patient",
          identifier: [{ system: MRN_SYSTEM, value: `CRASH-${i}` }],
          name: [{ family: `Crash${i}` }],
        },
        request: { method: "POST", url: "Patient" },
      },
      ...Array.from({ length: OBSERVATIONS }, (_, k) => ({
        resource: {
          resourceType: "Observation",
          status: "final",
          code: { coding: [{ system: LOINC, code: "1751-7" }] },
          subject: { reference: `urn:uuid:crash-${i}` },
          effectiveDateTime: `2024-01-${String(1 + (k % 28)).padStart(2, "0")}T${String(k % 24).padStart(2, "0")}:00:00Z`,
          valueQuantity: {
            value: 3 + k / 100,
            unit: "g/dL",
            system: "http://unitsofmeasure.org",
            code: "g/dL",
          },
        },
        request: { method: "POST", url: "Observation" },
      })),
    ],
  };
}

const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) await killChild(c);
});

describe.each(dialectsUnderTest())("FHIR transactions under kill -9 on %s", (dialect) => {
  it("every acknowledged Bundle is whole after the kill; none is partly applied", async () => {
    // The store the child will use: a SQLite directory or a PostgreSQL schema.
    const t = await openTestStore(dialect);
    const dir = mkdtempSync(join(tmpdir(), "hepatica-crash-"));
    try {
      await createUser(
        t.store.db,
        "clinician",
        "clinician",
        await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 }),
      );
      const env: NodeJS.ProcessEnv = { ...process.env };
      let reopen: StoreOptions;
      if (dialect === "postgres") {
        env.DATABASE_URL = TEST_DATABASE_URL;
        env.DATABASE_SCHEMA = t.where;
        reopen = { databaseUrl: TEST_DATABASE_URL, pgSchema: t.where };
      } else {
        delete env.DATABASE_URL;
        reopen = { dataDir: t.where };
      }
      const server = await startServer(["--data", dialect === "sqlite" ? t.where : dir], env);
      children.push(server.child);
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "clinician", password: PASSWORD }),
      });
      const { token } = (await login.json()) as { token: string };

      const acknowledged = new Set<number>();
      let killed: Promise<void> | undefined;
      const sends = Array.from({ length: BUNDLES }, async (_, i) => {
        try {
          const res = await fetch(`${server.url}/api/fhir`, {
            method: "POST",
            headers: { authorization: `Bearer ${token}`, "content-type": "application/fhir+json" },
            body: JSON.stringify(bundle(i)),
          });
          const body = (await res.json()) as { type?: string };
          if (res.status === 200 && body.type === "transaction-response") acknowledged.add(i);
          if (acknowledged.size >= 3 && !killed) killed = killChild(server.child);
        } catch {
          // The connection died with the server: this Bundle was not acknowledged.
        }
      });
      await Promise.all(sends);
      await killed;
      await killChild(server.child);
      expect(acknowledged.size).toBeGreaterThanOrEqual(3);
      expect(acknowledged.size).toBeLessThan(BUNDLES);

      const store = await openStore(reopen);
      try {
        const rows = await store.db
          .selectFrom("patients")
          .leftJoin("observations", "observations.patient_id", "patients.id")
          .select(["patients.family_name as family", (eb) => eb.fn.count("observations.id").as("n")])
          .groupBy("patients.family_name")
          .execute();
        const stored = new Map(rows.map((r) => [String(r.family), Number(r.n)]));
        for (let i = 0; i < BUNDLES; i++) {
          const n = stored.get(`Crash${i}`);
          if (acknowledged.has(i)) expect(n, `acknowledged bundle ${i}`).toBe(OBSERVATIONS);
          else expect([undefined, OBSERVATIONS], `unacknowledged bundle ${i}`).toContain(n);
        }
        // Nothing else was written (no orphan observations of a rolled-back patient).
        const orphans = await store.db
          .selectFrom("observations")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirst();
        expect(Number(orphans?.n)).toBe(OBSERVATIONS * [...stored.values()].filter((n) => n > 0).length);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await t.cleanup();
    }
  }, 120_000);
});
