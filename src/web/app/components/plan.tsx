import { MODALITY_TERMS, OPTION_TERMS } from "../../../clinical/vocabulary/index.js";
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
      {plan.missingToDecide.length > 0 && <Missing paths={plan.missingToDecide} />}
    </section>
  );
}
