import {
  COMBINATION_STATUS_TERMS,
  MODALITY_TERMS,
  OPTION_TERMS,
  STANCE_TERMS,
} from "../../../clinical/vocabulary/index.js";
import type { GuidelinePlan, TreatmentPlan } from "../clinical-types.js";
import { useLang } from "../i18n.js";
import { PLAN_TEXT, UI } from "../ui-text.js";
import { Missing } from "./rule.js";

function Guideline({ g }: { g: GuidelinePlan }) {
  const lang = useLang();
  return (
    <div className="plan-col">
      <h3>
        {g.guideline}
        {g.stage ? ` — ${PLAN_TEXT.stage[lang]} ${g.stage}` : ""}
      </h3>
      {g.options.length === 0 ? (
        <p className="muted">{g.note}</p>
      ) : (
        <>
          <ol>
            {g.options.map((o) => (
              <li key={o.code} className={`verdict-line verdict-${o.verdict}`}>
                <strong>{OPTION_TERMS[o.code][lang]}</strong>{" "}
                <span className="muted">({PLAN_TEXT[o.role][lang]})</span>{" "}
                {o.verdict !== "not-assessed" && (
                  <span className={`verdict verdict-${o.verdict}`}>{PLAN_TEXT[o.verdict][lang]}</span>
                )}
                {o.regimen && o.regimen.verdict !== "no-contraindication-found" && (
                  <details className="why" data-testid={`regimen-${o.code}`}>
                    <summary>Contraindication check</summary>
                    <p>{o.regimen.reason}</p>
                    <ul>
                      {o.regimen.findings.map((f) => (
                        <li key={f.rule}>
                          {f.reason} <span className="citation">{f.citation}</span>
                        </li>
                      ))}
                    </ul>
                    <Missing paths={o.regimen.missing} />
                  </details>
                )}
                {o.modalities.length > 0 && (
                  <details className="why">
                    <summary>{PLAN_TEXT.perModality[lang]}</summary>
                    <ul>
                      {o.modalities.map((m) => (
                        <li key={m.modality}>
                          {MODALITY_TERMS[m.modality][lang]}: {PLAN_TEXT[m.verdict][lang]}
                          {m.reasons.length > 0 && ` — ${m.reasons.join("; ")}`}
                          <Missing paths={m.missing} />
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </li>
            ))}
          </ol>
          <p className="fineprint">{g.note}</p>
        </>
      )}
    </div>
  );
}

/** Every combination with its trial, where this patient fits, and BCLC 2022 beside CNLC 2024. */
function Combinations({ plan }: { plan: TreatmentPlan }) {
  const lang = useLang();
  const all = plan.combinations.filter((c) => c.positions !== undefined);
  if (all.length === 0) return null;
  return (
    <details className="why" data-testid="combinations">
      <summary>Combinations and adjuvant therapy: trial fit and guideline positions</summary>
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Combination</th>
            <th scope="col">This patient</th>
            <th scope="col">BCLC 2022</th>
            <th scope="col">CNLC 2024</th>
          </tr>
        </thead>
        <tbody>
          {all.map((c) => (
            <tr key={c.id} data-combination={c.id}>
              <th scope="row">
                {c.title}
                <div className="fineprint">{c.trial}</div>
              </th>
              <td>
                <span className={`verdict verdict-${c.status}`}>
                  {COMBINATION_STATUS_TERMS[c.status][lang]}
                </span>
                <ul className="fineprint">
                  {(c.fit ?? []).map((f) => (
                    <li key={f.criterion}>
                      {f.met === null ? "?" : f.met ? "✓" : "✗"} {f.required}: {f.observed ?? "unknown"}
                    </li>
                  ))}
                </ul>
                {c.regimen && <p className="fineprint">{c.regimen.reason}</p>}
              </td>
              {(["BCLC 2022", "CNLC 2024"] as const).map((g) => {
                const p = c.positions?.find((x) => x.guideline === g);
                return (
                  <td key={g}>
                    {p ? (
                      <>
                        <strong>{STANCE_TERMS[p.stance][lang]}</strong>
                        <div className="fineprint">{p.note}</div>
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** The plan: both guidelines' options joined with eligibility, and combinations worth discussing. */
export function PlanView({ plan }: { plan: TreatmentPlan }) {
  const lang = useLang();
  const worth = [...plan.combinations, ...plan.downstaging].filter((c) => c.status === "worth-discussing");
  return (
    <section className="card" aria-labelledby="plan-h">
      <h2 id="plan-h">{PLAN_TEXT.heading[lang]}</h2>
      <div className="columns">
        <Guideline g={plan.bclc} />
        <Guideline g={plan.cnlc} />
      </div>
      {worth.length > 0 && (
        <>
          <h3>{PLAN_TEXT.worthDiscussing[lang]}</h3>
          <ul>
            {worth.map((c) => (
              <li key={c.id}>
                <strong>{c.title}</strong>: {c.why}{" "}
                <details className="why inline">
                  <summary>{PLAN_TEXT.evidence[lang]}</summary>
                  <p>{c.evidence}</p>
                  <p className="citation">
                    {UI.source[lang]}: {c.citation}
                  </p>
                </details>
              </li>
            ))}
          </ul>
        </>
      )}
      <Combinations plan={plan} />
      {plan.missingToDecide.length > 0 && <Missing paths={plan.missingToDecide} />}
    </section>
  );
}
