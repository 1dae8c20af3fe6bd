/**
 * Registry cohorts: choose an end point (OS, PFS, TTP), the progression criterion, a grouping
 * and filters; see the Kaplan–Meier curves (the same SVG the CLI writes, src/analytics/km-svg.ts),
 * medians, the log-rank test and the Cox hazard ratios; download the plot as SVG or PNG and the
 * per-patient times as CSV. All through `GET /api/cohorts/survival`.
 */
import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { cumincAt } from "../../../analytics/cuminc-at.js";
import { fitWarningText, unreliableTerms } from "../../../analytics/fit-warnings.js";
import type { KmCurve } from "../../../analytics/kaplan-meier.js";
import { atRiskTimes, kmSvg } from "../../../analytics/km-svg.js";
import { type Lang, LINE_KIND_TERMS, lineLabel } from "../../../clinical/vocabulary/index.js";
import { PROCEDURE_MODALITIES } from "../../../store/entities.js";
import { api, type CohortResult } from "../api.js";
import { useLang } from "../i18n.js";

const ENDPOINT_LABEL = {
  os: "Overall survival",
  pfs: "Progression-free survival",
  ttp: "Time to progression",
} as const;
const CRITERION_LABEL = { mrecist: "mRECIST", recist11: "RECIST 1.1" } as const;
const GROUP_LABEL = {
  none: "No grouping",
  bclcStage: "BCLC stage",
  cnlcStage: "CNLC stage",
  modality: "First treatment",
  lastResponse: "Last response",
  sex: "Sex",
  year: "Year of first treatment",
  treatmentLine: "First treatment line",
  combination: "Locoregional alone vs combined",
} as const;
/** Curve labels: a bare stage letter says little in a downloaded plot. */
const LEVEL_PREFIX: Readonly<Record<keyof typeof GROUP_LABEL, string>> = {
  none: "",
  bclcStage: "BCLC ",
  cnlcStage: "CNLC ",
  modality: "",
  lastResponse: "",
  sex: "",
  year: "",
  treatmentLine: "",
  combination: "",
};
const UNIT_LABEL = { months: "Months", weeks: "Weeks", days: "Days", years: "Years" } as const;
const RESPONSES = ["CR", "PR", "SD", "PD", "NE", "NON_CR_NON_PD", "none"] as const;

type Endpoint = keyof typeof ENDPOINT_LABEL;
type Criterion = keyof typeof CRITERION_LABEL;
type GroupBy = keyof typeof GROUP_LABEL;
type Unit = keyof typeof UNIT_LABEL;

interface Form {
  endpoint: Endpoint;
  criterion: Criterion;
  groupBy: GroupBy;
  unit: Unit;
  bclcStage: string;
  cnlcStage: string;
  modality: string;
  lastResponse: string;
  from: string;
  to: string;
  adjustAge: boolean;
  adjustSex: boolean;
}

const INITIAL: Form = {
  endpoint: "os",
  criterion: "mrecist",
  groupBy: "bclcStage",
  unit: "months",
  bclcStage: "",
  cnlcStage: "",
  modality: "",
  lastResponse: "",
  from: "",
  to: "",
  adjustAge: false,
  adjustSex: false,
};

function queryOf(f: Form): URLSearchParams {
  const q = new URLSearchParams({
    endpoint: f.endpoint,
    criterion: f.criterion,
    groupBy: f.groupBy,
    unit: f.unit,
  });
  for (const k of ["bclcStage", "cnlcStage", "modality", "lastResponse", "from", "to"] as const)
    if (f[k]) q.set(k, f[k]);
  const covariates = [f.adjustAge ? "age" : "", f.adjustSex ? "sex" : ""].filter(Boolean);
  if (covariates.length > 0) q.set("covariates", covariates.join(","));
  return q;
}

/** JSON has null where R has NA or Inf; the plot wants NaN there. */
/** A group level as a reader sees it: treatment lines and their kinds from the vocabulary. */
function levelLabel(groupBy: CohortResult["request"]["groupBy"], level: string, lang: Lang): string {
  if (groupBy === "treatmentLine") return lineLabel(level, lang);
  if (groupBy === "combination" && Object.hasOwn(LINE_KIND_TERMS, level))
    return LINE_KIND_TERMS[level as keyof typeof LINE_KIND_TERMS][lang];
  return `${LEVEL_PREFIX[groupBy]}${level}`;
}

function curveOf(json: CohortResult["overall"]["km"]): KmCurve {
  const nums = (xs: readonly (number | null)[]) => xs.map((x) => (x === null ? Number.NaN : x));
  return {
    ...json,
    stdErr: nums(json.stdErr),
    stdErrSurv: nums(json.stdErrSurv),
    lower: nums(json.lower),
    upper: nums(json.upper),
  };
}

function fmt(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "NA";
  return String(Number(v.toPrecision(digits)));
}

function fmtP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "NA";
  return p < 1e-4 ? p.toExponential(1) : fmt(p, 2);
}

function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Rasterises the SVG at twice its size (a data: URL, which the page's CSP allows for images). */
async function pngOf(svg: string): Promise<Blob> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = img.naturalWidth * 2;
  canvas.height = img.naturalHeight * 2;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("no canvas");
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG export failed"))), "image/png"),
  );
}

const EVENT_LABEL = { death: "death", transplant: "transplant", resection: "resection" } as const;

/**
 * Cumulative incidence of death, transplant and resection (Aalen–Johansen, as cmprsk::cuminc)
 * per group, drawn with the event-free numbers at risk of each group.
 */
function cumincSvgOf(r: CohortResult): string {
  const c = r.competing;
  if (!c) return "";
  const prefix = LEVEL_PREFIX[r.request.groupBy];
  const grouped = r.request.groupBy !== "none";
  const series = c.curves.map((curve) => {
    const km = curveOf(
      (c.atRisk.find((a) => a.level === curve.level) as { km: CohortResult["overall"]["km"] }).km,
    );
    const est = cumincAt(curve, km.time).map((a) => a.est ?? Number.NaN);
    return {
      label: grouped ? `${prefix}${curve.level} · ${EVENT_LABEL[curve.event]}` : EVENT_LABEL[curve.event],
      curve: { ...km, surv: est, lower: est, upper: est },
    };
  });
  const maxTime = Math.max(0, ...c.atRisk.flatMap((a) => a.km.time));
  return kmSvg(series, {
    id: "cohort-cuminc",
    kind: "incidence",
    bands: false,
    title: `Cumulative incidence: death, transplant, resection (competing)${grouped ? ` by ${GROUP_LABEL[r.request.groupBy]}` : ""}, n = ${c.n}`,
    xLabel: `${UNIT_LABEL[r.request.unit]} since first treatment`,
    times: atRiskTimes(maxTime),
  });
}

/** Puts the SVG into the page as DOM nodes (parsed, not injected as HTML). */
function SvgFigure({ svg, testId = "km-plot" }: { svg: string; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
    el.replaceChildren(document.importNode(doc.documentElement, true));
  }, [svg]);
  return <div ref={ref} className="km-figure" data-testid={testId} />;
}

export function Cohorts() {
  const [form, setForm] = useState<Form>(INITIAL);
  const [result, setResult] = useState<
    | { state: "idle" }
    | { state: "loading" }
    | { state: "ok"; value: CohortResult; query: string }
    | { state: "error"; message: string }
  >({ state: "idle" });
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));

  const lang = useLang();
  const run = async (e?: FormEvent) => {
    e?.preventDefault();
    setResult({ state: "loading" });
    const q = queryOf(form);
    try {
      setResult({ state: "ok", value: await api.cohortSurvival(q), query: q.toString() });
    } catch (err) {
      setResult({ state: "error", message: err instanceof Error ? err.message : String(err) });
    }
  };

  const svg = useMemo(() => {
    if (result.state !== "ok") return "";
    const r = result.value;
    const series =
      r.groups.length > 0
        ? r.groups.map((g) => ({
            label: levelLabel(r.request.groupBy, g.level, lang),
            curve: curveOf(g.km),
          }))
        : [{ label: "All", curve: curveOf(r.overall.km) }];
    const q = r.request;
    const grouped =
      q.groupBy === "none"
        ? ""
        : ` by ${GROUP_LABEL[q.groupBy].replace(/^(?![BC][CN]LC)\w/, (c) => c.toLowerCase())}`;
    const criterion = q.endpoint === "os" ? "" : ` (${CRITERION_LABEL[q.criterion]})`;
    return kmSvg(series, {
      id: "cohort-km",
      title: `${ENDPOINT_LABEL[q.endpoint]}${criterion}${grouped}, n = ${r.n}`,
      xLabel: `${UNIT_LABEL[q.unit]} since first treatment`,
      times: r.atRisk.times,
    });
  }, [result, lang]);

  const fileBase =
    result.state === "ok"
      ? `cohort-${result.value.request.endpoint}-${result.value.request.groupBy}`
      : "cohort";

  return (
    <main id="main" className="page">
      <h1>Registry cohorts</h1>
      <p className="muted">
        Survival from the first treatment, from the registry's stored data. Progression is the first PD by the
        chosen response criterion; patients are censored at their last follow-up.
      </p>
      <form className="filters cohort-form" aria-label="Cohort and analysis" onSubmit={run}>
        <Select
          label="End point"
          value={form.endpoint}
          options={ENDPOINT_LABEL}
          set={(v) => set("endpoint", v)}
        />
        <Select
          label="Progression criterion"
          value={form.criterion}
          options={CRITERION_LABEL}
          set={(v) => set("criterion", v)}
        />
        <Select
          label="Compare by"
          value={form.groupBy}
          options={GROUP_LABEL}
          set={(v) => set("groupBy", v)}
        />
        <Select label="Time unit" value={form.unit} options={UNIT_LABEL} set={(v) => set("unit", v)} />
        <Choice
          label="BCLC stage"
          value={form.bclcStage}
          options={["0", "A", "B", "C", "D", "none"]}
          set={(v) => set("bclcStage", v)}
        />
        <Choice
          label="CNLC stage"
          value={form.cnlcStage}
          options={["Ia", "Ib", "IIa", "IIb", "IIIa", "IIIb", "IV", "none"]}
          set={(v) => set("cnlcStage", v)}
        />
        <Choice
          label="First treatment"
          value={form.modality}
          options={[...PROCEDURE_MODALITIES, "systemic"]}
          set={(v) => set("modality", v)}
        />
        <Choice
          label="Last response"
          value={form.lastResponse}
          options={RESPONSES}
          set={(v) => set("lastResponse", v)}
        />
        <label>
          First treatment from
          <input type="date" value={form.from} onChange={(e) => set("from", e.target.value)} />
        </label>
        <label>
          to
          <input type="date" value={form.to} onChange={(e) => set("to", e.target.value)} />
        </label>
        <fieldset className="inline">
          <legend>Adjust the Cox model for</legend>
          <label>
            <input
              type="checkbox"
              checked={form.adjustAge}
              onChange={(e) => set("adjustAge", e.target.checked)}
            />{" "}
            age
          </label>
          <label>
            <input
              type="checkbox"
              checked={form.adjustSex}
              onChange={(e) => set("adjustSex", e.target.checked)}
            />{" "}
            sex
          </label>
        </fieldset>
        <button type="submit">Analyse</button>
      </form>

      {result.state === "loading" && <p aria-live="polite">Analysing…</p>}
      {result.state === "error" && (
        <p className="error" role="alert">
          {result.message}
        </p>
      )}
      {result.state === "ok" && (
        <CohortView r={result.value} svg={svg} query={result.query} fileBase={fileBase} />
      )}
    </main>
  );
}

function CohortView({
  r,
  svg,
  query,
  fileBase,
}: {
  r: CohortResult;
  svg: string;
  query: string;
  fileBase: string;
}) {
  const [error, setError] = useState("");
  const lang = useLang();
  const excluded = Object.entries(r.excluded);
  const cox = r.cox?.fit;
  const levels =
    r.groups.length > 0
      ? r.groups
      : [{ level: "All", ...r.overall, n: r.overall.km.n, events: r.overall.km.events }];
  return (
    <section aria-labelledby="cohort-result-h">
      <h2 id="cohort-result-h">Result</h2>
      <p data-testid="cohort-summary">
        {r.selected} patients selected; {r.n} analysed, {r.events} events.
        {excluded.length > 0 &&
          ` Left out: ${excluded.map(([k, n]) => `${n} ${k.replace(/-/g, " ")}`).join(", ")}.`}
      </p>
      {r.n === 0 ? (
        <p className="muted">No patient in this cohort has a follow-up time.</p>
      ) : (
        <>
          <figure className="km">
            <SvgFigure svg={svg} />
            <figcaption className="no-print">
              <button
                type="button"
                className="secondary"
                onClick={() => saveBlob(new Blob([svg], { type: "image/svg+xml" }), `${fileBase}.svg`)}
              >
                Download SVG
              </button>{" "}
              <button
                type="button"
                className="secondary"
                onClick={() =>
                  pngOf(svg).then(
                    (b) => saveBlob(b, `${fileBase}.png`),
                    (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
                  )
                }
              >
                Download PNG
              </button>{" "}
              <a
                className="button secondary"
                href={`/api/cohorts/survival.csv?${query}`}
                download={`${fileBase}.csv`}
              >
                Download CSV (per-patient times)
              </a>
              {error && <span className="error"> {error}</span>}
            </figcaption>
          </figure>
          {r.competing && (
            <figure className="km" aria-labelledby="cuminc-h">
              <h3 id="cuminc-h">Competing risks: death, transplant, resection</h3>
              <SvgFigure svg={cumincSvgOf(r)} testId="cuminc-plot" />
              <figcaption className="no-print">
                <p data-testid="competing-summary">
                  {r.competing.n} patients: {r.competing.counts.death} deaths, {r.competing.counts.transplant}{" "}
                  transplants, {r.competing.counts.resection} resections first; the others censored at the
                  last follow-up (lost to follow-up or event-free). Cumulative incidence (Aalen–Johansen;
                  Kalbfleisch & Prentice 1980), not 1 − Kaplan–Meier.
                </p>
                {r.competing.grayTest && (
                  <ul data-testid="gray-tests">
                    {r.competing.grayTest.map((t) => (
                      <li key={t.event}>
                        Gray's test, {EVENT_LABEL[t.event]}:{" "}
                        {t.stat === null
                          ? "not computable (singular)"
                          : `χ² = ${fmt(t.stat, 4)} on ${t.df} df, p = ${fmtP(t.pv)}`}
                      </li>
                    ))}
                  </ul>
                )}
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    saveBlob(new Blob([cumincSvgOf(r)], { type: "image/svg+xml" }), `${fileBase}-cuminc.svg`)
                  }
                >
                  Download cumulative-incidence SVG
                </button>
              </figcaption>
            </figure>
          )}
          <table className="grid sr-only">
            <caption>Number at risk</caption>
            <thead>
              <tr>
                <th scope="col">Group</th>
                {r.atRisk.times.map((t) => (
                  <th scope="col" key={t}>
                    {fmt(t, 4)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Object.entries(r.atRisk.byGroup).map(([level, ns]) => (
                <tr key={level}>
                  <th scope="row">{level}</th>
                  {ns.map((n, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: one cell per fixed time
                    <td key={i}>{n}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <table className="grid" data-testid="medians">
            <caption>Median survival ({UNIT_LABEL[r.request.unit].toLowerCase()}, 95% CI)</caption>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">n</th>
                <th scope="col">Events</th>
                <th scope="col">Median</th>
                <th scope="col">95% CI</th>
              </tr>
            </thead>
            <tbody>
              {levels.map((g) => (
                <tr key={g.level}>
                  <th scope="row">
                    {r.groups.length > 0 ? levelLabel(r.request.groupBy, g.level, lang) : g.level}
                  </th>
                  <td>{g.n}</td>
                  <td>{g.events}</td>
                  <td>{g.median.median === null ? "not reached" : fmt(g.median.median)}</td>
                  <td>
                    {fmt(g.median.lower)} – {fmt(g.median.upper)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <ToxicityTable r={r} lang={lang} />
          {r.logrank && (
            <p data-testid="logrank">
              Log-rank test: χ² = {fmt(r.logrank.chisq, 4)} on {r.logrank.df} df,{" "}
              <strong>p = {fmtP(r.logrank.p)}</strong>
            </p>
          )}
          {cox?.status === "ok" ? (
            <table className="grid" data-testid="hazard-ratios">
              <caption>Cox proportional hazards (Efron ties): {r.cox?.formula}</caption>
              <thead>
                <tr>
                  <th scope="col">Term</th>
                  <th scope="col">Hazard ratio</th>
                  <th scope="col">95% CI</th>
                  <th scope="col">p</th>
                </tr>
              </thead>
              <tbody>
                {cox.terms.map((term, i) =>
                  unreliableTerms(cox.warnings).has(term) ? (
                    <tr key={term}>
                      <th scope="row">{term}</th>
                      <td colSpan={3}>not estimable (see the warning below)</td>
                    </tr>
                  ) : (
                    <tr key={term}>
                      <th scope="row">{term}</th>
                      <td>{fmt(cox.hr[i])}</td>
                      <td>
                        {fmt(cox.hrLower[i])} – {fmt(cox.hrUpper[i])}
                      </td>
                      <td>{fmtP(cox.p[i])}</td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          ) : (
            cox && <p className="muted">Cox model not estimated: {cox.message}</p>
          )}
          {cox?.status === "ok" && cox.warnings.length > 0 && (
            <ul className="warnings" data-testid="fit-warnings">
              {cox.warnings.map((w) => (
                <li key={w.code}>Warning: {fitWarningText(w)}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** Patients by worst adverse-event grade, per group (CTCAE v5 for drugs, CIRSE for procedures). */
function ToxicityTable({ r, lang }: { r: CohortResult; lang: Lang }) {
  return (
    <table className="grid" data-testid="toxicity">
      <caption>
        Patients by worst adverse-event grade: CTCAE v5 (systemic therapy) and CIRSE (procedures)
      </caption>
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col">n</th>
          {[1, 2, 3, 4, 5].map((g) => (
            <th scope="col" key={`c${g}`}>
              CTCAE {g}
            </th>
          ))}
          {[1, 2, 3, 4, 5, 6].map((g) => (
            <th scope="col" key={`i${g}`}>
              CIRSE {g}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {r.toxicity.map((t) => (
          <tr key={t.level}>
            <th scope="row">{r.groups.length > 0 ? levelLabel(r.request.groupBy, t.level, lang) : "All"}</th>
            <td>{t.n}</td>
            {t.ctcae.byGrade.map((n, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one cell per grade
              <td key={`c${i}`}>{n}</td>
            ))}
            {t.cirse.byGrade.map((n, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one cell per grade
              <td key={`i${i}`}>{n}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Select<K extends string>(props: {
  label: string;
  value: K;
  options: Readonly<Record<K, string>>;
  set: (v: K) => void;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.set(e.target.value as K)}>
        {(Object.entries(props.options) as [K, string][]).map(([k, label]) => (
          <option key={k} value={k}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

function Choice(props: {
  label: string;
  value: string;
  options: readonly string[];
  set: (v: string) => void;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.set(e.target.value)}>
        <option value="">Any</option>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {o === "none" ? "unknown" : o}
          </option>
        ))}
      </select>
    </label>
  );
}
