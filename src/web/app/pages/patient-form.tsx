import { type FormEvent, useEffect, useState } from "react";
import type { Analyte } from "../../../clinical/units/analytes.js";
import { ECOG_LOINC, HEIGHT_LOINC, WEIGHT_LOINC } from "../../../fhir/codes.js";
import { ApiFailure, type ApiRecord, api } from "../api.js";
import { LabInput, type LabValue } from "../components/lab-input.js";
import { str } from "../format.js";
import { useLang } from "../i18n.js";
import { checkLab, FINDING_SYSTEM, LAB_DEFS, LOINC, labLabel, loincOf, ucumOf } from "../labs.js";
import { Link, navigate } from "../router.js";
import { canEdit, useUser } from "../user.js";

interface Tumour {
  label: string;
  segment: string;
  diameterMm: string;
  viableMm: string;
}

const today = () => new Date().toISOString().slice(0, 10);

const FINDING_OPTIONS = {
  ascites: ["none", "mild", "moderate-severe"],
  encephalopathy: ["none", "grade-1-2", "grade-3-4"],
  "portal-vein-invasion": ["", "Vp1", "Vp2", "Vp3", "Vp4"],
} as const;

/** Create a patient, or edit one (demographics replaced; clinical values added as new observations). */
/** Yes/no judgements stored as findings (src/fhir/codes.ts), in the order a clinician meets them. */
const JUDGEMENTS = [
  ["portalHypertension", "Clinically significant portal hypertension"],
  ["liverPreserved", "Liver function preserved (BCLC)"],
  ["ecogCancerRelated", "Performance status impairment is cancer-related"],
  ["wellDefined", "BCLC B: well-defined nodules"],
  ["portalFlow", "BCLC B: portal flow preserved"],
  ["selectiveAccess", "BCLC B: selective access to feeding arteries"],
  ["bilobar", "BCLC B: extensive bilobar involvement"],
] as const;

export function PatientForm({ id }: { id?: string }) {
  const lang = useLang();
  const user = useUser();
  const [existing, setExisting] = useState<ApiRecord | null>(null);
  const [demo, setDemo] = useState({ mrn: "", familyName: "", givenName: "", birthDate: "", sex: "" });
  const [asOf, setAsOf] = useState(today());
  const [status, setStatus] = useState({
    height: "",
    weight: "",
    ecog: "",
    ascites: "",
    encephalopathy: "",
    cirrhosis: "",
    macrovascular: "",
    portalVein: "",
    extrahepatic: "",
    transplant: "",
    portalHypertension: "",
    liverPreserved: "",
    ecogCancerRelated: "",
    wellDefined: "",
    portalFlow: "",
    selectiveAccess: "",
    bilobar: "",
  });
  const [labs, setLabs] = useState<Record<string, LabValue>>(() =>
    Object.fromEntries(LAB_DEFS.map((d) => [d.analyte, { raw: "", unit: d.units[0] ?? "" }])),
  );
  const [imaging, setImaging] = useState({
    modality: "CT",
    tumours: [{ label: "T1", segment: "", diameterMm: "", viableMm: "" }] as Tumour[],
  });
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!id) return;
    api.patient(id).then(
      (p) => {
        setExisting(p);
        setDemo({
          mrn: str(p.mrn) ?? "",
          familyName: str(p.familyName) ?? "",
          givenName: str(p.givenName) ?? "",
          birthDate: str(p.birthDate) ?? "",
          sex: str(p.sex) ?? "",
        });
      },
      (e: Error) => setErrors([e.message]),
    );
  }, [id]);

  if (!canEdit(user)) {
    return (
      <main id="main" className="page">
        <h1>Read-only access</h1>
        <p>Researchers read de-identified data and cannot create or edit patients.</p>
      </main>
    );
  }

  const labProblems = LAB_DEFS.filter(
    (d) => checkLab(d.analyte, labs[d.analyte]?.unit ?? "", labs[d.analyte]?.raw ?? "").state === "error",
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (labProblems.length > 0) {
      setErrors(labProblems.map((d) => `${labLabel(d.analyte, lang)}: check the value`));
      return;
    }
    setBusy(true);
    setErrors([]);
    try {
      const body = Object.fromEntries(Object.entries(demo).map(([k, v]) => [k, v === "" ? null : v]));
      const patient = existing
        ? await api.updatePatient(existing.id, existing.version, body)
        : await api.createPatient(body);
      const effectiveAt = asOf;
      const observations: Record<string, unknown>[] = [];
      const quantity = (code: string, value: string, unit: string) => {
        if (value.trim() !== "")
          observations.push({
            system: LOINC,
            code,
            value: Number(value.replace(",", ".")),
            unit,
            effectiveAt,
          });
      };
      const finding = (code: string, valueCode: string) => {
        if (valueCode !== "") observations.push({ system: FINDING_SYSTEM, code, valueCode, effectiveAt });
      };
      quantity(HEIGHT_LOINC, status.height, "cm");
      quantity(WEIGHT_LOINC, status.weight, "kg");
      if (status.ecog !== "")
        observations.push({ system: LOINC, code: ECOG_LOINC, value: Number(status.ecog), effectiveAt });
      finding("ascites", status.ascites);
      finding("encephalopathy", status.encephalopathy);
      finding("cirrhosis", status.cirrhosis);
      finding("macrovascular-invasion", status.macrovascular);
      finding("portal-vein-invasion", status.macrovascular === "true" ? status.portalVein : "");
      finding("extrahepatic-spread", status.extrahepatic);
      finding("transplant-candidate", status.transplant);
      finding("portal-hypertension", status.portalHypertension);
      finding("liver-function-preserved", status.liverPreserved);
      finding("ecog-cancer-related", status.ecogCancerRelated);
      finding("tace-well-defined-nodules", status.wellDefined);
      finding("tace-portal-flow-preserved", status.portalFlow);
      finding("tace-selective-access", status.selectiveAccess);
      finding("tace-extensive-bilobar", status.bilobar);
      for (const d of LAB_DEFS) {
        const v = labs[d.analyte];
        if (v && v.raw.trim() !== "")
          quantity(loincOf(d.analyte), v.raw, ucumOf(d.analyte as Analyte, v.unit));
      }
      for (const o of observations) await api.create(patient.id, "observations", o);
      const measured = imaging.tumours.filter((t) => t.diameterMm.trim() !== "");
      if (!existing) {
        for (const t of measured) {
          await api.create(patient.id, "tumours", {
            label: t.label,
            ...(t.segment.trim() !== "" ? { segment: t.segment.trim() } : {}),
            diagnosedOn: asOf,
          });
        }
      }
      if (measured.length > 0) {
        await api.create(patient.id, "imaging", {
          studyDate: asOf,
          modality: imaging.modality,
          phase: existing ? "follow-up" : "baseline",
          measurements: measured.map((t) => ({
            lesionLabel: t.label,
            role: "target",
            organ: "liver",
            longestDiameterMm: Number(t.diameterMm),
            viableDiameterMm: t.viableMm.trim() === "" ? Number(t.diameterMm) : Number(t.viableMm),
          })),
        });
      }
      navigate(`/patients/${encodeURIComponent(patient.id)}`);
    } catch (err) {
      if (err instanceof ApiFailure) {
        setErrors(
          err.fieldErrors.length > 0 ? err.fieldErrors.map((f) => `${f.path}: ${f.message}`) : [err.message],
        );
      } else setErrors([String(err)]);
    } finally {
      setBusy(false);
    }
  }

  const setTumour = (i: number, patch: Partial<Tumour>) =>
    setImaging((im) => ({ ...im, tumours: im.tumours.map((t, j) => (j === i ? { ...t, ...patch } : t)) }));

  return (
    <main id="main" className="page">
      <h1>{existing ? "Edit patient" : "New patient"}</h1>
      <form onSubmit={submit} className="stack" noValidate>
        <fieldset>
          <legend>Patient</legend>
          <div className="grid-form">
            <Text label="MRN" name="mrn" value={demo.mrn} set={(mrn) => setDemo({ ...demo, mrn })} />
            <Text
              label="Family name"
              name="familyName"
              value={demo.familyName}
              set={(familyName) => setDemo({ ...demo, familyName })}
            />
            <Text
              label="Given name"
              name="givenName"
              value={demo.givenName}
              set={(givenName) => setDemo({ ...demo, givenName })}
            />
            <Text
              label="Birth date"
              name="birthDate"
              type="date"
              value={demo.birthDate}
              set={(birthDate) => setDemo({ ...demo, birthDate })}
            />
            <Choice
              label="Sex"
              name="sex"
              value={demo.sex}
              set={(sex) => setDemo({ ...demo, sex })}
              options={["", "female", "male", "other", "unknown"]}
            />
          </div>
        </fieldset>

        <fieldset>
          <legend>
            {existing
              ? "New clinical values (added to the record; earlier values are kept)"
              : "Clinical status"}
          </legend>
          <div className="grid-form">
            <Text label="Date of these values" name="asOf" type="date" value={asOf} set={setAsOf} />
            <Text
              label="Height (cm)"
              name="height"
              inputMode="decimal"
              value={status.height}
              set={(height) => setStatus({ ...status, height })}
            />
            <Text
              label="Weight (kg)"
              name="weight"
              inputMode="decimal"
              value={status.weight}
              set={(weight) => setStatus({ ...status, weight })}
            />
            <Choice
              label="ECOG performance status"
              name="ecog"
              value={status.ecog}
              set={(ecog) => setStatus({ ...status, ecog })}
              options={["", "0", "1", "2", "3", "4"]}
            />
            <Choice
              label="Ascites"
              name="ascites"
              value={status.ascites}
              set={(ascites) => setStatus({ ...status, ascites })}
              options={["", ...FINDING_OPTIONS.ascites]}
            />
            <Choice
              label="Encephalopathy (West Haven)"
              name="encephalopathy"
              value={status.encephalopathy}
              set={(encephalopathy) => setStatus({ ...status, encephalopathy })}
              options={["", ...FINDING_OPTIONS.encephalopathy]}
            />
            <Choice
              label="Cirrhosis"
              name="cirrhosis"
              value={status.cirrhosis}
              set={(cirrhosis) => setStatus({ ...status, cirrhosis })}
              options={["", "true", "false"]}
            />
            <Choice
              label="Macrovascular invasion"
              name="macrovascular"
              value={status.macrovascular}
              set={(macrovascular) => setStatus({ ...status, macrovascular })}
              options={["", "true", "false"]}
            />
            {status.macrovascular === "true" && (
              <Choice
                label="Portal vein invasion (Vp)"
                name="portalVein"
                value={status.portalVein}
                set={(portalVein) => setStatus({ ...status, portalVein })}
                options={FINDING_OPTIONS["portal-vein-invasion"]}
              />
            )}
            <Choice
              label="Extrahepatic spread"
              name="extrahepatic"
              value={status.extrahepatic}
              set={(extrahepatic) => setStatus({ ...status, extrahepatic })}
              options={["", "true", "false"]}
            />
            <Choice
              label="Transplant candidate (clinician judgement)"
              name="transplant"
              value={status.transplant}
              set={(transplant) => setStatus({ ...status, transplant })}
              options={["", "true", "false"]}
            />
          </div>
        </fieldset>

        <fieldset>
          <legend>Clinician judgements the guidelines ask for</legend>
          <p className="hint">
            BCLC 2022 leaves these to the treating team; left empty, the assessment says what it cannot decide
            without them.
          </p>
          <div className="grid-form">
            {JUDGEMENTS.map(([key, label]) => (
              <Choice
                key={key}
                label={label}
                name={key}
                value={status[key]}
                set={(value) => setStatus({ ...status, [key]: value })}
                options={["", "true", "false"]}
              />
            ))}
          </div>
        </fieldset>

        <fieldset>
          <legend>Laboratory values</legend>
          <p className="hint">
            Choose the unit the report uses; values are stored with their unit and never silently converted.
          </p>
          <div className="grid-form">
            {LAB_DEFS.map((d) => (
              <LabInput
                key={d.analyte}
                analyte={d.analyte}
                label={labLabel(d.analyte, lang)}
                units={d.units}
                value={labs[d.analyte] ?? { raw: "", unit: d.units[0] ?? "" }}
                onChange={(v) => setLabs({ ...labs, [d.analyte]: v })}
              />
            ))}
          </div>
        </fieldset>

        <fieldset>
          <legend>{existing ? "Imaging (optional new time point)" : "Baseline imaging (optional)"}</legend>
          <Choice
            label="Modality"
            name="imagingModality"
            value={imaging.modality}
            set={(modality) => setImaging({ ...imaging, modality })}
            options={["CT", "MRI", "CEUS", "US"]}
          />
          <table className="grid compact">
            <caption className="sr-only">Liver tumours</caption>
            <thead>
              <tr>
                <th scope="col">Lesion</th>
                <th scope="col">Segment</th>
                <th scope="col">Longest diameter (mm)</th>
                <th scope="col">Viable diameter (mm)</th>
              </tr>
            </thead>
            <tbody>
              {imaging.tumours.map((t, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, never reordered
                <tr key={i}>
                  <td>
                    <input
                      aria-label={`Lesion ${i + 1} label`}
                      value={t.label}
                      onChange={(e) => setTumour(i, { label: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Lesion ${i + 1} segment`}
                      value={t.segment}
                      onChange={(e) => setTumour(i, { segment: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Lesion ${i + 1} longest diameter (mm)`}
                      inputMode="decimal"
                      value={t.diameterMm}
                      onChange={(e) => setTumour(i, { diameterMm: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Lesion ${i + 1} viable diameter (mm)`}
                      inputMode="decimal"
                      value={t.viableMm}
                      onChange={(e) => setTumour(i, { viableMm: e.target.value })}
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
              setImaging({
                ...imaging,
                tumours: [
                  ...imaging.tumours,
                  { label: `T${imaging.tumours.length + 1}`, segment: "", diameterMm: "", viableMm: "" },
                ],
              })
            }
          >
            Add lesion
          </button>
        </fieldset>

        {errors.length > 0 && (
          <div className="error" role="alert">
            <p>The record was not saved:</p>
            <ul>
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </div>
        )}
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? "Saving…" : existing ? "Save changes" : "Create patient"}
          </button>
          <Link to={existing ? `/patients/${encodeURIComponent(existing.id)}` : "/"}>Cancel</Link>
        </div>
      </form>
    </main>
  );
}

export function Text(props: {
  label: string;
  name: string;
  value: string;
  set: (v: string) => void;
  type?: string;
  inputMode?: "decimal" | "numeric";
  required?: boolean;
}) {
  return (
    <label>
      {props.label}
      <input
        name={props.name}
        type={props.type ?? "text"}
        inputMode={props.inputMode}
        required={props.required}
        value={props.value}
        onChange={(e) => props.set(e.target.value)}
      />
    </label>
  );
}

export function Choice(props: {
  label: string;
  name: string;
  value: string;
  set: (v: string) => void;
  options: readonly string[];
}) {
  return (
    <label>
      {props.label}
      <select name={props.name} value={props.value} onChange={(e) => props.set(e.target.value)}>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {o === "" ? "—" : o === "true" ? "yes" : o === "false" ? "no" : o}
          </option>
        ))}
      </select>
    </label>
  );
}
