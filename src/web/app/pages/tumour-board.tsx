import { AssessmentCard } from "../components/assessment-card.js";
import { BurdenChart, LesionTable } from "../components/lesions.js";
import { PlanView } from "../components/plan.js";
import { date, patientName, str } from "../format.js";
import { loadPatient } from "../patient-data.js";
import { Link } from "../router.js";
import { useAsync } from "../use-async.js";

/** One page for the tumour board: prints on A4 (print CSS hides the workspace chrome). */
export function TumourBoard({ id }: { id: string }) {
  const [data] = useAsync(() => loadPatient(id), [id]);
  if (data.state === "loading") return <p className="loading">Loading…</p>;
  if (data.state === "error")
    return (
      <main id="main" className="page">
        <p className="error">{data.error.message}</p>
      </main>
    );
  const d = data.value;
  const p = d.patient;
  const procedures = [...d.procedures].sort((a, b) => (date(a.performedOn) < date(b.performedOn) ? -1 : 1));
  return (
    <main id="main" className="page board">
      <div className="title-row no-print">
        <Link to={`/patients/${encodeURIComponent(p.id)}`}>← Back to the patient</Link>
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <h1>Tumour board — {patientName(p)}</h1>
      <p className="meta">
        {str(p.mrn) && <>MRN {str(p.mrn)} · </>}
        {p.ageOver89 === true ? "age > 89" : <>born {date(p.birthDate)}</>} · {str(p.sex) ?? "—"} · prepared{" "}
        {new Date().toISOString().slice(0, 10)}
      </p>
      {d.assessment.ok ? (
        <>
          <p className="fineprint">
            Assessment as of {d.assessment.value.asOf} (the newest data; each value within its validity
            {d.assessment.value.stale.length > 0
              ? `; stale, not used: ${d.assessment.value.stale.map((i) => `${i.path} from ${i.date.slice(0, 10)}`).join(", ")}`
              : ""}
            ).
          </p>
          <AssessmentCard a={d.assessment.value.assessment} compact />
        </>
      ) : (
        <p className="error">{d.assessment.message}</p>
      )}
      {d.plan.ok && <PlanView plan={d.plan.value} />}
      <section className="card" aria-labelledby="proc-list-h">
        <h2 id="proc-list-h">Treatments so far</h2>
        {procedures.length === 0 ? (
          <p className="muted">None recorded.</p>
        ) : (
          <ul>
            {procedures.map((x) => (
              <li key={x.id}>
                {date(x.performedOn)} — {(str(x.modality) ?? "").toUpperCase()}
                {Array.isArray(x.drugs) &&
                  x.drugs.length > 0 &&
                  `: ${x.drugs.map((g: Record<string, unknown>) => `${String(g.drug)} ${g.dose ?? ""} ${g.unit ?? ""}`.trim()).join(", ")}`}
              </li>
            ))}
          </ul>
        )}
      </section>
      <LesionTable imaging={d.imaging} response={d.response?.ok ? d.response.value : null} />
      <BurdenChart imaging={d.imaging} procedures={d.procedures} />
      <section className="card signoff" aria-labelledby="decision-h">
        <h2 id="decision-h">Board decision</h2>
        <p className="write-in">Recommendation: ____________________________________________</p>
        <p className="write-in">Chair: ______________________ Date: ____________</p>
      </section>
    </main>
  );
}
