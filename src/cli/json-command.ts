/**
 * The shape shared by the commands that take one JSON document (a case, a course): FILE|- →
 * a readable report or `--json`; `--ndjson` → streaming, one result per line. One place for the
 * options, the exit codes and the handling of unreadable input.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { isDetail, present, type View } from "../clinical/messages/index.js";
import { isLang, type Lang } from "../clinical/vocabulary/index.js";
import { parseJson, readText } from "./input.js";
import { type Command, EXIT, type Io, UsageError } from "./io.js";
import { streamNdjson, unparsableLine } from "./ndjson.js";

type Options = NonNullable<ParseArgsConfig["options"]>;
type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface JsonCommandSpec<R> {
  readonly help: string;
  /** Computes the result of one parsed JSON document. */
  readonly compute: (input: unknown) => R;
  /** The readable report in the language of `--lang` (English by default). */
  readonly format: (result: R, lang: Lang) => string;
  readonly isInvalid: (result: R) => boolean;
  /** What an `--ndjson` line carries (default: the result). */
  readonly ndjsonLine?: (result: R) => unknown;
  /** The result for input that is not JSON (default: `status: "invalid"`, code `json-parse`). */
  readonly unparsable?: (message: string, lineNumber?: number) => unknown;
  /** Extra options, and a handler that takes over when it returns an exit code. */
  readonly options?: Options;
  readonly extra?: (values: Values, positionals: readonly string[], io: Io) => Promise<number | undefined>;
}

export function parseCommandArgs(argv: readonly string[], options: Options = {}) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: "boolean" },
        ndjson: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        lang: { type: "string" },
        detail: { type: "string" },
        ...options,
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** The report language of `--lang en|zh` (English when not given). */
export function langOption(values: Values): Lang {
  const lang = values.lang;
  if (lang === undefined) return "en";
  if (!isLang(lang)) throw new UsageError(`--lang is en or zh, not ${String(lang)}`);
  return lang;
}

/** `--json` / `--ndjson` output: compact unless `--detail full`, reasons in `--lang`. */
export function viewOption(values: Values): View {
  const detail = values.detail ?? "compact";
  if (!isDetail(detail)) throw new UsageError(`--detail is compact or full, not ${String(detail)}`);
  return { lang: langOption(values), detail };
}

export function jsonCommand<R>(spec: JsonCommandSpec<R>): Command {
  const unparsable = spec.unparsable ?? ((m: string, n?: number) => unparsableLine(n ?? 0, m));
  return async (argv, io) => {
    const { values, positionals } = parseCommandArgs(argv, spec.options);
    if (values.help) {
      io.stdout.write(spec.help);
      return EXIT.ok;
    }
    const view = viewOption(values);
    const handled = await spec.extra?.(values, positionals, io);
    if (handled !== undefined) return handled;
    if (values.ndjson) {
      if (values.json) throw new UsageError("--json and --ndjson are exclusive");
      if (positionals.length > 0 && positionals[0] !== "-") throw new UsageError("--ndjson reads stdin");
      const line = spec.ndjsonLine ?? ((r: R) => r);
      await streamNdjson(
        io.stdin,
        io.stdout,
        (value) => present(line(spec.compute(value)), view),
        (message, n) => unparsable(message, n),
      );
      return EXIT.ok;
    }
    if (positionals.length !== 1) throw new UsageError("give one FILE, or - for stdin");
    const file = positionals[0] as string;
    const json = parseJson(await readText(file, io.stdin), file === "-" ? "stdin" : file);
    if (!json.ok) {
      if (values.json)
        io.stdout.write(`${JSON.stringify(present(unparsable(json.message), view), null, 2)}\n`);
      io.stderr.write(`${json.message}\n`);
      return EXIT.invalidInput;
    }
    const result = spec.compute(json.value);
    io.stdout.write(
      values.json ? `${JSON.stringify(present(result, view), null, 2)}\n` : spec.format(result, view.lang),
    );
    return spec.isInvalid(result) ? EXIT.invalidInput : EXIT.ok;
  };
}
