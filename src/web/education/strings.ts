/**
 * The page strings of each education language and where its pages live: small enough for the
 * workspace bundle to import (the topics themselves stay server-side, in en.ts and zh.ts).
 */
import type { EducationLang, EducationStrings } from "./types.js";

export const EN_STRINGS: EducationStrings = {
  siteTitle: "Hepatica patient information",
  indexTitle: "Interventional treatment for liver cancer",
  indexIntro:
    "Plain-language information for patients and families about treating liver cancer (hepatocellular carcinoma) through a small opening in the skin.",
  disclaimer:
    "Talk to your care team about your own situation. This information does not replace medical advice.",
  contents: "Topics",
  onThisPage: "On this page",
  allTopics: "All topics",
  previous: "Previous",
  next: "Next",
  otherLanguageLabel: "阅读中文版",
  notFoundTitle: "Page not found",
  notFoundText: "We could not find this page. Please choose a topic from the list.",
  languageNav: "Language",
  skipToContent: "Skip to content",
};

export const ZH_STRINGS: EducationStrings = {
  siteTitle: "Hepatica 患者教育",
  indexTitle: "肝癌的介入治疗",
  indexIntro: "为患者和家属编写的通俗说明：如何通过皮肤上的一个小口治疗肝癌（肝细胞癌）。",
  disclaimer: "请与您的医疗团队讨论您自己的情况。本资料不能代替医生的诊疗意见。",
  contents: "主题",
  onThisPage: "本页内容",
  allTopics: "全部主题",
  previous: "上一篇",
  next: "下一篇",
  otherLanguageLabel: "Read in English",
  notFoundTitle: "找不到页面",
  notFoundText: "没有找到这个页面，请从列表中选择一个主题。",
  languageNav: "语言",
  skipToContent: "跳到正文",
};

export interface LocaleMeta {
  readonly htmlLang: string;
  readonly basePath: string;
  readonly strings: EducationStrings;
}

export const LOCALE_META: Readonly<Record<EducationLang, LocaleMeta>> = {
  en: { htmlLang: "en", basePath: "/education", strings: EN_STRINGS },
  zh: { htmlLang: "zh-Hans", basePath: "/zh/education", strings: ZH_STRINGS },
};
