/**
 * `hepatica assess FILE|-` — one case → a readable report (or `--json`);
 * `--ndjson` — one case per stdin line → one assessment per line, streaming;
 * `--csv FILE --map MAPPING.json` — a table with a column mapping → one assessment per row.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { parse as parseCsv } from "csv-parse/sync";
import { assess } from "../clinical/assess.js";
import { parseTableMapping, rowToCase } from "../clinical/case/tabular.js";
import { parseJson, readText } from "./input.js";
import { type Command, EXIT, type Io, UsageError } from "./io.js";
import { streamNdjson } from "./ndjson.js";
import { formatReport } from "./report.js";

export const ASSESS_HELP = `Usage:
  hepatica assess FILE|-            readable report for one case (case-format.md)
  hepatica assess FILE|- --json     the assessment as JSON
  hepatica assess --ndjson          one case per stdin line → one assessment per line
  hepatica assess --csv FILE --map MAPPING.json [--json|--ndjson]
                                    one assessment per table row, columns mapped explicitly

Every result carries status ok / indeterminate (with missing) / invalid (with errors), its reason
and its citation. Decision support for clinicians, not a substitute for their judgement.
Exit codes: 0 ok; 1 invalid input (single case, or an unreadable mapping); 2 usage error.
`;

function args(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: "boolean" },
        ndjson: { type: "boolean" },
        csv: { type: "string" },
        map: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

async function assessCsv(file: string, mapFile: string, asNdjson: boolean, io: Io): Promise<number> {
  let rows: Record<string, string>[];
  let mappingText: string;
  try {
    rows = parseCsv(await readFile(file, "utf8"), {
      columns: true,
      skip_empty_lines: true,
      bom: true,
      trim: false,
    });
    mappingText = await readFile(mapFile, "utf8");
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const json = parseJson(mappingText, mapFile);
  if (!json.ok) {
    io.stderr.write(`${json.message}\n`);
    return EXIT.invalidInput;
  }
  const mapping = parseTableMapping(json.value, rows.length > 0 ? Object.keys(rows[0] as object) : []);
  if (!mapping.ok) {
    for (const e of mapping.errors) io.stderr.write(`${mapFile}: ${e.path}: ${e.message}\n`);
    return EXIT.invalidInput;
  }
  let invalid = 0;
  let indeterminate = 0;
  rows.forEach((row, i) => {
    const a = assess(rowToCase(row, mapping.mapping, i + 1));
    if (a.status === "invalid") invalid++;
    if (
      Object.values(a).some(
        (v) => typeof v === "object" && v !== null && "status" in v && v.status === "indeterminate",
      )
    ) {
      indeterminate++;
    }
    io.stdout.write(asNdjson ? `${JSON.stringify(a)}\n` : `${formatReport(a)}\n`);
  });
  io.stderr.write(
    `${rows.length} rows assessed: ${invalid} with invalid fields (reported per field), ${indeterminate} with results that cannot be determined (missing inputs named).\n`,
  );
  return EXIT.ok;
}

export const assessCommand: Command = async (argv, io) => {
  const { values, positionals } = args(argv);
  if (values.help) {
    io.stdout.write(ASSESS_HELP);
    return EXIT.ok;
  }
  if (values.csv !== undefined || values.map !== undefined) {
    if (!values.csv || !values.map) throw new UsageError("--csv and --map go together");
    if (positionals.length > 0) throw new UsageError("--csv takes no FILE argument");
    return assessCsv(values.csv, values.map, Boolean(values.ndjson || values.json), io);
  }
  if (values.ndjson) {
    if (positionals.length > 0 && positionals[0] !== "-") throw new UsageError("--ndjson reads stdin");
    await streamNdjson(io.stdin, io.stdout, (c) => assess(c));
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError("give one FILE, or - for stdin");
  const file = positionals[0] as string;
  const json = parseJson(await readText(file, io.stdin), file === "-" ? "stdin" : file);
  if (!json.ok) {
    io.stderr.write(`${json.message}\n`);
    return EXIT.invalidInput;
  }
  const a = assess(json.value);
  io.stdout.write(values.json ? `${JSON.stringify(a, null, 2)}\n` : formatReport(a));
  return a.status === "invalid" ? EXIT.invalidInput : EXIT.ok;
};
