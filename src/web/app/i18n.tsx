/**
 * The language of the clinician workspace: English or Chinese, chosen in the top bar and
 * remembered per user. Labels come from the clinical vocabulary (src/clinical/vocabulary/).
 */
import { createContext, useContext } from "react";
import type { Lang, Term } from "../../clinical/vocabulary/index.js";

export const LangContext = createContext<Lang>("en");

export function useLang(): Lang {
  return useContext(LangContext);
}

/** The label of a vocabulary term in the workspace language. */
export function useTerm(): (term: Term) => string {
  const lang = useLang();
  return (term) => term[lang];
}
