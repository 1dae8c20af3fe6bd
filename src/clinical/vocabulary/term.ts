/**
 * A term of the vocabulary: one code, its English label and its Chinese label.
 *
 * Chinese labels follow the wording of the national guideline (原发性肝癌诊疗指南（2024年版），
 * 国家卫生健康委员会; Chinese Journal of Digestive Surgery 2024) and, for interventional
 * procedures, the Chinese expert consensus documents it cites. Abbreviations the guideline itself
 * keeps in Latin letters (TACE, HAIC, BCLC, CNLC, ECOG, AFP, INR, ...) stay in Latin letters.
 */

export const LANGS = ["en", "zh"] as const;
export type Lang = (typeof LANGS)[number];

export interface Term {
  readonly en: string;
  readonly zh: string;
}

/** A table of terms keyed by code; frozen so that no edge can alter a label. */
export type Terms<K extends string> = { readonly [C in K]: Term };

export function terms<K extends string>(table: Terms<K>): Terms<K> {
  return Object.freeze(table);
}

export function isLang(value: unknown): value is Lang {
  return value === "en" || value === "zh";
}

/**
 * The language asked for by a caller (`--lang`, `?lang=`, `Accept-Language`): the first supported
 * primary tag in the list, in order of quality; English when none is supported.
 */
export function pickLang(header: string | undefined | null): Lang {
  if (!header) return "en";
  let best: Lang = "en";
  let bestQ = -1;
  for (const part of header.split(",")) {
    const [tag = "", ...params] = part.trim().toLowerCase().split(";");
    const primary = tag.split("-")[0];
    const qParam = params.find((p) => p.trim().startsWith("q="));
    const q = qParam ? Number(qParam.trim().slice(2)) : 1;
    if (isLang(primary) && Number.isFinite(q) && q > bestQ) {
      best = primary;
      bestQ = q;
    }
  }
  return best;
}

/** Joins a list the way each language writes one: "a, b" / "a、b". */
export function joinList(items: readonly string[], lang: Lang): string {
  return items.join(lang === "zh" ? "、" : ", ");
}
