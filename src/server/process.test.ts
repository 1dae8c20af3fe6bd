/**
 * The real thing: `hepatica serve` and `hepatica user` in child processes, over a real socket.
 * Data survives a killed server (SIGKILL, no shutdown), and two writers racing on one record get
 * one 200 and one 412. SQLite (the zero-setup default); the children run the TypeScript sources.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLI, killChild, REGISTER, startServer } from "./test-support/child-server.js";

const dir = mkdtempSync(join(tmpdir(), "hepatica-proc-"));
const children: ChildProcess[] = [];

function env(): NodeJS.ProcessEnv {
  const e = { ...process.env };
  delete e.DATABASE_URL;
  return e;
}

function runCli(
  args: string[],
  stdin: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", REGISTER, CLI, ...args], { env: env() });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += String(d);
    });
    child.stderr.on("data", (d) => {
      stderr += String(d);
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

function serve(args: string[]): ReturnType<typeof startServer> {
  return startServer(["--data", dir, ...args], env()).then((started) => {
    children.push(started.child);
    return started;
  });
}

const kill = killChild;

async function json(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>;
}

afterAll(async () => {
  for (const c of children) await kill(c);
  rmSync(dir, { recursive: true, force: true });
});

describe("hepatica user and serve, in real processes", () => {
  it("user add reads the password from stdin; a short one is refused", async () => {
    const ok = await runCli(
      ["user", "add", "--username", "root-admin", "--role", "admin", "--data", dir],
      "a long password\n",
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Created user "root-admin" \(admin\)/);
    const short = await runCli(
      ["user", "add", "--username", "x", "--role", "clinician", "--data", dir],
      "short\n",
    );
    expect(short.code).toBe(1);
    const badRole = await runCli(
      ["user", "add", "--username", "y", "--role", "wizard", "--data", dir],
      "a long password\n",
    );
    expect(badRole.code).toBe(2);
  });

  it("serves over a socket; data survives a killed server; racing writers get 200 and 412", async () => {
    const first = await serve(["--demo"]);
    expect(first.output).toMatch(/Created the demo account: username "demo", password "demo"/);
    expect(first.output).toMatch(/Created a synthetic demo cohort of 200 patients/);
    const health = await fetch(`${first.url}/health`);
    expect(health.status).toBe(200);

    const login = await fetch(`${first.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "demo", password: "demo" }),
    });
    expect(login.status).toBe(200);
    const { token } = (await json(login)) as { token: string };
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const created = await fetch(`${first.url}/api/patients`, {
      method: "POST",
      headers,
      body: JSON.stringify({ mrn: "SURVIVOR", familyName: "Lazarus" }),
    });
    expect(created.status).toBe(201);
    const patient = (await json(created)) as { id: string };

    const race = await Promise.all(
      ["one", "two"].map((name) =>
        fetch(`${first.url}/api/patients/${patient.id}`, {
          method: "PUT",
          headers: { ...headers, "if-match": '"1"' },
          body: JSON.stringify({ mrn: "SURVIVOR", familyName: name }),
        }),
      ),
    );
    expect(race.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = (await json(race.find((r) => r.status === 200) as Response)) as { familyName: string };

    await kill(first.child);

    const second = await serve(["--demo"]);
    expect(second.output).toMatch(/demo account "demo" already exists/);
    expect(second.output).not.toMatch(/synthetic demo cohort/);
    const again = await fetch(`${second.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "demo", password: "demo" }),
    });
    const { token: token2 } = (await json(again)) as { token: string };
    const read = await fetch(`${second.url}/api/patients/${patient.id}`, {
      headers: { authorization: `Bearer ${token2}` },
    });
    expect(read.status).toBe(200);
    expect(await json(read)).toMatchObject({ mrn: "SURVIVOR", familyName: winner.familyName, version: 2 });
    const all = await fetch(`${second.url}/api/patients?limit=1`, {
      headers: { authorization: `Bearer ${token2}` },
    });
    expect(await json(all)).toMatchObject({ total: 201 });
    // The old token survived too: sessions are stored.
    const old = await fetch(`${second.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(old.status).toBe(200);
    await kill(second.child);
  });
});
