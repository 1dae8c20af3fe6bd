/**
 * Streams NDJSON: one JSON value per input line → one JSON result per output line, in order,
 * in constant memory (chunked reads, back-pressure on writes). A line that is not JSON gives a
 * line with `status: "invalid"` and the batch goes on. Blank lines are skipped.
 */
import type { Readable, Writable } from "node:stream";
import type { FieldError } from "../clinical/result.js";

/** The result line for an input line that is not valid JSON. */
export function unparsableLine(lineNumber: number, message: string) {
  const error: FieldError = { path: "", code: "json-parse", message };
  return { status: "invalid" as const, ...(lineNumber > 0 ? { line: lineNumber } : {}), errors: [error] };
}

function write(out: Writable, text: string): Promise<void> | undefined {
  if (out.write(text)) return undefined;
  return new Promise((resolve) => out.once("drain", () => resolve()));
}

const FLUSH_AT = 64 * 1024;

export async function streamNdjson(
  input: Readable,
  output: Writable,
  handle: (value: unknown, lineNumber: number) => unknown,
  unparsable: (message: string, lineNumber: number) => unknown = (m, n) => unparsableLine(n, m),
): Promise<{ lines: number; unparsable: number }> {
  let rest = "";
  let lineNumber = 0;
  let unparsableCount = 0;
  let buffer = "";
  const processLine = (line: string) => {
    lineNumber++;
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      unparsableCount++;
      const message = `line ${lineNumber} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
      buffer += `${JSON.stringify(unparsable(message, lineNumber))}\n`;
      return;
    }
    buffer += `${JSON.stringify(handle(value, lineNumber))}\n`;
  };
  input.setEncoding("utf8");
  for await (const chunk of input) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let nl = text.indexOf("\n", start); nl !== -1; nl = text.indexOf("\n", start)) {
      processLine(text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl));
      start = nl + 1;
      if (buffer.length >= FLUSH_AT) {
        const pending = write(output, buffer);
        buffer = "";
        if (pending) await pending;
      }
    }
    rest = text.slice(start);
  }
  if (rest !== "") processLine(rest.endsWith("\r") ? rest.slice(0, -1) : rest);
  if (buffer !== "") await write(output, buffer);
  return { lines: lineNumber, unparsable: unparsableCount };
}
