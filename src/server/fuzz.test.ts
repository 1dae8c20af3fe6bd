/**
 * Fuzz: 10 000 malformed bodies against the writing routes. Every answer is a 4xx JSON error
 * (never a 5xx, never a stack trace), the server stays up, and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth, openTestApp, type TestApp } from "./testing.js";

/** Deterministic PRNG (mulberry32), so that a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  "mrn",
  "familyName",
  "birthDate",
  "sex",
  "code",
  "value",
  "unit",
  "effectiveAt",
  "modality",
  "performedOn",
  "selectivity",
  "drugs",
  "complications",
  "cirseGrade",
  "kind",
  "occurredOn",
  "measurements",
  "__proto__",
  "constructor",
  "labs",
  "id",
  "version",
];

function scalar(r: () => number): unknown {
  const pick = Math.floor(r() * 14);
  switch (pick) {
    case 0:
      return null;
    case 1:
      return true;
    case 2:
      return -1e308 * 10;
    case 3:
      return Math.floor(r() * 1e6) - 5e5;
    case 4:
      return r();
    case 5:
      return "";
    case 6:
      return "x".repeat(Math.floor(r() * 2000));
    case 7:
      return "2024-02-30";
    case 8:
      return "9999-99-99T99:99";
    case 9:
      return "'; drop table patients; --";
    case 10:
      return "\u0000\ud800";
    case 11:
      return [];
    case 12:
      return {};
    default:
      return String.fromCharCode(Math.floor(r() * 0xffff));
  }
}

function value(r: () => number, depth: number): unknown {
  if (depth > 3 || r() < 0.5) return scalar(r);
  if (r() < 0.5) return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 5); i > 0; i--)
    o[KEYS[Math.floor(r() * KEYS.length)] as string] = value(r, depth + 1);
  return o;
}

/** A body that is certainly invalid for an entity route, as raw text. */
function malformed(r: () => number): string {
  const kind = Math.floor(r() * 6);
  if (kind === 0) {
    const good = JSON.stringify({ mrn: "x", modality: "ctace", performedOn: "2024-01-01" });
    return good.slice(0, Math.floor(r() * good.length)); // truncated JSON
  }
  if (kind === 1)
    return Array.from({ length: 1 + Math.floor(r() * 50) }, () =>
      String.fromCharCode(Math.floor(r() * 128)),
    ).join("");
  if (kind === 2) return JSON.stringify(scalar(r)); // a JSON scalar, or [] / {} (see below)
  if (kind === 3) return `${"[".repeat(2000)}${"]".repeat(2000)}`;
  // An object with a junk field and random values (always at least one unknown field).
  const body = value(r, 0);
  const o =
    typeof body === "object" && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {};
  o[`junk${Math.floor(r() * 1000)}`] = value(r, 1);
  return JSON.stringify(o);
}

describe("fuzz: 10 000 malformed bodies", () => {
  let h: TestApp;
  let patientId = "";
  let procedureId = "";
  beforeAll(async () => {
    h = await openTestApp("sqlite");
    const p = await h.app.inject({
      method: "POST",
      url: "/api/patients",
      headers: auth(h.tokens.clinician),
      payload: {},
    });
    patientId = (p.json() as { id: string }).id;
    const pr = await h.app.inject({
      method: "POST",
      url: `/api/patients/${patientId}/procedures`,
      headers: auth(h.tokens.clinician),
      payload: { modality: "ctace", performedOn: "2024-01-01" },
    });
    procedureId = (pr.json() as { id: string }).id;
  });
  afterAll(async () => {
    await h?.close();
  });

  async function counts(): Promise<number[]> {
    const db = h.t.store.db;
    const tables = [
      "patients",
      "observations",
      "procedures",
      "procedure_drugs",
      "imaging",
      "outcomes",
    ] as const;
    return Promise.all(
      tables.map(async (t) =>
        Number(
          (
            await db
              .selectFrom(t)
              .select((eb) => eb.fn.countAll().as("n"))
              .executeTakeFirst()
          )?.n,
        ),
      ),
    );
  }

  it("answers every one with a 4xx error body and writes nothing", async () => {
    const before = await counts();
    const r = prng(20261128);
    const routes: ["POST" | "PUT", string][] = [
      ["POST", "/api/patients"],
      ["POST", `/api/patients/${patientId}/observations`],
      ["POST", `/api/patients/${patientId}/procedures`],
      ["POST", `/api/patients/${patientId}/imaging`],
      ["POST", `/api/patients/${patientId}/outcomes`],
      ["PUT", `/api/procedures/${procedureId}`],
      ["POST", "/api/auth/login"],
      ["POST", "/api/fhir"],
    ];
    const statuses = new Map<number, number>();
    for (let i = 0; i < 10_000; i++) {
      const [method, url] = routes[i % routes.length] as ["POST" | "PUT", string];
      let payload = malformed(r);
      // `[]` and `{}` happen to be valid-looking for some routes; make them certainly wrong.
      if (payload === "{}" || payload === "[]") payload = '{"junk":1}';
      const res = await h.app.inject({
        method,
        url,
        headers: { ...auth(h.tokens.clinician), "content-type": "application/json", "if-match": '"1"' },
        payload,
      });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode < 400 || res.statusCode >= 500) {
        throw new Error(
          `#${i} ${method} ${url} → ${res.statusCode}: ${payload.slice(0, 200)} → ${res.body.slice(0, 300)}`,
        );
      }
      if (url !== "/api/fhir") expect(res.json()).toHaveProperty("error.code");
      expect(res.body).not.toMatch(/\n\s+at /);
    }
    expect([...statuses.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
    expect(await counts()).toEqual(before);
    const health = await h.app.inject({ method: "GET", url: "/health" });
    expect(health.statusCode).toBe(200);
  });
});
