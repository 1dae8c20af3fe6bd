/**
 * The one registry of sources cited by every rule. Each domain keeps its sources in its own
 * file; this index merges them so that a rule cites by key and a key exists exactly once.
 */
import { LIVER_FUNCTION_SOURCES } from "./liver-function.js";
import { RESPONSE_SOURCES } from "./response.js";
import { SAFETY_SOURCES } from "./safety.js";
import type { Source } from "./source.js";
import { STAGING_SOURCES } from "./staging.js";
import { THERAPY_SOURCES } from "./therapy.js";
import { TREATMENT_SOURCES } from "./treatment.js";

export type { Source } from "./source.js";

export const SOURCES = Object.freeze({
  ...LIVER_FUNCTION_SOURCES,
  ...RESPONSE_SOURCES,
  ...SAFETY_SOURCES,
  ...STAGING_SOURCES,
  ...TREATMENT_SOURCES,
  ...THERAPY_SOURCES,
});

export type SourceId = keyof typeof SOURCES;

const formatted = new Map<string, string>();

/** Formats the citation string of a rule from its source ids (memoised: rules cite per call). */
export function cite(...ids: readonly SourceId[]): string {
  const key = ids.join("|");
  let text = formatted.get(key);
  if (text === undefined) {
    text = ids.map((id) => formatSource(SOURCES[id])).join(" | ");
    formatted.set(key, text);
  }
  return text;
}

const short = new Map<string, string>();

/**
 * The compact form of a citation, for reasons nested inside a result that carries the full one:
 * label and DOI (or the full reference when there is no DOI), e.g. "Pugh 1973, doi:10.1002/…".
 */
export function citeShort(...ids: readonly SourceId[]): string {
  const key = ids.join("|");
  let text = short.get(key);
  if (text === undefined) {
    text = ids.map((id) => formatShort(SOURCES[id])).join(" | ");
    short.set(key, text);
  }
  return text;
}

/** The whole registry, for listing: every source a rule may cite, with how it was checked. */
export function sourceList(): readonly (Source & { readonly id: SourceId; readonly citation: string })[] {
  return (Object.keys(SOURCES) as SourceId[]).map((id) => ({
    id,
    ...SOURCES[id],
    citation: formatSource(SOURCES[id]),
  }));
}

/** The short form of one source: label and DOI (or the full reference when there is no DOI). */
export function formatShort(s: Source): string {
  const flag = s.verification === "verified" ? "" : ` [${s.verification}]`;
  return s.doi ? `${s.label}, doi:${s.doi}${flag}` : `${s.label}: ${s.reference}${flag}`;
}

export function formatSource(s: Source): string {
  const doi = s.doi ? ` doi:${s.doi}` : "";
  const flag = s.verification === "verified" ? "" : ` [${s.verification}]`;
  return `${s.reference}.${doi}${flag}`;
}
