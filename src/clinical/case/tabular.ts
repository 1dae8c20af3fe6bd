/**
 * Maps one row of a table (a CSV record) to a case, by an explicit column mapping. Nothing is
 * converted or guessed: every quantity carries the unit the mapping declares for its column,
 * categorical codes are translated only through the mapping's `values`, and a cell that is not
 * a number where a number is needed is passed on as text so that the case parser reports it.
 *
 * Mapping (JSON):
 * {
 *   "missing": ["?", ""],                       // cell values meaning "unknown"
 *   "id": "Patient_ID",                         // optional id column (row number otherwise)
 *   "fields": {
 *     "labs.albumin": { "column": "Albumin", "unit": "g/dL" },
 *     "ecog": { "column": "PS", "type": "number" },
 *     "ascites": { "column": "Ascites", "values": { "1": "none", "2": "mild" } },
 *     "vascularInvasion.present": { "column": "PVT", "values": { "1": true, "0": false } }
 *   },
 *   "tumors": { "count": "Nodules", "largestDiameterCm": "Major_Dim" }
 * }
 */
import type { FieldError } from "../result.js";

type Scalar = string | number | boolean;

export interface ColumnMapping {
  readonly column: string;
  /** Declared unit: the value becomes `{value, unit}`. */
  readonly unit?: string;
  /** "number" parses the cell as a number; "string" keeps it as text. */
  readonly type?: "number" | "string";
  /** Translation of coded cells; an unlisted code is passed through for the parser to reject. */
  readonly values?: Readonly<Record<string, Scalar>>;
  /** Free text kept with the mapping (e.g. why a unit differs from the column's label). */
  readonly note?: string;
}

export interface TableMapping {
  readonly missing?: readonly string[];
  readonly id?: string;
  readonly fields: Readonly<Record<string, ColumnMapping>>;
  /** Tumour burden given as a count and the largest diameter (cm) of the largest nodule. */
  readonly tumors?: { readonly count: string; readonly largestDiameterCm?: string };
}

/** Validates a mapping document; returns every problem found. */
export function parseTableMapping(
  raw: unknown,
  columns: readonly string[],
): { ok: true; mapping: TableMapping } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const isObj = (x: unknown): x is Record<string, unknown> =>
    typeof x === "object" && x !== null && !Array.isArray(x);
  if (!isObj(raw) || !isObj(raw.fields)) {
    return {
      ok: false,
      errors: [{ path: "fields", code: "wrong-type", message: "a mapping needs a `fields` object" }],
    };
  }
  const known = new Set(columns);
  const checkColumn = (path: string, col: unknown) => {
    if (typeof col !== "string")
      errors.push({ path, code: "wrong-type", message: `${path} must name a column` });
    else if (!known.has(col)) {
      errors.push({ path, code: "not-allowed", message: `${path}: column "${col}" is not in the file` });
    }
  };
  for (const [target, m] of Object.entries(raw.fields)) {
    // A target is a dotted case path; a part naming a prototype property (`__proto__`,
    // `constructor`, ...) would write through to Object.prototype.
    if (target.split(".").some((part) => part in Object.prototype)) {
      errors.push({
        path: `fields.${target}`,
        code: "not-allowed",
        message: `fields.${target} is not a case path`,
      });
      continue;
    }
    if (!isObj(m)) {
      errors.push({
        path: `fields.${target}`,
        code: "wrong-type",
        message: `fields.${target} must be an object`,
      });
      continue;
    }
    checkColumn(`fields.${target}.column`, m.column);
    if (m.type !== undefined && m.type !== "number" && m.type !== "string") {
      errors.push({
        path: `fields.${target}.type`,
        code: "not-allowed",
        message: 'type must be "number" or "string"',
      });
    }
  }
  if (raw.id !== undefined) checkColumn("id", raw.id);
  if (raw.tumors !== undefined) {
    if (!isObj(raw.tumors))
      errors.push({ path: "tumors", code: "wrong-type", message: "tumors must be an object" });
    else {
      checkColumn("tumors.count", raw.tumors.count);
      if (raw.tumors.largestDiameterCm !== undefined)
        checkColumn("tumors.largestDiameterCm", raw.tumors.largestDiameterCm);
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, mapping: raw as unknown as TableMapping };
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let cur = target;
  for (const p of parts.slice(0, -1)) {
    const next = Object.hasOwn(cur, p) ? cur[p] : undefined;
    if (typeof next === "object" && next !== null && !Array.isArray(next))
      cur = next as Record<string, unknown>;
    else {
      const fresh: Record<string, unknown> = {};
      cur[p] = fresh;
      cur = fresh;
    }
  }
  cur[parts[parts.length - 1] as string] = value;
}

/** A cell as a number when it is one; otherwise the text itself (the parser will reject it). */
function numberOrText(cell: string): number | string {
  const t = cell.trim();
  return t !== "" && Number.isFinite(Number(t)) ? Number(t) : cell;
}

/** Builds the case of one row. Cells listed as missing leave their field absent. */
export function rowToCase(row: Readonly<Record<string, string>>, mapping: TableMapping, rowNumber: number) {
  const missing = new Set(mapping.missing ?? ["", "?", "NA"]);
  const cell = (col: string): string | undefined => {
    const v = row[col];
    return v === undefined || missing.has(v.trim()) ? undefined : v;
  };
  const out: Record<string, unknown> = {
    id: mapping.id ? (cell(mapping.id) ?? `row-${rowNumber}`) : `row-${rowNumber}`,
  };
  for (const [target, m] of Object.entries(mapping.fields)) {
    const v = cell(m.column);
    if (v === undefined) continue;
    let value: unknown;
    if (m.values) value = Object.hasOwn(m.values, v.trim()) ? m.values[v.trim()] : v;
    else if (m.type === "string") value = v;
    else value = numberOrText(v);
    setPath(out, target, m.unit !== undefined ? { value, unit: m.unit } : value);
  }
  if (mapping.tumors) {
    const count = cell(mapping.tumors.count);
    const largest = mapping.tumors.largestDiameterCm ? cell(mapping.tumors.largestDiameterCm) : undefined;
    if (count !== undefined) {
      const n = numberOrText(count);
      // The count alone fixes the list only when it is a whole number ≥ 1; anything else goes to
      // tumorCountTotal untouched so that the parser reports it.
      if (typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 1000) {
        const tumors: Record<string, unknown>[] = [
          { id: "T1", ...(largest !== undefined ? { diameterCm: numberOrText(largest) } : {}) },
        ];
        out.tumors = tumors;
        out.tumorCountTotal = n;
      } else out.tumorCountTotal = n;
    }
    // With no count the list cannot be built without guessing it: tumours stay unknown.
  }
  return out;
}
