/**
 * Dose calculators for the procedure form. Every constant and formula is the clinical core's
 * (src/clinical/dosing): the page only collects the inputs and shows the arithmetic. They give
 * ranges and checks for the operator, never a prescription.
 */
import { useState } from "react";
import { duboisBsa, mostellerBsa } from "../../../clinical/dosing/bsa.js";
import { DOXORUBICIN_MG_PER_M2, FOLFOX_HAIC, hepaticAdjustment } from "../../../clinical/dosing/chemo.js";
import {
  LIVER_DENSITY_G_PER_ML,
  LUNG_DOSE_LIMIT_GY,
  lungDoseGy,
  resinLungShuntFactor,
  Y90_GY_KG_PER_GBQ,
} from "../../../clinical/dosing/y90.js";
import { round } from "../format.js";

export interface DrugLine {
  readonly drug: string;
  readonly dose: number;
  readonly unit: string;
}

const n = (s: string) => {
  const v = Number(s.replace(",", "."));
  return s.trim() !== "" && Number.isFinite(v) ? v : undefined;
};

function Num(props: { label: string; value: string; set: (v: string) => void; name: string }) {
  return (
    <label>
      {props.label}
      <input
        name={props.name}
        inputMode="decimal"
        value={props.value}
        onChange={(e) => props.set(e.target.value)}
      />
    </label>
  );
}

/** Chemotherapy: BSA (Mosteller), doxorubicin per m² for TACE, FOLFOX-HAIC, hepatic reduction. */
export function ChemoCalculator(props: {
  heightCm?: number;
  weightKg?: number;
  bilirubinMgDl?: number;
  onUse: (lines: DrugLine[]) => void;
}) {
  const [h, setH] = useState(props.heightCm ? String(props.heightCm) : "");
  const [w, setW] = useState(props.weightKg ? String(props.weightKg) : "");
  const [perM2, setPerM2] = useState(String(DOXORUBICIN_MG_PER_M2.low));
  const hv = n(h);
  const wv = n(w);
  const bsa = hv && wv ? mostellerBsa(hv, wv) : undefined;
  const adj = props.bilirubinMgDl !== undefined ? hepaticAdjustment(props.bilirubinMgDl) : undefined;
  const factor = adj?.factor ?? 1;
  const dox = bsa && n(perM2) ? Math.round(bsa * (n(perM2) ?? 0) * factor * 10) / 10 : undefined;
  const haic = FOLFOX_HAIC.he2019;
  return (
    <fieldset className="calculator">
      <legend>Chemotherapy dose calculator</legend>
      <div className="grid-form">
        <Num label="Height (cm)" name="calc-height" value={h} set={setH} />
        <Num label="Weight (kg)" name="calc-weight" value={w} set={setW} />
        <Num
          label={`Doxorubicin (mg/m², range ${DOXORUBICIN_MG_PER_M2.low}–${DOXORUBICIN_MG_PER_M2.high})`}
          name="calc-dox"
          value={perM2}
          set={setPerM2}
        />
      </div>
      <output className="calc-out" aria-live="polite">
        {bsa ? (
          <>
            <p>
              BSA (Mosteller) <strong>{round(bsa, 2)} m²</strong>
              {adj && ` · ${adj.text}`}
            </p>
            <p>
              TACE doxorubicin: <strong>{dox ?? "—"} mg</strong>
              {factor !== 1 && ` (after hepatic reduction × ${factor})`}
            </p>
            <p>
              FOLFOX-HAIC (He 2019): oxaliplatin {round(haic.oxaliplatin * bsa)} mg, leucovorin{" "}
              {round(haic.leucovorin * bsa)} mg, 5-FU {round(haic.fluorouracilBolus * bsa)} mg bolus +{" "}
              {round(haic.fluorouracilInfusion * bsa)} mg over {haic.infusionHours} h
            </p>
          </>
        ) : (
          <p className="muted">Enter height and weight.</p>
        )}
      </output>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={!dox || factor === 0}
          onClick={() => dox && props.onUse([{ drug: "doxorubicin", dose: dox, unit: "mg" }])}
        >
          Use doxorubicin dose
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!bsa}
          onClick={() =>
            bsa &&
            props.onUse([
              { drug: "oxaliplatin", dose: Math.round(haic.oxaliplatin * bsa), unit: "mg" },
              { drug: "leucovorin", dose: Math.round(haic.leucovorin * bsa), unit: "mg" },
              {
                drug: "fluorouracil",
                dose: Math.round((haic.fluorouracilBolus + haic.fluorouracilInfusion) * bsa),
                unit: "mg",
              },
            ])
          }
        >
          Use FOLFOX-HAIC doses
        </button>
      </div>
    </fieldset>
  );
}

/** Y-90: glass (MIRD single compartment) and resin (BSA method), with the lung dose check. */
export function Y90Calculator(props: {
  heightCm?: number;
  weightKg?: number;
  onUse: (lines: DrugLine[]) => void;
}) {
  const [device, setDevice] = useState<"glass" | "resin">("glass");
  const [doseGy, setDoseGy] = useState("120");
  const [perfused, setPerfused] = useState("");
  const [liver, setLiver] = useState("");
  const [tumour, setTumour] = useState("");
  const [lsf, setLsf] = useState("");
  const [h, setH] = useState(props.heightCm ? String(props.heightCm) : "");
  const [w, setW] = useState(props.weightKg ? String(props.weightKg) : "");
  const lsfV = n(lsf) ?? 0;
  let activity: number | undefined;
  let how = "";
  if (device === "glass") {
    const v = n(perfused);
    const d = n(doseGy);
    if (v && d) {
      const massKg = (v * LIVER_DENSITY_G_PER_ML) / 1000;
      activity = (d * massKg) / (Y90_GY_KG_PER_GBQ.glass * (1 - lsfV / 100));
      how = `A = ${d} Gy × ${round(massKg, 3)} kg / (${Y90_GY_KG_PER_GBQ.glass} × (1 − ${lsfV} %))`;
    }
  } else {
    const hv = n(h);
    const wv = n(w);
    const lv = n(liver);
    const tv = n(tumour) ?? 0;
    const f = resinLungShuntFactor(lsfV);
    if (hv && wv && lv) {
      const bsa = duboisBsa(hv, wv);
      activity = (bsa - 0.2 + tv / lv) * f;
      how = `A = (BSA ${round(bsa, 2)} − 0.2 + ${tv}/${lv}) × LSF factor ${f}`;
    }
  }
  const k = Y90_GY_KG_PER_GBQ[device];
  const lung = activity !== undefined ? lungDoseGy(k, activity, lsfV, 1) : undefined;
  const lungOk = lung !== undefined && lung <= LUNG_DOSE_LIMIT_GY.single;
  return (
    <fieldset className="calculator">
      <legend>Y-90 activity calculator</legend>
      <div className="grid-form">
        <label>
          Device
          <select
            name="y90-device"
            value={device}
            onChange={(e) => setDevice(e.target.value === "resin" ? "resin" : "glass")}
          >
            <option value="glass">glass (MIRD)</option>
            <option value="resin">resin (BSA method)</option>
          </select>
        </label>
        <Num label="Lung shunt fraction (%)" name="y90-lsf" value={lsf} set={setLsf} />
        {device === "glass" ? (
          <>
            <Num label="Target dose (Gy)" name="y90-dose" value={doseGy} set={setDoseGy} />
            <Num label="Perfused volume (mL)" name="y90-perfused" value={perfused} set={setPerfused} />
          </>
        ) : (
          <>
            <Num label="Height (cm)" name="y90-height" value={h} set={setH} />
            <Num label="Weight (kg)" name="y90-weight" value={w} set={setW} />
            <Num label="Liver volume (mL)" name="y90-liver" value={liver} set={setLiver} />
            <Num label="Tumour volume (mL)" name="y90-tumour" value={tumour} set={setTumour} />
          </>
        )}
      </div>
      <output className="calc-out" aria-live="polite">
        {activity !== undefined ? (
          <>
            <p>
              Activity <strong>{round(activity, 2)} GBq</strong> <span className="muted">({how})</span>
            </p>
            <p className={lungOk ? "" : "bad"}>
              Lung dose {round(lung, 1)} Gy (1 kg lung; limit {LUNG_DOSE_LIMIT_GY.single} Gy per session):{" "}
              {lungOk ? "within the limit" : "ABOVE THE LIMIT — do not treat at this activity"}
            </p>
          </>
        ) : (
          <p className="muted">Enter the inputs of the chosen method.</p>
        )}
      </output>
      <button
        type="button"
        className="secondary"
        disabled={activity === undefined || activity <= 0 || !lungOk}
        onClick={() =>
          activity &&
          props.onUse([
            { drug: `Y-90 ${device} microspheres`, dose: Math.round(activity * 100) / 100, unit: "GBq" },
          ])
        }
      >
        Use this activity
      </button>
    </fieldset>
  );
}
