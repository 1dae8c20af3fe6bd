import { type FormEvent, useState } from "react";
import { AssessmentCard } from "../components/assessment-card.js";
import { EligibilityTable } from "../components/eligibility.js";
import { ImagingForm } from "../components/imaging-form.js";
import { BurdenChart, LesionTable } from "../components/lesions.js";
import { PlanView } from "../components/plan.js";
import { ProcedureForm } from "../components/procedure-form.js";
import { Timeline } from "../components/timeline.js";
import { date, patientName, str } from "../format.js";
import {
  latestBilirubinMgDl,
  latestHeightWeight,
  loadPatient,
  type PatientAssessment,
} from "../patient-data.js";
import { Link } from "../router.js";
import { useAsync } from "../use-async.js";
import { canEdit, useUser } from "../user.js";

export function PatientPage({ id }: { id: string }) {
  const user = useUser();
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const [windowDays, setWindowDays] = useState<number | undefined>(undefined);
  const [data, reload] = useAsync(() => loadPatient(id, asOf, windowDays), [id, asOf, windowDays]);
  if (data.state === "loading") return <p className="loading">Loading…</p>;
  if (data.state === "error")
    return (
      <main id="main" className="page">
        <p className="error">{data.error.message}</p>
      </main>
    );
  const d = data.value;
  const p = d.patient;
  const lesionLabels = [
    ...new Set(
      d.imaging.flatMap((i) =>
        (Array.isArray(i.measurements) ? i.measurements : []).map(
          (m: Record<string, unknown>) => str(m.lesionLabel) ?? "",
        ),
      ),
    ),
  ].filter(Boolean);
  const hw = latestHeightWeight(d.observations);
  return (
    <main id="main" className="page">
      <div className="title-row">
        <h1>{patientName(p)}</h1>
        <div className="actions">
          {canEdit(user) && (
            <Link to={`/patients/${encodeURIComponent(p.id)}/edit`} className="button secondary">
              Edit / add values
            </Link>
          )}
          <Link to={`/patients/${encodeURIComponent(p.id)}/summary`} className="button secondary">
            Patient summary (EN/中文)
          </Link>
          <Link to={`/patients/${encodeURIComponent(p.id)}/board`} className="button">
            Tumour-board summary
          </Link>
        </div>
      </div>
      <p className="meta">
        {str(p.mrn) && <>MRN {str(p.mrn)} · </>}
        {p.ageOver89 === true ? "age > 89" : <>born {date(p.birthDate)}</>} ·{" "}
        {str(p.sex) ?? "sex not recorded"}
      </p>
      <AsOfControl
        asOf={d.assessment.ok ? d.assessment.value.asOf : (asOf ?? "")}
        windowDays={windowDays}
        used={d.assessment.ok ? d.assessment.value : undefined}
        onChange={(a, w) => {
          setAsOf(a);
          setWindowDays(w);
        }}
      />
      {d.assessment.ok ? (
        <AssessmentCard a={d.assessment.value.assessment} />
      ) : (
        <p className="error">Assessment not available: {d.assessment.message}</p>
      )}
      {d.assessment.ok && <EligibilityTable a={d.assessment.value.assessment} />}
      {d.plan.ok ? (
        <PlanView plan={d.plan.value} />
      ) : (
        <p className="muted">Plan not available: {d.plan.message}</p>
      )}
      <LesionTable imaging={d.imaging} response={d.response?.ok ? d.response.value : null} />
      <BurdenChart imaging={d.imaging} procedures={d.procedures} />
      <Timeline records={d} />
      {canEdit(user) && (
        <>
          <ProcedureForm
            patientId={p.id}
            {...hw}
            bilirubinMgDl={latestBilirubinMgDl(d.observations)}
            onSaved={reload}
          />
          <ImagingForm key={d.imaging.length} patientId={p.id} lesionLabels={lesionLabels} onSaved={reload} />
        </>
      )}
    </main>
  );
}

/** Months (or days, under two months) of an age in days. */
function ageText(days: number): string {
  return days < 60 ? `${days} days` : `${Math.round(days / 30.44)} months`;
}

/**
 * Which values the assessment used: the date it is "as of" (default: the newest data), the
 * validity policy (or a window the user sets), and every value too old to be used.
 */
function AsOfControl(props: {
  asOf: string;
  windowDays: number | undefined;
  used: PatientAssessment | undefined;
  onChange: (asOf: string, windowDays: number | undefined) => void;
}) {
  const [a, setA] = useState(props.asOf);
  const [w, setW] = useState(props.windowDays === undefined ? "" : String(props.windowDays));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(w);
    props.onChange(a, w.trim() !== "" && Number.isInteger(n) && n >= 0 ? n : undefined);
  };
  return (
    <form className="asof no-print" onSubmit={submit} aria-label="Assessment date">
      <label>
        Assess as of
        <input type="date" name="asOf" value={a} onChange={(e) => setA(e.target.value)} />
      </label>
      <label>
        at most this many days old (blank: labs 30, findings 90, imaging 90, standing facts until changed)
        <input name="windowDays" inputMode="numeric" value={w} onChange={(e) => setW(e.target.value)} />
      </label>
      <button type="submit" className="secondary">
        Re-assess
      </button>
      {props.used && (
        <p className="fineprint">
          {props.used.observationsUsed.length} observation(s) used
          {props.used.imagingUsed
            ? `; tumours from the imaging of ${props.used.imagingUsed.studyDate}`
            : "; no current imaging"}
          .
        </p>
      )}
      {props.used && props.used.stale.length > 0 && (
        <ul className="stale" aria-label="Values too old to use">
          {props.used.stale.map((i) => (
            <li key={i.path}>
              stale — {i.path} {typeof i.value === "object" ? "" : String(i.value)} from {i.date.slice(0, 10)}{" "}
              ({ageText(i.ageDays)}; valid {i.validityDays} days): not used — a new record decides it
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
