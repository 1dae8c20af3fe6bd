import type { ReactNode } from "react";
import { inputLabel, joinList } from "../../../clinical/vocabulary/index.js";
import { useLang, useText } from "../i18n.js";
import { UI } from "../ui-text.js";

/** What every clinical result carries (src/clinical/result.ts), read structurally. */
export interface RuleLike {
  readonly status: string;
  readonly rule?: string;
  readonly reason?: string;
  readonly citation?: string;
  readonly assumptions?: readonly string[];
  readonly missing?: readonly string[];
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
}

export function Missing({ paths }: { paths: readonly string[] }) {
  const lang = useLang();
  if (paths.length === 0) return null;
  const labels = joinList([...new Set(paths.map((p) => inputLabel(p, lang)))], lang);
  return (
    <p className="missing">
      {UI.toDecide[lang]}
      {lang === "zh" ? "：" : " "}
      {labels}
      {lang === "zh" ? "。" : "."}
    </p>
  );
}

/** The reason, citation and stated assumptions of a result, behind a disclosure. */
export function Why({ r, summary }: { r: RuleLike; summary?: string }) {
  const text = useText();
  if (!r.reason && !r.citation) return null;
  return (
    <details className="why">
      <summary>{summary ?? text("why")}</summary>
      {r.reason && <p>{r.reason}</p>}
      {r.assumptions && r.assumptions.length > 0 && (
        <ul className="assumptions">
          {r.assumptions.map((a) => (
            <li key={a}>
              {text("assumed")}
              {": "}
              {a}
            </li>
          ))}
        </ul>
      )}
      {r.citation && (
        <p className="citation">
          {text("source")}: {r.citation}
        </p>
      )}
    </details>
  );
}

/** A labelled value: the value when decided, what is missing when not, the errors when invalid. */
export function RuleValue<T extends RuleLike>({
  label,
  r,
  children,
}: {
  label: string;
  r: T | undefined;
  children: (ok: Extract<T, { readonly status: "ok" }>) => ReactNode;
}) {
  const text = useText();
  if (!r) return null;
  return (
    <div className={`rule rule-${r.status}`}>
      <dt>{label}</dt>
      <dd>
        {r.status === "ok" ? (
          <span className="value">{children(r as Extract<T, { readonly status: "ok" }>)}</span>
        ) : r.status === "indeterminate" ? (
          <>
            <span className="value muted">{text("notDecided")}</span>
            <Missing paths={r.missing ?? []} />
          </>
        ) : (
          <>
            <span className="value bad">{text("invalidInput")}</span>
            <ul className="field-errors">
              {(r.errors ?? []).map((e) => (
                <li key={`${e.path}:${e.message}`}>
                  {e.path}: {e.message}
                </li>
              ))}
            </ul>
          </>
        )}
        <Why r={r} />
      </dd>
    </div>
  );
}

/** Every input path the results of an assessment still need, deduplicated. */
export function allMissing(results: readonly (RuleLike | undefined)[]): string[] {
  return [...new Set(results.flatMap((r) => (r?.status === "indeterminate" ? (r.missing ?? []) : [])))];
}
