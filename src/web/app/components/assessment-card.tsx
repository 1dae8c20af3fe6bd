import { stagingDisagreements } from "../../../clinical/staging/concordance.js";
import { joinList, OPTION_TERMS } from "../../../clinical/vocabulary/index.js";
import type { Assessment } from "../clinical-types.js";
import { round } from "../format.js";
import { useLang } from "../i18n.js";
import { allMissing, Missing, RuleValue, Why } from "./rule.js";

/** Staging, liver function and tumour burden, each with its reason and source on expand. */
export function AssessmentCard({ a, compact = false }: { a: Assessment; compact?: boolean }) {
  const lang = useLang();
  const options = (codes: readonly (keyof typeof OPTION_TERMS)[]) =>
    joinList(
      codes.map((c) => OPTION_TERMS[c][lang]),
      lang,
    );
  const disagreements = stagingDisagreements(a.bclc, a.cnlc);
  const missing = allMissing([a.bclc, a.cnlc, a.childPugh, a.albi, a.meld, a.milan, a.upToSeven, a.ecog]);
  return (
    <section className="card assessment" aria-labelledby="assessment-h">
      <h2 id="assessment-h">Assessment</h2>
      {a.status === "invalid" && (
        <div className="error" role="alert">
          <p>Some recorded values are not valid; results that depend on them are not computed.</p>
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
                Stage <strong>{a.bclc.stage}</strong>
                {a.bclc.bSubgroup && <span className="sub"> ({a.bclc.bSubgroup})</span>}
              </p>
              {a.bclc.optionsStatus === "ok" ? (
                <p>
                  First options: {options(a.bclc.options) || "—"}
                  {a.bclc.alternatives.length > 0 && <> · alternatives: {options(a.bclc.alternatives)}</>}
                </p>
              ) : (
                <>
                  <p>First options: not determined yet.</p>
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
          <Why r={a.bclc} summary="Reason and source" />
        </div>
        <div className="stage-box" data-testid="cnlc">
          <h3>CNLC 2024</h3>
          {a.cnlc.status === "ok" ? (
            <>
              <p className="stage">
                Stage <strong>{a.cnlc.stage}</strong>
              </p>
              <p>Options: {options(a.cnlc.options) || "—"}</p>
            </>
          ) : (
            <>
              <p className="stage muted">Not staged</p>
              {a.cnlc.status === "indeterminate" && <Missing paths={a.cnlc.missing} />}
            </>
          )}
          <Why r={a.cnlc} summary="Reason and source" />
        </div>
      </div>
      {disagreements.length > 0 && (
        <div className="disagreements">
          <h3>Where BCLC and CNLC disagree</h3>
          <ul>
            {disagreements.map((d) => (
              <li key={d.rule}>
                {d.text}{" "}
                <details className="why inline">
                  <summary>Source</summary>
                  <p className="citation">{d.citation}</p>
                </details>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="columns">
        <div>
          <h3>Liver function</h3>
          <dl className="rules">
            <RuleValue label="Child-Pugh" r={a.childPugh}>
              {(r) => `${r.class} (${r.score} points)`}
            </RuleValue>
            <RuleValue label="ALBI" r={a.albi}>
              {(r) => `grade ${r.grade} (${round(r.score, 2)}; mALBI ${r.mAlbiGrade})`}
            </RuleValue>
            {!compact && (
              <RuleValue label="MELD" r={a.meld}>
                {(r) => String(r.score)}
              </RuleValue>
            )}
            <RuleValue label="ECOG" r={a.ecog}>
              {(r) => String(r.grade)}
            </RuleValue>
          </dl>
        </div>
        <div>
          <h3>Tumour burden</h3>
          <dl className="rules">
            <RuleValue label="Milan" r={a.milan}>
              {(r) => (r.within ? "within" : "beyond")}
            </RuleValue>
            <RuleValue label="UCSF" r={a.ucsf}>
              {(r) => (r.within ? "within" : "beyond")}
            </RuleValue>
            <RuleValue label="Up-to-seven" r={a.upToSeven}>
              {(r) => `${r.within ? "within" : "beyond"} (sum ${round(r.sum)})`}
            </RuleValue>
            {!compact && (
              <RuleValue label="Six-and-twelve" r={a.sixAndTwelve}>
                {(r) => `${r.stratum} (sum ${round(r.sum)})`}
              </RuleValue>
            )}
          </dl>
        </div>
      </div>
      {missing.length > 0 && (
        <div className="to-decide">
          <h3>Still missing</h3>
          <Missing paths={missing} />
        </div>
      )}
      <p className="fineprint">
        Rules version {a.rulesVersion}. {a.notice}
      </p>
    </section>
  );
}
