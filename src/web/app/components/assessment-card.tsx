import { render } from "../../../clinical/messages/catalogue.js";
import { stagingDisagreements } from "../../../clinical/staging/concordance.js";
import {
  BCLC_STAGE_TERMS,
  CNLC_STAGE_TERMS,
  joinList,
  OPTION_TERMS,
  SIX_AND_TWELVE_TERMS,
  SYSTEM_TERMS,
} from "../../../clinical/vocabulary/index.js";
import type { Assessment } from "../clinical-types.js";
import { round } from "../format.js";
import { useLang, useText } from "../i18n.js";
import { allMissing, Missing, RuleValue, Why } from "./rule.js";

/** Staging, liver function and tumour burden, each with its reason and source on expand. */
export function AssessmentCard({ a, compact = false }: { a: Assessment; compact?: boolean }) {
  const lang = useLang();
  const text = useText();
  const inOrBeyond = (within: boolean) => text(within ? "within" : "beyond");
  const options = (codes: readonly (keyof typeof OPTION_TERMS)[]) =>
    joinList(
      codes.map((c) => OPTION_TERMS[c][lang]),
      lang,
    );
  const disagreements = stagingDisagreements(a.bclc, a.cnlc);
  const missing = allMissing([a.bclc, a.cnlc, a.childPugh, a.albi, a.meld, a.milan, a.upToSeven, a.ecog]);
  return (
    <section className="card assessment" aria-labelledby="assessment-h">
      <h2 id="assessment-h">{text("assessment")}</h2>
      {a.status === "invalid" && (
        <div className="error" role="alert">
          <p>{text("someInvalid")}</p>
          <ul>
            {(a.errors ?? []).map((e) => (
              <li key={e.path + e.code}>
                {e.path}: {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="staging">
        <div className="stage-box" data-testid="bclc">
          <h3>BCLC 2022</h3>
          {a.bclc.status === "ok" ? (
            <>
              <p className="stage">
                {text("stage")} <strong>{a.bclc.stage}</strong> {BCLC_STAGE_TERMS[a.bclc.stage][lang]}
                {a.bclc.bSubgroup && <span className="sub"> ({a.bclc.bSubgroup})</span>}
              </p>
              {a.bclc.optionsStatus === "ok" ? (
                <p>
                  {text("firstOptions")}: {options(a.bclc.options) || "—"}
                  {a.bclc.alternatives.length > 0 && (
                    <>
                      {" "}
                      · {text("alternatives")}: {options(a.bclc.alternatives)}
                    </>
                  )}
                </p>
              ) : (
                <>
                  <p>{text("optionsNotDetermined")}</p>
                  <Missing paths={"optionsMissing" in a.bclc ? a.bclc.optionsMissing : []} />
                </>
              )}
            </>
          ) : (
            <>
              <p className="stage muted">Not staged</p>
              {a.bclc.status === "indeterminate" && <Missing paths={a.bclc.missing} />}
            </>
          )}
          <Why r={a.bclc} summary={text("reasonAndSource")} />
        </div>
        <div className="stage-box" data-testid="cnlc">
          <h3>CNLC 2024</h3>
          {a.cnlc.status === "ok" ? (
            <>
              <p className="stage">
                {text("stage")}{" "}
                <strong>{lang === "en" ? a.cnlc.stage : CNLC_STAGE_TERMS[a.cnlc.stage].zh}</strong>
              </p>
              <p>
                {text("options")}: {options(a.cnlc.options) || "—"}
              </p>
            </>
          ) : (
            <>
              <p className="stage muted">Not staged</p>
              {a.cnlc.status === "indeterminate" && <Missing paths={a.cnlc.missing} />}
            </>
          )}
          <Why r={a.cnlc} summary={text("reasonAndSource")} />
        </div>
      </div>
      {disagreements.length > 0 && (
        <div className="disagreements">
          <h3>{text("disagree")}</h3>
          <ul>
            {disagreements.map((d) => (
              <li key={d.rule}>
                {render(d.message, lang)}{" "}
                <details className="why inline">
                  <summary>{text("source")}</summary>
                  <p className="citation">{d.citation}</p>
                </details>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="columns">
        <div>
          <h3>{text("liverFunction")}</h3>
          <dl className="rules">
            <RuleValue label={SYSTEM_TERMS.childPugh[lang]} r={a.childPugh}>
              {(r) => `${r.class} (${r.score} ${text("points")})`}
            </RuleValue>
            <RuleValue label={SYSTEM_TERMS.albi[lang]} r={a.albi}>
              {(r) =>
                lang === "zh"
                  ? `${r.grade}级（${round(r.score, 2)}；mALBI ${r.mAlbiGrade}级）`
                  : `grade ${r.grade} (${round(r.score, 2)}; mALBI ${r.mAlbiGrade})`
              }
            </RuleValue>
            {!compact && (
              <RuleValue label={SYSTEM_TERMS.meld[lang]} r={a.meld}>
                {(r) => String(r.score)}
              </RuleValue>
            )}
            <RuleValue label={SYSTEM_TERMS.ecog[lang]} r={a.ecog}>
              {(r) => String(r.grade)}
            </RuleValue>
          </dl>
        </div>
        <div>
          <h3>{text("tumourBurden")}</h3>
          <dl className="rules">
            <RuleValue label={SYSTEM_TERMS.milan[lang]} r={a.milan}>
              {(r) => inOrBeyond(r.within)}
            </RuleValue>
            <RuleValue label={SYSTEM_TERMS.ucsf[lang]} r={a.ucsf}>
              {(r) => inOrBeyond(r.within)}
            </RuleValue>
            <RuleValue label={SYSTEM_TERMS.upToSeven[lang]} r={a.upToSeven}>
              {(r) => `${inOrBeyond(r.within)} (${text("sum")} ${round(r.sum)})`}
            </RuleValue>
            {!compact && (
              <RuleValue label={SYSTEM_TERMS.sixAndTwelve[lang]} r={a.sixAndTwelve}>
                {(r) => `${SIX_AND_TWELVE_TERMS[r.stratum][lang]} (${text("sum")} ${round(r.sum)})`}
              </RuleValue>
            )}
            <RuleValue label={SYSTEM_TERMS.ajcc8[lang]} r={a.ajcc8}>
              {(r) => `${r.T ?? "TX"} ${r.N ?? "NX"} ${r.M} · ${r.stageGroup}`}
            </RuleValue>
          </dl>
        </div>
      </div>
      {missing.length > 0 && (
        <div className="to-decide">
          <h3>{text("stillMissing")}</h3>
          <Missing paths={missing} />
        </div>
      )}
      <p className="fineprint">
        {text("rulesVersion")} {a.rulesVersion}. {a.notice}
      </p>
    </section>
  );
}
