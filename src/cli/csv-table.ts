/**
 * A small RFC 4180 reader for the tables the CLI analyses: comma-separated, optional UTF-8
 * byte-order mark, CRLF or LF line ends, a last line with or without its newline, fields in
 * double quotes (with "" for a quote, and commas or newlines inside), a header row.
 *
 * Cells stay strings; `numericCell` gives R's `read.csv` view of one (empty and "NA" are
 * missing).
 */

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export function parseCsv(text: string): CsvTable {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let i = 0;
  let line = 1;
  let quoted = false;
  let fieldStarted = false;
  const n = src.length;
  const endField = (): void => {
    record.push(field);
    field = "";
    fieldStarted = false;
  };
  const endRecord = (): void => {
    endField();
    // A blank line is no record.
    if (!(record.length === 1 && record[0] === "")) records.push(record);
    record = [];
  };
  while (i < n) {
    const c = src[i] as string;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = src[i];
        if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
          throw new CsvError("text after a closing quote", line);
        }
        continue;
      }
      if (c === "\n") line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (fieldStarted || field !== "") throw new CsvError("quote inside an unquoted field", line);
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (c === ",") {
      endField();
      i++;
    } else if (c === "\r" || c === "\n") {
      endRecord();
      i += c === "\r" && src[i + 1] === "\n" ? 2 : 1;
      line++;
    } else {
      field += c;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) throw new CsvError("unterminated quoted field", line);
  if (field !== "" || fieldStarted || record.length > 0) endRecord();
  const [header, ...rows] = records;
  if (!header) throw new CsvError("empty file: no header row", 1);
  rows.forEach((r, k) => {
    if (r.length !== header.length) {
      throw new CsvError(`${r.length} fields where the header has ${header.length}`, k + 2);
    }
  });
  return { header, rows };
}

/** R's `read.csv` reading of one cell as a number: "" and "NA" are missing; undefined if not a number. */
export function numericCell(cell: string): number | null | undefined {
  const s = cell.trim();
  if (s === "" || s === "NA") return null;
  const v = Number(s);
  if (Number.isNaN(v) && s !== "NaN") return undefined;
  return v;
}

/** The rows as records keyed by the header (a missing trailing cell reads as ""). */
export function csvRecords(table: CsvTable): Record<string, string>[] {
  return table.rows.map((cells) => Object.fromEntries(table.header.map((h, k) => [h, cells[k] ?? ""])));
}
