/** Test support: `hepatica serve` in a child process (the TypeScript sources), and killing it. */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = fileURLToPath(new URL(".", import.meta.url));
export const REGISTER = join(HERE, "register-ts.mjs");
export const CLI = join(HERE, "cli-child.ts");

/** Starts `hepatica serve --port 0 ...args`; resolves with its base URL and what it printed. */
export function startServer(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; url: string; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", REGISTER, CLI, "serve", "--port", "0", ...args], {
      env,
    });
    let output = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 30_000);
    child.stdout.on("data", (d) => {
      output += String(d);
      const m = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: m[1], output });
      }
    });
    child.stderr.on("data", (d) => {
      output += String(d);
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}): ${output}`));
    });
  });
}

/** SIGKILL: no shutdown, no flush — what a power cut or the OOM killer does. */
export function killChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}
