/**
 * FACT-Hep (FACIT; response-followup.md §5.3): FACT-G (physical 7 items, social 7, emotional 6,
 * functional 7; 0–108) plus the Hepatobiliary Cancer Subscale (HCS, 18 items, 0–72);
 * FACT-Hep = FACT-G + HCS (0–180); TOI = physical + functional + HCS (0–128).
 *
 * FACIT rules [R]: subscale = sum of item scores × items in the subscale ÷ items answered, valid
 * when more than 50 % of its items are answered; totals valid when more than 80 % of all their
 * items are answered and every component subscale is valid.
 *
 * [DEPARTURE] Item scores are taken **after** reversal of negatively worded items (0–4, higher =
 * better): the reference gives the rule "4 − response" but not the verified list of negatively
 * worded items, so the reversal stays with the caller's FACIT form rather than being guessed here.
 */
import type { CourseError } from "../response/course.js";

export const FACT_SUBSCALES = {
  physical: 7,
  social: 7,
  emotional: 6,
  functional: 7,
  hcs: 18,
} as const;
export type FactSubscale = keyof typeof FACT_SUBSCALES;

/** Minimal important differences, lower bounds (Steel 2006 [V for the numbers]). */
export const FACT_MID = {
  subscale: 2,
  factG: 6,
  hcs: 5,
  factHep: 8,
  toi: 7,
} as const;

export interface FactHepScores {
  readonly subscales: Readonly<Record<FactSubscale, number | null>>;
  readonly factG: number | null;
  readonly factHep: number | null;
  readonly toi: number | null;
}

export type FactItems = Readonly<Record<FactSubscale, readonly (number | null)[]>>;

/** Reads `{physical: [..7], social: [..7], emotional: [..6], functional: [..7], hcs: [..18]}`. */
export function readFactItems(
  input: unknown,
  path = "factHep",
): { ok: true; items: FactItems } | { ok: false; errors: CourseError[] } {
  const errors: CourseError[] = [];
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return {
      ok: false,
      errors: [{ code: "SCHEMA_ERROR", path, message: `${path} must be an object of subscales` }],
    };
  }
  const rec = input as Record<string, unknown>;
  const out = {} as Record<FactSubscale, (number | null)[]>;
  for (const [name, n] of Object.entries(FACT_SUBSCALES) as [FactSubscale, number][]) {
    const v = rec[name];
    if (!Array.isArray(v) || v.length !== n) {
      errors.push({
        code: "SCHEMA_ERROR",
        path: `${path}.${name}`,
        message: `${name} must list ${n} item scores (null = unanswered)`,
      });
      continue;
    }
    out[name] = v.map((x, i) => {
      if (x === null || x === undefined) return null;
      if (typeof x !== "number" || !Number.isInteger(x) || x < 0 || x > 4) {
        errors.push({
          code: "SCHEMA_ERROR",
          path: `${path}.${name}.${i}`,
          message: `${name} item ${i + 1} must be 0–4, got ${JSON.stringify(x)}`,
        });
        return null;
      }
      return x;
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, items: out };
}

function subscale(items: readonly (number | null)[]): { score: number | null; answered: number } {
  const got = items.filter((x): x is number => x !== null);
  if (2 * got.length <= items.length) return { score: null, answered: got.length };
  const sum = got.reduce((a, b) => a + b, 0);
  return { score: Math.round(((sum * items.length) / got.length) * 1e4) / 1e4, answered: got.length };
}

function total(parts: readonly FactSubscale[], items: FactItems, sub: Record<FactSubscale, number | null>) {
  const n = parts.reduce((a, p) => a + FACT_SUBSCALES[p], 0);
  const answered = parts.reduce((a, p) => a + items[p].filter((x) => x !== null).length, 0);
  if (parts.some((p) => sub[p] === null) || 10 * answered <= 8 * n) return null;
  return Math.round(parts.reduce((a, p) => a + (sub[p] as number), 0) * 1e4) / 1e4;
}

export function scoreFactHep(items: FactItems): FactHepScores {
  const subscales = {} as Record<FactSubscale, number | null>;
  for (const k of Object.keys(FACT_SUBSCALES) as FactSubscale[]) subscales[k] = subscale(items[k]).score;
  return {
    subscales,
    factG: total(["physical", "social", "emotional", "functional"], items, subscales),
    factHep: total(["physical", "social", "emotional", "functional", "hcs"], items, subscales),
    toi: total(["physical", "functional", "hcs"], items, subscales),
  };
}
