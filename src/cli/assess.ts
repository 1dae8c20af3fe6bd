/**
 * `hepatica assess FILE|-` — one case → a readable report (or `--json`);
 * `--ndjson` — one case per stdin line → one assessment per line, streaming;
 * `--csv FILE --map MAPPING.json` — a table with a column mapping → one assessment per row.
 */
import { readFile } from "node:fs/promises";
import { assess } from "../clinical/assess.js";
import { parseTableMapping, rowToCase } from "../clinical/case/tabular.js";
import { present, type View } from "../clinical/messages/index.js";
import { CsvError, type CsvTable, csvRecords, parseCsv } from "./csv-table.js";
import { parseJson } from "./input.js";
import { type Command, EXIT, type Io, UsageError } from "./io.js";
import { jsonCommand, viewOption } from "./json-command.js";
import { formatReport } from "./report.js";

export const ASSESS_HELP = `Usage:
  hepatica assess FILE|-            readable report for one case (case-format.md)
  hepatica assess FILE|- --lang zh  the report in Chinese (--lang en|zh; English by default)
  ... --json|--ndjson --detail full full citations, rulesApplied and notAssessed (default compact:
                                    source ids and short citations; hepatica sources lists them)
  hepatica assess FILE|- --json     the assessment as JSON
  hepatica assess --ndjson          one case per stdin line → one assessment per line
  hepatica assess --csv FILE --map MAPPING.json [--json|--ndjson]
                                    one assessment per table row, columns mapped explicitly

Every result carries status ok / indeterminate (with missing) / invalid (with errors), its reason
and its citation. Decision support for clinicians, not a substitute for their judgement.
Exit codes: 0 ok; 1 invalid input (single case, or an unreadable mapping); 2 usage error.
`;

async function assessCsv(
  file: string,
  mapFile: string,
  asNdjson: boolean,
  view: View,
  io: Io,
): Promise<number> {
  let table: CsvTable;
  let mappingText: string;
  try {
    mappingText = await readFile(mapFile, "utf8");
    table = parseCsv(await readFile(file, "utf8"));
  } catch (e) {
    if (e instanceof CsvError) {
      io.stderr.write(`${file}: ${e.message}\n`);
      return EXIT.invalidInput;
    }
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const rows = csvRecords(table);
  const json = parseJson(mappingText, mapFile);
  if (!json.ok) {
    io.stderr.write(`${json.message}\n`);
    return EXIT.invalidInput;
  }
  const mapping = parseTableMapping(json.value, table.header);
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
    io.stdout.write(asNdjson ? `${JSON.stringify(present(a, view))}\n` : `${formatReport(a, view.lang)}\n`);
  });
  io.stderr.write(
    `${rows.length} rows assessed: ${invalid} with invalid fields (reported per field), ${indeterminate} with results that cannot be determined (missing inputs named).\n`,
  );
  return EXIT.ok;
}

export const assessCommand: Command = jsonCommand({
  help: ASSESS_HELP,
  compute: assess,
  format: formatReport,
  isInvalid: (a) => a.status === "invalid",
  options: { csv: { type: "string" }, map: { type: "string" } },
  extra: async (values, positionals, io) => {
    if (values.csv === undefined && values.map === undefined) return undefined;
    if (typeof values.csv !== "string" || typeof values.map !== "string") {
      throw new UsageError("--csv and --map go together");
    }
    if (positionals.length > 0) throw new UsageError("--csv takes no FILE argument");
    return assessCsv(values.csv, values.map, Boolean(values.ndjson || values.json), viewOption(values), io);
  },
});
