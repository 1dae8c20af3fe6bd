/**
 * The language of the clinician workspace: English or Chinese, chosen in the top bar and
 * remembered per user (in this browser, under the user's name). Labels come from the clinical
 * vocabulary, clinical sentences from the message catalogue (rendered by the server in the
 * language of every request), and the screen's own words from ui-text.ts.
 */
import { createContext, useContext } from "react";
import { isLang, type Lang, type Term } from "../../clinical/vocabulary/index.js";
import { UI, type UiKey } from "./ui-text.js";

export const LangContext = createContext<Lang>("en");

export function useLang(): Lang {
  return useContext(LangContext);
}

/** The screen's words in the workspace language: `text("assessment")`. */
export function useText(): (key: UiKey) => string {
  const lang = useLang();
  return (key) => UI[key][lang];
}

/** The label of a vocabulary term in the workspace language. */
export function useTerm(): (term: Term) => string {
  const lang = useLang();
  return (term) => term[lang];
}

const storageKey = (username: string) => `hepatica.lang.${username}`;

/** The language this user chose last in this browser (else the browser's, else English). */
export function storedLang(username: string): Lang {
  try {
    const v = localStorage.getItem(storageKey(username));
    if (isLang(v)) return v;
  } catch {
    // storage unavailable (private mode): fall through
  }
  return navigator.language.toLowerCase().startsWith("zh") ? "zh" : "en";
}

export function storeLang(username: string, lang: Lang): void {
  try {
    localStorage.setItem(storageKey(username), lang);
  } catch {
    // not remembered; the choice still applies to this page
  }
}
