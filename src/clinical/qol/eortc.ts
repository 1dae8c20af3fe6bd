/**
 * EORTC QLQ-C30 (v3.0) and the QLQ-HCC18 module (response-followup.md §5.1–5.2).
 *
 * Scoring (EORTC Scoring Manual, 3rd ed.): RS = mean of the answered items of a scale;
 * functional S = (1 − (RS − 1)/range) × 100; symptom and global S = ((RS − 1)/range) × 100.
 * Half-items rule: a scale is scored when at least half of its items are answered (the mean of
 * the answered items, i.e. person-mean imputation); otherwise it is missing. A single-item scale
 * is missing when its item is.
 *
 * QLQ-C30 summary score (Giesinger 2016 [R]): mean of the 13 scales other than QL2 and FI, the
 * symptom scales reversed (100 − S); computed only when all 13 are available.
 *
 * [DECISION] QLQ-HCC18: items 31–48; every scale uses the generic EORTC symptom formula
 * (range 3) and the half-items rule. The open QoLR implementation scores body image with the
 * functional formula and does not apply the half rule to 2-item scales; the reference flags both
 * as departures from the generic rules, so they are not copied here.
 */
import type { CourseError } from "../response/course.js";

export type ScaleType = "functional" | "symptom" | "global";

export interface ScaleDef {
  readonly code: string;
  readonly name: string;
  readonly items: readonly number[];
  readonly range: number;
  readonly type: ScaleType;
}

const s = (code: string, name: string, items: number[], type: ScaleType, range = 3): ScaleDef => ({
  code,
  name,
  items,
  range,
  type,
});

/** QLQ-C30 v3.0 scales (item numbers 1–30). */
export const QLQ_C30_SCALES: readonly ScaleDef[] = [
  s("QL2", "Global health status / QoL", [29, 30], "global", 6),
  s("PF2", "Physical functioning", [1, 2, 3, 4, 5], "functional"),
  s("RF2", "Role functioning", [6, 7], "functional"),
  s("EF", "Emotional functioning", [21, 22, 23, 24], "functional"),
  s("CF", "Cognitive functioning", [20, 25], "functional"),
  s("SF", "Social functioning", [26, 27], "functional"),
  s("FA", "Fatigue", [10, 12, 18], "symptom"),
  s("NV", "Nausea and vomiting", [14, 15], "symptom"),
  s("PA", "Pain", [9, 19], "symptom"),
  s("DY", "Dyspnoea", [8], "symptom"),
  s("SL", "Insomnia", [11], "symptom"),
  s("AP", "Appetite loss", [13], "symptom"),
  s("CO", "Constipation", [16], "symptom"),
  s("DI", "Diarrhoea", [17], "symptom"),
  s("FI", "Financial difficulties", [28], "symptom"),
];

/** QLQ-HCC18 scales (items 31–48 appended to the C30), item map of the open QoLR code [S]. */
export const QLQ_HCC18_SCALES: readonly ScaleDef[] = [
  s("HCCFI", "Fatigue", [45, 46, 47], "symptom"),
  s("HCCBI", "Body image", [33, 35], "symptom"),
  s("HCCJA", "Jaundice", [36, 37], "symptom"),
  s("HCCNU", "Nutrition", [31, 32, 42, 43, 44], "symptom"),
  s("HCCPA", "Pain", [38, 39], "symptom"),
  s("HCCFE", "Fever", [40, 41], "symptom"),
  s("HCCAB", "Abdominal swelling", [34], "symptom"),
  s("HCCSX", "Sexual interest", [48], "symptom"),
];

/** Scales excluded from the C30 summary score. */
const NOT_IN_SUMMARY = new Set(["QL2", "FI"]);

export interface ScaleScore {
  readonly code: string;
  readonly name: string;
  readonly type: ScaleType;
  /** 0–100, or `null` when fewer than half of the items were answered. */
  readonly score: number | null;
  readonly answered: number;
  readonly items: number;
}

export interface EortcScores {
  readonly scales: readonly ScaleScore[];
  /** QLQ-C30 summary score; `null` when one of its 13 scales is missing or items 1–30 absent. */
  readonly summaryScore: number | null;
}

export type Answers = ReadonlyMap<number, number>;

/** Item 29–30 are 1–7; every other item 1–4. */
function maxFor(item: number): number {
  return item === 29 || item === 30 ? 7 : 4;
}

/**
 * Reads answers `{ "1": 2, "2": 1, ... }` (item number → answer; null = missing). Items 1–48;
 * each must be a whole number on its scale. Errors name the item.
 */
export function readEortcAnswers(
  input: unknown,
  path = "answers",
): { ok: true; answers: Answers } | { ok: false; errors: CourseError[] } {
  const errors: CourseError[] = [];
  const answers = new Map<number, number>();
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return {
      ok: false,
      errors: [{ code: "SCHEMA_ERROR", path, message: `${path} must be an object item → answer` }],
    };
  }
  for (const [k, v] of Object.entries(input)) {
    const item = Number(k);
    if (!Number.isInteger(item) || item < 1 || item > 48) {
      errors.push({ code: "SCHEMA_ERROR", path: `${path}.${k}`, message: `unknown EORTC item ${k} (1–48)` });
      continue;
    }
    if (v === null || v === undefined) continue;
    const max = maxFor(item);
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > max) {
      errors.push({
        code: "SCHEMA_ERROR",
        path: `${path}.${k}`,
        message: `item ${item} answer ${JSON.stringify(v)} is not a whole number 1–${max}`,
      });
      continue;
    }
    answers.set(item, v);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers };
}

/** One scale by the linear transformation and the half-items rule. */
export function scoreScale(def: ScaleDef, answers: Answers): ScaleScore {
  const got = def.items.map((i) => answers.get(i)).filter((x): x is number => x !== undefined);
  const base = {
    code: def.code,
    name: def.name,
    type: def.type,
    answered: got.length,
    items: def.items.length,
  };
  if (got.length === 0 || 2 * got.length < def.items.length) return { ...base, score: null };
  const rs = got.reduce((a, b) => a + b, 0) / got.length;
  const raw = def.type === "functional" ? (1 - (rs - 1) / def.range) * 100 : ((rs - 1) / def.range) * 100;
  return { ...base, score: Math.round(raw * 1e4) / 1e4 };
}

export function scoreQlqC30(answers: Answers): EortcScores {
  const scales = QLQ_C30_SCALES.map((d) => scoreScale(d, answers));
  const parts = scales.filter((x) => !NOT_IN_SUMMARY.has(x.code));
  const summaryScore = parts.every((x) => x.score !== null)
    ? Math.round(
        (parts.reduce(
          (a, x) => a + (x.type === "symptom" ? 100 - (x.score as number) : (x.score as number)),
          0,
        ) /
          parts.length) *
          1e4,
      ) / 1e4
    : null;
  return { scales, summaryScore };
}

export function scoreQlqHcc18(answers: Answers): readonly ScaleScore[] {
  return QLQ_HCC18_SCALES.map((d) => scoreScale(d, answers));
}
