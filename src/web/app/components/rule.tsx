import type { ReactNode } from "react";
import { ANALYTES, type Analyte } from "../../../clinical/units/analytes.js";

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

/** Case paths → what a clinician would enter. */
const INPUT_LABELS: Readonly<Record<string, string>> = {
  "labs.bilirubin": "total bilirubin",
  "labs.albumin": "albumin",
  "labs.inr": "INR",
  "labs.ptProlongation": "prothrombin time",
  "labs.creatinine": "creatinine",
  "labs.sodium": "sodium",
  "labs.afp": "AFP",
  "labs.platelets": "platelets",
  "labs.ast": "AST",
  "labs.alt": "ALT",
  ascites: "ascites grade",
  encephalopathy: "encephalopathy grade",
  ecog: "ECOG performance status",
  tumors: "tumour sizes (an imaging time point)",
  height: "height",
  weight: "weight",
  sex: "sex",
  ageYears: "birth date",
  cirrhosis: "cirrhosis (yes/no)",
  vascularInvasion: "macrovascular invasion (yes/no)",
  "vascularInvasion.present": "macrovascular invasion (yes/no)",
  "vascularInvasion.portalVein": "portal vein invasion grade (Vp)",
  extrahepaticSpread: "extrahepatic spread (yes/no)",
  dialysis: "dialysis in the past week",
  transplantCandidate: "transplant candidacy",
  liverFunctionPreserved: "whether liver function is preserved (clinician's statement)",
};

const words = (camel: string) => camel.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();

export function inputLabel(path: string): string {
  if (INPUT_LABELS[path]) return INPUT_LABELS[path];
  const m = /^tumors\.\d+\.(\w+)/.exec(path);
  if (m) return `tumour ${m[1] === "diameterCm" ? "diameter" : m[1]}`;
  const lab = /^labs\.(\w+)$/.exec(path)?.[1];
  if (lab && lab in ANALYTES) return ANALYTES[lab as Analyte].label;
  // e.g. y90.lungShuntFractionPercent → "Y-90: lung shunt fraction percent"
  const [head, ...rest] = path.split(".");
  const prefix: Readonly<Record<string, string>> = {
    y90: "Y-90",
    tace: "TACE",
    contraindications: "contraindication",
    biliary: "biliary",
    ablation: "ablation",
  };
  if (head && rest.length > 0) return `${prefix[head] ?? words(head)}: ${rest.map(words).join(" ")}`;
  return words(path);
}

export function Missing({ paths }: { paths: readonly string[] }) {
  if (paths.length === 0) return null;
  return <p className="missing">To decide this, enter {[...new Set(paths.map(inputLabel))].join(", ")}.</p>;
}

/** The reason, citation and stated assumptions of a result, behind a disclosure. */
export function Why({ r, summary = "Why?" }: { r: RuleLike; summary?: string }) {
  if (!r.reason && !r.citation) return null;
  return (
    <details className="why">
      <summary>{summary}</summary>
      {r.reason && <p>{r.reason}</p>}
      {r.assumptions && r.assumptions.length > 0 && (
        <ul className="assumptions">
          {r.assumptions.map((a) => (
            <li key={a}>Assumed: {a}</li>
          ))}
        </ul>
      )}
      {r.citation && <p className="citation">Source: {r.citation}</p>}
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
  if (!r) return null;
  return (
    <div className={`rule rule-${r.status}`}>
      <dt>{label}</dt>
      <dd>
        {r.status === "ok" ? (
          <span className="value">{children(r as Extract<T, { readonly status: "ok" }>)}</span>
        ) : r.status === "indeterminate" ? (
          <>
            <span className="value muted">not decided</span>
            <Missing paths={r.missing ?? []} />
          </>
        ) : (
          <>
            <span className="value bad">invalid input</span>
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
