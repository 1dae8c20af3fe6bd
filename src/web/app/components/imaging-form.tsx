import { type FormEvent, useState } from "react";
import { api, failureText } from "../api.js";
import { Choice, Text } from "../pages/patient-form.js";

interface Row {
  label: string;
  role: string;
  longest: string;
  viable: string;
}

/** A follow-up imaging time point: one row per known lesion, plus new lesions. */
export function ImagingForm(props: {
  patientId: string;
  lesionLabels: readonly string[];
  onSaved: () => void;
}) {
  const [studyDate, setStudyDate] = useState(new Date().toISOString().slice(0, 10));
  const [modality, setModality] = useState("CT");
  const [rows, setRows] = useState<Row[]>(() =>
    (props.lesionLabels.length > 0 ? props.lesionLabels : ["T1"]).map((label) => ({
      label,
      role: "target",
      longest: "",
      viable: "",
    })),
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (i: number, patch: Partial<Row>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.create(props.patientId, "imaging", {
        studyDate,
        modality,
        phase: "follow-up",
        measurements: rows
          .filter((r) => r.longest.trim() !== "" || r.viable.trim() !== "")
          .map((r) => ({
            lesionLabel: r.label,
            role: r.role,
            organ: "liver",
            longestDiameterMm: r.longest.trim() === "" ? null : Number(r.longest),
            viableDiameterMm: r.viable.trim() === "" ? null : Number(r.viable),
          })),
      });
      props.onSaved();
    } catch (err) {
      setError(failureText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="img-h">
      <h2 id="img-h">Add an imaging time point</h2>
      <div className="grid-form">
        <Text label="Study date" name="studyDate" type="date" value={studyDate} set={setStudyDate} />
        <Choice
          label="Modality"
          name="imgModality"
          value={modality}
          set={setModality}
          options={["CT", "MRI", "CEUS", "US"]}
        />
      </div>
      <table className="grid compact">
        <caption className="sr-only">Measurements</caption>
        <thead>
          <tr>
            <th scope="col">Lesion</th>
            <th scope="col">Role</th>
            <th scope="col">Longest (mm)</th>
            <th scope="col">Viable (mm)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
            <tr key={i}>
              <td>
                <input
                  aria-label={`Lesion ${i + 1} label`}
                  value={r.label}
                  onChange={(e) => set(i, { label: e.target.value })}
                />
              </td>
              <td>
                <select
                  aria-label={`Lesion ${i + 1} role`}
                  value={r.role}
                  onChange={(e) => set(i, { role: e.target.value })}
                >
                  <option value="target">target</option>
                  <option value="non-target">non-target</option>
                  <option value="new">new</option>
                </select>
              </td>
              <td>
                <input
                  aria-label={`Lesion ${r.label} longest diameter (mm)`}
                  inputMode="decimal"
                  value={r.longest}
                  onChange={(e) => set(i, { longest: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Lesion ${r.label} viable diameter (mm)`}
                  inputMode="decimal"
                  value={r.viable}
                  onChange={(e) => set(i, { viable: e.target.value })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="secondary"
        onClick={() =>
          setRows([...rows, { label: `N${rows.length + 1}`, role: "new", longest: "", viable: "" }])
        }
      >
        Add lesion
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Save time point"}
        </button>
      </div>
    </form>
  );
}
