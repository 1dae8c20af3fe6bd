import { useMemo, useState } from "react";
import { api } from "../api.js";
import { date, patientName, str } from "../format.js";
import { Link } from "../router.js";
import { useAsync } from "../use-async.js";
import { canEdit, useUser } from "../user.js";

/** Fields a list row may carry when the server summarises a patient (stage, last modality, last response). */
const PAGE = 100;

const SUMMARY = {
  stage: "bclcStage",
  cnlc: "cnlcStage",
  modality: "lastModality",
  response: "lastResponse",
} as const;

export function PatientList() {
  const user = useUser();
  const [q, setQ] = useState("");
  const [stage, setStage] = useState("");
  const [modality, setModality] = useState("");
  const [response, setResponse] = useState("");
  const [pages, setPages] = useState(1);
  const [patients] = useAsync(async () => {
    const first = await api.patients(0, PAGE);
    const rest = await Promise.all(
      Array.from({ length: pages - 1 }, (_, i) => api.patients((i + 1) * PAGE, PAGE)),
    );
    return { items: [first, ...rest].flatMap((p) => p.items), total: first.total };
  }, [pages]);

  const rows = useMemo(() => {
    if (patients.state !== "ok") return [];
    const needle = q.trim().toLowerCase();
    return patients.value.items.filter((p) => {
      if (needle && ![patientName(p), str(p.mrn) ?? "", p.id].some((s) => s.toLowerCase().includes(needle)))
        return false;
      if (stage && str(p[SUMMARY.stage]) !== stage) return false;
      if (modality && str(p[SUMMARY.modality]) !== modality) return false;
      if (response && str(p[SUMMARY.response]) !== response) return false;
      return true;
    });
  }, [patients, q, stage, modality, response]);

  const values = (key: string) =>
    patients.state === "ok"
      ? [...new Set(patients.value.items.map((p) => str(p[key])).filter((s): s is string => !!s))].sort()
      : [];

  return (
    <main id="main" className="page">
      <div className="title-row">
        <h1>Patients</h1>
        {canEdit(user) && (
          <Link to="/patients/new" className="button">
            New patient
          </Link>
        )}
      </div>
      <form className="filters" aria-label="Search and filter patients" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search
          <input
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="Name, MRN or id"
          />
        </label>
        <Filter label="BCLC stage" value={stage} set={setStage} options={values(SUMMARY.stage)} />
        <Filter label="Last modality" value={modality} set={setModality} options={values(SUMMARY.modality)} />
        <Filter label="Last response" value={response} set={setResponse} options={values(SUMMARY.response)} />
      </form>
      {patients.state === "loading" && <p>Loading…</p>}
      {patients.state === "error" && <p className="error">{patients.error.message}</p>}
      {patients.state === "ok" && (
        <table className="grid">
          <caption className="sr-only">Patients ({rows.length})</caption>
          <thead>
            <tr>
              <th scope="col">Patient</th>
              {user.role !== "researcher" && <th scope="col">MRN</th>}
              <th scope="col">Born</th>
              <th scope="col">Sex</th>
              <th scope="col">BCLC</th>
              <th scope="col">CNLC</th>
              <th scope="col">Last modality</th>
              <th scope="col">Last response</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/patients/${encodeURIComponent(p.id)}`}>{patientName(p)}</Link>
                </td>
                {user.role !== "researcher" && <td>{str(p.mrn) ?? "—"}</td>}
                <td>{p.ageOver89 === true ? "age > 89" : date(p.birthDate)}</td>
                <td>{str(p.sex) ?? "—"}</td>
                <td>{str(p[SUMMARY.stage]) ?? "—"}</td>
                <td>{str(p[SUMMARY.cnlc]) ?? "—"}</td>
                <td>{str(p[SUMMARY.modality]) ?? "—"}</td>
                <td>{str(p[SUMMARY.response]) ?? "—"}</td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={8}>No patients match.</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {patients.state === "ok" && (
        <p className="muted" aria-live="polite">
          Showing {patients.value.items.length} of {patients.value.total} patients.{" "}
          {patients.value.items.length < patients.value.total && (
            <button type="button" className="secondary" onClick={() => setPages(pages + 1)}>
              Load {Math.min(PAGE, patients.value.total - patients.value.items.length)} more
            </button>
          )}
        </p>
      )}
    </main>
  );
}

function Filter(props: {
  label: string;
  value: string;
  set: (v: string) => void;
  options: readonly string[];
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.set(e.target.value)}>
        <option value="">Any</option>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}
