/**
 * A result as a caller receives it: in their language, compact or full (issue 17).
 *
 * - `compact` (the default): `rulesApplied` and `notAssessed` are left out; every full `citation`
 *   becomes `sources` (evidence-registry ids; the full references come from `GET /api/sources`
 *   and `hepatica sources`), a result keeping a short citation (labels and verification flags)
 *   and a reason inside it only the ids; an eligibility result's `reason`, which restates its
 *   `verdict`, `missing` and `reasons[].text`, is left out.
 * - `full`: everything the rules produced, with `sources` added beside each citation.
 * - `lang: "zh"`: reasons, assumptions and the notice that come from the message catalogue are
 *   rendered in Chinese; a text a rule still writes itself stays English (listed in the notes).
 *
 * Keys and meanings of case-format.md are kept; docs/case-format.md, "Compact and full results".
 */
import { formatShort, formatSource, SOURCES, type SourceId } from "../evidence/index.js";
import type { Lang } from "../vocabulary/term.js";
import { en, t, translated } from "./catalogue.js";

export const DETAILS = ["compact", "full"] as const;
export type Detail = (typeof DETAILS)[number];

export interface View {
  readonly lang: Lang;
  readonly detail: Detail;
}

export const DEFAULT_VIEW: View = Object.freeze({ lang: "en", detail: "compact" });

export function isDetail(value: unknown): value is Detail {
  return value === "compact" || value === "full";
}

/** Every way a source is written inside a citation (full reference, short form) → its id. */
const ID_OF_TEXT = new Map<string, SourceId>();
for (const id of Object.keys(SOURCES) as SourceId[]) {
  ID_OF_TEXT.set(formatSource(SOURCES[id]), id);
  ID_OF_TEXT.set(formatShort(SOURCES[id]), id);
}

interface Cited {
  readonly sources: readonly SourceId[];
  /** The short citation: each source's label, with its verification flag when not verified. */
  readonly short: string;
}

const CITED = new Map<string, Cited | null>();

/** The ids and short form of a citation string; `null` when a part is not a registry source. */
function cited(citation: string): Cited | null {
  let c = CITED.get(citation);
  if (c === undefined) {
    const ids: SourceId[] = [];
    for (const part of citation.split(" | ")) {
      const id = ID_OF_TEXT.get(part);
      if (id === undefined) {
        ids.length = 0;
        break;
      }
      ids.push(id);
    }
    c =
      ids.length === 0
        ? null
        : {
            sources: ids,
            short: ids
              .map((id) => {
                const s = SOURCES[id];
                return s.verification === "verified" ? s.label : `${s.label} [${s.verification}]`;
              })
              .join(" | "),
          };
    CITED.set(citation, c);
  }
  return c;
}

type Rec = Readonly<Record<string, unknown>>;

const strings = (x: unknown): string[] => (Array.isArray(x) ? x.map(String) : []);

/** A generic reason (cannot determine / invalid input) rendered in `lang`; other reasons as written. */
function reasonIn(r: Rec, reason: string, lang: Lang): string {
  if (r.status === "indeterminate") {
    const missing = strings(r.missing);
    const base = en("result.missing", { missing });
    if (reason === base) return t(lang, "result.missing", { missing });
    const also = strings(r.alsoMissing);
    if (also.length > 0 && reason === `${base} ${en("result.also-missing", { missing: also })}`)
      return `${t(lang, "result.missing", { missing })}${t(lang, "result.also-missing", { missing: also })}`;
  }
  if (r.status === "invalid" && Array.isArray(r.errors)) {
    const paths = [...new Set((r.errors as Rec[]).map((e) => String(e.path)))];
    if (reason === en("result.invalid", { paths })) return t(lang, "result.invalid", { paths });
  }
  return translated(reason, lang);
}

function walk(v: unknown, view: View): unknown {
  if (Array.isArray(v)) return v.map((x) => walk(x, view));
  if (v === null || typeof v !== "object") return v;
  const r = v as Rec;
  const out: Record<string, unknown> = {};
  const full = view.detail === "full";
  // An eligibility result's `reason` restates its verdict, missing inputs and reasons' texts.
  const restated = !full && "modality" in r && "profile" in r && Array.isArray(r.reasons);
  for (const k of Object.keys(r)) {
    const x = r[k];
    if (!full && (k === "rulesApplied" || k === "notAssessed")) continue;
    if (restated && k === "reason") continue;
    if (k === "citation" && typeof x === "string") {
      const c = cited(x);
      if (c) out.sources = c.sources;
      // A result keeps a short citation; a reason inside it (no `status`) keeps only its ids.
      if (full || !c) out.citation = x;
      else if ("status" in r) out.citation = c.short;
    } else if (view.lang !== "en" && typeof x === "string" && (k === "reason" || k === "notice")) {
      out[k] = reasonIn(r, x, view.lang);
    } else if (view.lang !== "en" && k === "assumptions" && Array.isArray(x)) {
      out[k] = x.map((s) => translated(String(s), view.lang));
    } else {
      out[k] = walk(x, view);
    }
  }
  return out;
}

/** A result (an assessment, a plan, a course) as the caller asked for it. */
export function present<T>(result: T, view: View = DEFAULT_VIEW): unknown {
  return walk(result, view);
}
