/** Reading a command's single JSON input from a file or stdin (`-`). */
import { readFile } from "node:fs/promises";
import type { Readable } from "node:stream";
import { UsageError } from "./io.js";

export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === "string" ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

export async function readText(file: string, stdin: Readable): Promise<string> {
  if (file === "-") return readAll(stdin);
  try {
    return await readFile(file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Parses JSON text; a syntax error is the caller's invalid input, reported with its position. */
export function parseJson(
  text: string,
  source: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return {
      ok: false,
      message: `${source} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}
