import { en } from "./en.js";
import type { EducationLang, EducationLocale, Topic } from "./types.js";
import { zh } from "./zh.js";

/** Every language the education pages are published in, in menu order. */
export const EDUCATION_LOCALES: Readonly<Record<EducationLang, EducationLocale>> = { en, zh };

/** The language a reader switches to from `lang` (there are two). */
export function otherLocale(lang: EducationLang): EducationLocale {
  return lang === "en" ? zh : en;
}

export function findTopic(locale: EducationLocale, id: string): Topic | undefined {
  return locale.topics.find((t) => t.id === id);
}
