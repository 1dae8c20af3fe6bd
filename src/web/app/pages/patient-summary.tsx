import { useState } from "react";
import { LOCALE_META } from "../../education/strings.js";
import {
  type BclcStageWord,
  type CnlcStageWord,
  type ResponseWord,
  SUMMARY_TEXT,
  TREATMENT_TOPIC,
  type TreatmentWord,
  treatmentWord,
} from "../../education/summary-text.js";
import type { EducationLang } from "../../education/types.js";
import { date, str } from "../format.js";
import { loadPatient } from "../patient-data.js";
import { Link } from "../router.js";
import { useAsync } from "../use-async.js";

const PROCEDURE_WORD: Readonly<Record<string, TreatmentWord>> = {
  ctace: "tace",
  debtace: "tace",
  tae: "tace",
  haic: "haic",
  "tare-resin": "tare",
  "tare-glass": "tare",
  "thermal-ablation": "ablation",
  "radiofrequency-ablation": "ablation",
  "microwave-ablation": "ablation",
  cryoablation: "ablation",
  resection: "resection",
  "liver-transplant": "liver-transplant",
  radiotherapy: "radiotherapy",
};

/**
 * The personalised summary a clinician prints or shows to a patient: the stage in simple words,
 * the treatments the guidelines suggest (contraindicated ones left out), what has been done, the
 * latest response, and what happens next, in English or Chinese.
 */
export function PatientSummary({ id }: { id: string }) {
  const [lang, setLang] = useState<EducationLang>("en");
  const [data] = useAsync(() => loadPatient(id), [id]);
  if (data.state === "loading") return <p className="loading">Loading…</p>;
  if (data.state === "error")
    return (
      <main id="main" className="page">
        <p className="error">{data.error.message}</p>
      </main>
    );
  const d = data.value;
  const t = SUMMARY_TEXT[lang];
  const edu = LOCALE_META[lang];
  const a = d.assessment.ok ? d.assessment.value.assessment : undefined;
  const asOf = d.assessment.ok ? d.assessment.value.asOf : undefined;
  // Where the newest data cannot stage (values too old), the latest stage that could be
  // determined, with its date — never a stage without its date.
  const earlier = (system: "bclc" | "cnlc") =>
    d.assessment.ok
      ? [...d.assessment.value.stageHistory].reverse().find((p) => p[system] !== null)
      : undefined;
  const stageLine = (system: "bclc" | "cnlc") => {
    const r = a?.[system];
    if (r?.status === "ok") return { stage: r.stage, date: asOf };
    const p = earlier(system);
    return p ? { stage: p[system] as string, date: p.date } : undefined;
  };
  const bclcLine = stageLine("bclc");
  const cnlcLine = stageLine("cnlc");
  const words: TreatmentWord[] = [];
  if (d.plan.ok) {
    for (const g of [d.plan.value.bclc, d.plan.value.cnlc]) {
      for (const o of g.options) {
        const w = treatmentWord(o.code);
        if (w && o.verdict !== "contraindicated" && !words.includes(w)) words.push(w);
      }
    }
  }
  const history = [...d.procedures].sort((x, y) => (date(x.performedOn) < date(y.performedOn) ? -1 : 1));
  const last =
    d.response?.ok && d.response.value.status === "ok" ? d.response.value.timepoints.at(-1) : undefined;
  const lastResponse = last?.mrecist.overall;
  const responseWord =
    lastResponse && lastResponse in t.response ? (lastResponse as ResponseWord) : undefined;

  return (
    <main id="main" className="page summary" lang={edu.htmlLang}>
      <div className="title-row no-print" lang="en">
        <Link to={`/patients/${encodeURIComponent(id)}`}>← Back to the patient</Link>
        <fieldset className="lang-toggle">
          <legend>Language / 语言</legend>
          <label>
            <input type="radio" name="lang" checked={lang === "en"} onChange={() => setLang("en")} /> English
          </label>
          <label lang="zh-Hans">
            <input type="radio" name="lang" checked={lang === "zh"} onChange={() => setLang("zh")} /> 中文
          </label>
        </fieldset>
        <button type="button" onClick={() => window.print()}>
          {t.print}
        </button>
      </div>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <p className="notice-box" role="note">
        {edu.strings.disclaimer}
      </p>

      <section className="card" aria-labelledby="s-stage">
        <h2 id="s-stage">{t.stageHeading}</h2>
        <dl className="plain">
          <dt>{t.bclcLabel}</dt>
          <dd data-testid="summary-bclc">
            {bclcLine ? (
              <>
                <strong>{bclcLine.stage}</strong> — {t.bclc[bclcLine.stage as BclcStageWord]}{" "}
                <span className="fineprint">({t.asOf(bclcLine.date ?? "")})</span>
              </>
            ) : (
              t.stageUnknown
            )}
          </dd>
          <dt>{t.cnlcLabel}</dt>
          <dd data-testid="summary-cnlc">
            {cnlcLine ? (
              <>
                <strong>{cnlcLine.stage}</strong> — {t.cnlc[cnlcLine.stage as CnlcStageWord]}{" "}
                <span className="fineprint">({t.asOf(cnlcLine.date ?? "")})</span>
              </>
            ) : (
              t.stageUnknown
            )}
          </dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="s-treat">
        <h2 id="s-treat">{t.treatmentsHeading}</h2>
        {words.length === 0 ? (
          <p>{t.treatmentsNone}</p>
        ) : (
          <>
            <p>{t.treatmentsIntro}</p>
            <ul>
              {words.map((w) => {
                const topic = TREATMENT_TOPIC[w];
                return (
                  <li key={w}>
                    {t.treatments[w]}
                    {topic && (
                      <>
                        {" "}
                        <a href={`${edu.basePath}/${topic}`}>
                          {t.readMore}
                          <span className="sr-only">: {t.treatments[w]}</span>
                        </a>
                      </>
                    )}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </section>

      {history.length > 0 && (
        <section className="card" aria-labelledby="s-history">
          <h2 id="s-history">{t.historyHeading}</h2>
          <ul>
            {history.map((p) => {
              const w = PROCEDURE_WORD[str(p.modality) ?? ""];
              return (
                <li key={p.id}>
                  {date(p.performedOn)} — {w ? t.treatments[w] : (str(p.modality) ?? "")}
                </li>
              );
            })}
          </ul>
        </section>
      )}

      {responseWord && (
        <section className="card" aria-labelledby="s-response">
          <h2 id="s-response">{t.responseHeading}</h2>
          <p data-testid="summary-response">{t.response[responseWord]}</p>
        </section>
      )}

      <section className="card" aria-labelledby="s-next">
        <h2 id="s-next">{t.nextHeading}</h2>
        <ul>
          {t.next.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
        <p>
          <a href={`${edu.basePath}/benefits-and-risks#get-help`}>{t.getHelp}</a> ·{" "}
          <a href={edu.basePath}>{edu.strings.indexTitle}</a>
        </p>
      </section>
    </main>
  );
}
