/**
 * Patient education as typed data: one module per language (`en.ts`, `zh.ts`) with the same
 * topic ids and the same section ids, so a page in one language always has its counterpart in
 * the other (checked by `education.test.ts`). The text is plain language written for this
 * project; nothing in it is copied from elsewhere.
 */

/** Stable topic ids: they are the last segment of the page address and must never change. */
export const TOPIC_IDS = [
  "interventional-treatment",
  "haic",
  "tae",
  "tace",
  "radioembolization",
  "ablation",
  "cryoablation",
  "combination-therapy",
  "cik-cell-therapy",
  "who-is-suitable",
  "benefits-and-risks",
  "your-procedure",
  "follow-up",
] as const;

export type TopicId = (typeof TOPIC_IDS)[number];

export type Block =
  | { readonly kind: "p"; readonly text: string }
  | { readonly kind: "list"; readonly items: readonly string[] }
  /** Something the reader should act on (e.g. when to call the hospital). */
  | { readonly kind: "warning"; readonly title: string; readonly items: readonly string[] };

export interface Section {
  /** Stable anchor, identical across languages. */
  readonly id: string;
  readonly heading: string;
  readonly blocks: readonly Block[];
}

export interface Topic {
  readonly id: TopicId;
  readonly title: string;
  /** One sentence for the contents page. */
  readonly summary: string;
  readonly sections: readonly Section[];
}

export interface EducationStrings {
  readonly siteTitle: string;
  readonly indexTitle: string;
  readonly indexIntro: string;
  readonly disclaimer: string;
  readonly contents: string;
  readonly onThisPage: string;
  readonly allTopics: string;
  readonly previous: string;
  readonly next: string;
  /** Text of the link to the same page in the other language, written in that language. */
  readonly otherLanguageLabel: string;
  readonly notFoundTitle: string;
  readonly notFoundText: string;
  readonly skipToContent: string;
  /** Accessible name of the language switch. */
  readonly languageNav: string;
}

export type EducationLang = "en" | "zh";

export interface EducationLocale {
  readonly lang: EducationLang;
  /** BCP 47 tag for the `lang` attribute. */
  readonly htmlLang: string;
  /** Path prefix of this language's pages, e.g. `/education` or `/zh/education`. */
  readonly basePath: string;
  readonly strings: EducationStrings;
  readonly topics: readonly Topic[];
}
