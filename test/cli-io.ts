/** Runs the CLI in process with in-memory streams. */
import { PassThrough, Readable } from "node:stream";
import { main } from "../src/cli/main.js";

export async function runCli(
  argv: string[],
  stdin = "",
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks: string[] = [];
  const errChunks: string[] = [];
  out.on("data", (c: Buffer) => chunks.push(c.toString()));
  err.on("data", (c: Buffer) => errChunks.push(c.toString()));
  const code = await main(argv, { stdin: Readable.from([stdin]), stdout: out, stderr: err });
  return { code, stdout: chunks.join(""), stderr: errChunks.join("") };
}
