/**
 * Issue 14, Low: passwords of at least 12 characters and not common; the demo account signs in
 * only with `--demo`; the last active admin cannot be demoted or disabled (concurrently
 * neither); a measurement cannot point at another patient's tumour (it was 201).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialectsUnderTest } from "../store/testing.js";
import { createUser, listUsers } from "../store/users.js";
import { buildApp } from "./app.js";
import { hashPassword } from "./auth/password.js";
import { auth, openTestApp, type TestApp } from "./testing.js";

describe.each(dialectsUnderTest())("accounts and references on %s", (dialect) => {
  let h: TestApp;
  beforeAll(async () => {
    h = await openTestApp(dialect);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("passwords: at least 12 characters and not a common one (creating and changing an account)", async () => {
    const create = (password: string, username = "newuser") =>
      h.app.inject({
        method: "POST",
        url: "/api/users",
        headers: auth(h.tokens.admin),
        payload: { username, password, role: "clinician" },
      });
    for (const [password, code] of [
      ["password", "too-short"],
      ["elevenchars", "too-short"],
      ["qwerty123456", "common"],
      ["QWERTY123456", "common"],
      ["1q2w3e4r5t6y", "common"],
    ] as const) {
      const res = await create(password);
      expect(res.statusCode, password).toBe(400);
      const errors = (res.json() as { error: { errors: { path: string; code: string }[] } }).error.errors;
      expect(errors[0]?.path, password).toMatch(/password/);
      if (code === "common")
        expect(errors).toEqual([expect.objectContaining({ path: "password", code: "common" })]);
    }
    expect((await create("portal vein thrombus 7")).statusCode).toBe(201);
    const change = await h.app.inject({
      method: "PATCH",
      url: "/api/users/newuser",
      headers: auth(h.tokens.admin),
      payload: { password: "123456789012" },
    });
    expect(change.statusCode).toBe(400);
  });

  it("the demo account signs in only while the server runs with --demo", async () => {
    await createUser(h.t.store.db, "demo", "clinician", await hashPassword("demo", { N: 1024, r: 8, p: 1 }));
    const login = (app: TestApp["app"]) =>
      app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "demo", password: "demo" } });
    expect((await login(h.app)).statusCode).toBe(401);
    const demo = await buildApp({ store: h.t.store, demo: true });
    await demo.ready();
    expect((await login(demo)).statusCode).toBe(200);
    await demo.close();
  });

  it("the last active admin cannot be demoted or disabled, also when two admins try at once", async () => {
    const patch = (who: string, body: Record<string, unknown>, token = h.tokens.admin) =>
      h.app.inject({ method: "PATCH", url: `/api/users/${who}`, headers: auth(token), payload: body });
    const demote = await patch("admin", { role: "clinician" });
    expect(demote.statusCode).toBe(409);
    expect((demote.json() as { error: { message: string } }).error.message).toMatch(/last active admin/);
    expect((await patch("admin", { disabled: true })).statusCode).toBe(409);
    // A second admin: now each could step down, but not both at once.
    await createUser(
      h.t.store.db,
      "admin2",
      "admin",
      await hashPassword("another long pass", { N: 1024, r: 8, p: 1 }),
    );
    const [a, b] = await Promise.all([
      patch("admin", { role: "clinician" }),
      patch("admin2", { disabled: true }),
    ]);
    // One wins; the other is refused: 409 when it runs second as an admin, or 401/403 when the
    // winner was its own demotion (the demoted admin's session no longer carries the admin role).
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes[0]).toBe(200);
    expect([401, 403, 409]).toContain(codes[1]);
    const admins = (await listUsers(h.t.store.db)).filter((u) => u.role === "admin" && !u.disabled);
    expect(admins).toHaveLength(1);
  });

  it("a measurement may point only at the same patient's tumour, naming the field", async () => {
    const newPatient = async (mrn: string) =>
      (
        (
          await h.app.inject({
            method: "POST",
            url: "/api/patients",
            headers: auth(h.tokens.clinician),
            payload: { mrn },
          })
        ).json() as { id: string }
      ).id;
    const p1 = await newPatient("REF-1");
    const p2 = await newPatient("REF-2");
    const tumour = (
      (
        await h.app.inject({
          method: "POST",
          url: `/api/patients/${p1}/tumours`,
          headers: auth(h.tokens.clinician),
          payload: { label: "T1" },
        })
      ).json() as { id: string }
    ).id;
    const body = (tumourId: string) => ({
      studyDate: "2024-01-01",
      modality: "CT",
      measurements: [{ tumourId, lesionLabel: "T1", role: "target", longestDiameterMm: 20 }],
    });
    const foreign = await h.app.inject({
      method: "POST",
      url: `/api/patients/${p2}/imaging`,
      headers: auth(h.tokens.clinician),
      payload: body(tumour),
    });
    expect(foreign.statusCode).toBe(400);
    expect(
      (foreign.json() as { error: { errors: { path: string }[] } }).error.errors.map((e) => e.path),
    ).toEqual(["measurements.0.tumourId"]);
    const missing = await h.app.inject({
      method: "POST",
      url: `/api/patients/${p1}/imaging`,
      headers: auth(h.tokens.clinician),
      payload: body("no-such-tumour"),
    });
    expect(missing.statusCode).toBe(400);
    const own = await h.app.inject({
      method: "POST",
      url: `/api/patients/${p1}/imaging`,
      headers: auth(h.tokens.clinician),
      payload: body(tumour),
    });
    expect(own.statusCode).toBe(201);
    // Replacing the study with another patient's tumour is refused too.
    const id = (own.json() as { id: string }).id;
    const other = (
      (
        await h.app.inject({
          method: "POST",
          url: `/api/patients/${p2}/tumours`,
          headers: auth(h.tokens.clinician),
          payload: { label: "T9" },
        })
      ).json() as { id: string }
    ).id;
    const put = await h.app.inject({
      method: "PUT",
      url: `/api/imaging/${id}`,
      headers: { ...auth(h.tokens.clinician), "if-match": '"1"' },
      payload: body(other),
    });
    expect(put.statusCode).toBe(400);
    const imaging = await h.app.inject({
      method: "GET",
      url: `/api/patients/${p2}/imaging`,
      headers: auth(h.tokens.clinician),
    });
    expect((imaging.json() as { total: number }).total).toBe(0);
  });
});
