/**
 * The public conformance vectors (copied from shared/clinical/vectors into test/fixtures) and
 * the comparison of shared/clinical/check.py, path by path: numbers within a tolerance, lists in
 * order except `missing` (a set) and unordered `options`, "<absent>" means the path must not exist.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface VectorCase {
  readonly id: string;
  readonly description?: string;
  readonly input: unknown;
  readonly expected: Readonly<Record<string, unknown>>;
}

const MISSING = Symbol("missing");

export function loadVectors(suite: "scores" | "staging" | "response"): VectorCase[] {
  const file = join(import.meta.dirname, "fixtures", "vectors", `${suite}.json`);
  return (JSON.parse(readFileSync(file, "utf8")) as { cases: VectorCase[] }).cases;
}

export function resolvePath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split(".")) {
    if (Array.isArray(cur) && /^\d+$/.test(part) && Number(part) < cur.length) cur = cur[Number(part)];
    else if (cur !== null && typeof cur === "object" && !Array.isArray(cur) && Object.hasOwn(cur, part)) {
      cur = (cur as Record<string, unknown>)[part];
    } else return MISSING;
  }
  return cur;
}

function same(exp: unknown, got: unknown, tol: number, key: string, unordered: boolean): boolean {
  if (exp === "<absent>") return got === MISSING;
  if (got === MISSING) return false;
  if (typeof exp === "boolean" || typeof got === "boolean") return exp === got;
  if (typeof exp === "number" && typeof got === "number") return Math.abs(exp - got) <= tol;
  if (Array.isArray(exp) && Array.isArray(got)) {
    if (unordered || key.toLowerCase().endsWith("missing")) {
      const a = exp.map((x) => JSON.stringify(x)).sort();
      const b = got.map((x) => JSON.stringify(x)).sort();
      return a.length === b.length && a.every((x, i) => x === b[i]);
    }
    return exp.length === got.length && exp.every((x, i) => same(x, got[i], tol, key, false));
  }
  return JSON.stringify(exp) === JSON.stringify(got);
}

/** The expected paths (restricted to `keys`, when given) that the output does not match. */
export function mismatches(
  c: VectorCase,
  output: unknown,
  tol: number,
  keys?: ReadonlySet<string>,
): { path: string; expected: unknown; got: unknown }[] {
  const bad: { path: string; expected: unknown; got: unknown }[] = [];
  for (const [path, exp] of Object.entries(c.expected)) {
    if (keys && !keys.has(path.split(".")[0] as string)) continue;
    const got = resolvePath(output, path);
    const unordered =
      path.endsWith(".options") && c.expected[`${path.slice(0, -"options".length)}optionsOrdered`] === false;
    if (!same(exp, got, tol, path, unordered)) {
      bad.push({ path, expected: exp, got: got === MISSING ? "<absent>" : got });
    }
  }
  return bad;
}
