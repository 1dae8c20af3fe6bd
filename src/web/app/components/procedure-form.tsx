import { type FormEvent, useState } from "react";
import { api, failureText } from "../api.js";
import { Choice, Text } from "../pages/patient-form.js";
import { ChemoCalculator, type DrugLine, Y90Calculator } from "./dose-calculators.js";

/** Procedure modalities as the API names them (the store's PROCEDURE_MODALITIES, interventional subset). */
const MODALITIES = [
  "ctace",
  "debtace",
  "tae",
  "haic",
  "tare-resin",
  "tare-glass",
  "radiofrequency-ablation",
  "microwave-ablation",
  "cryoablation",
  "other",
] as const;
const ACCESS = ["", "femoral", "radial", "brachial", "percutaneous", "surgical", "other"];
const SELECTIVITY = ["", "lobar", "segmental", "subsegmental", "superselective"];
const END_POINTS = ["", "complete-stasis", "near-stasis", "substasis", "pruned-tree", "other"];

interface Line {
  drug: string;
  dose: string;
  unit: string;
}

/** A structured procedure record with the dose calculators beside it. */
export function ProcedureForm(props: {
  patientId: string;
  heightCm?: number;
  weightKg?: number;
  bilirubinMgDl?: number;
  onSaved: () => void;
}) {
  const [f, setF] = useState({
    modality: "ctace",
    performedOn: new Date().toISOString().slice(0, 10),
    operator: "",
    accessRoute: "femoral",
    selectivity: "segmental",
    guidanceImaging: "DSA",
    embolicAgent: "",
    embolicEndPoint: "",
  });
  const [lines, setLines] = useState<Line[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const use = (ls: DrugLine[]) =>
    setLines((cur) => [...cur, ...ls.map((l) => ({ drug: l.drug, dose: String(l.dose), unit: l.unit }))]);
  const y90 = f.modality.startsWith("tare");

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = Object.fromEntries(
        Object.entries(f).map(([k, v]) => [k, v === "" ? null : v]),
      );
      body.drugs = lines
        .filter((l) => l.drug.trim() !== "")
        .map((l) => ({
          drug: l.drug,
          dose: l.dose.trim() === "" ? null : Number(l.dose),
          unit: l.unit || null,
        }));
      await api.create(props.patientId, "procedures", body);
      setLines([]);
      props.onSaved();
    } catch (err) {
      setError(failureText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="proc-h">
      <h2 id="proc-h">Record a procedure</h2>
      <div className="grid-form">
        <Choice
          label="Procedure"
          name="modality"
          value={f.modality}
          set={(modality) => setF({ ...f, modality })}
          options={MODALITIES}
        />
        <Text
          label="Date"
          name="performedOn"
          type="date"
          value={f.performedOn}
          set={(performedOn) => setF({ ...f, performedOn })}
        />
        <Text
          label="Operator"
          name="operator"
          value={f.operator}
          set={(operator) => setF({ ...f, operator })}
        />
        <Choice
          label="Access"
          name="accessRoute"
          value={f.accessRoute}
          set={(accessRoute) => setF({ ...f, accessRoute })}
          options={ACCESS}
        />
        <Choice
          label="Selectivity"
          name="selectivity"
          value={f.selectivity}
          set={(selectivity) => setF({ ...f, selectivity })}
          options={SELECTIVITY}
        />
        <Text
          label="Guidance imaging"
          name="guidanceImaging"
          value={f.guidanceImaging}
          set={(guidanceImaging) => setF({ ...f, guidanceImaging })}
        />
        <Text
          label="Embolic agent"
          name="embolicAgent"
          value={f.embolicAgent}
          set={(embolicAgent) => setF({ ...f, embolicAgent })}
        />
        <Choice
          label="Embolic end point"
          name="embolicEndPoint"
          value={f.embolicEndPoint}
          set={(embolicEndPoint) => setF({ ...f, embolicEndPoint })}
          options={END_POINTS}
        />
      </div>
      {y90 ? (
        <Y90Calculator heightCm={props.heightCm} weightKg={props.weightKg} onUse={use} />
      ) : (
        <ChemoCalculator
          heightCm={props.heightCm}
          weightKg={props.weightKg}
          bilirubinMgDl={props.bilirubinMgDl}
          onUse={use}
        />
      )}
      <fieldset>
        <legend>Drugs and activities given</legend>
        {lines.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
          <div className="drug-row" key={i}>
            <input
              aria-label={`Drug ${i + 1}`}
              value={l.drug}
              onChange={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, drug: e.target.value } : x)))}
            />
            <input
              aria-label={`Drug ${i + 1} dose`}
              inputMode="decimal"
              value={l.dose}
              onChange={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, dose: e.target.value } : x)))}
            />
            <input
              aria-label={`Drug ${i + 1} unit`}
              value={l.unit}
              onChange={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, unit: e.target.value } : x)))}
            />
            <button type="button" className="link" onClick={() => setLines(lines.filter((_, j) => j !== i))}>
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() => setLines([...lines, { drug: "", dose: "", unit: "mg" }])}
        >
          Add drug
        </button>
      </fieldset>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Save procedure"}
        </button>
      </div>
    </form>
  );
}
