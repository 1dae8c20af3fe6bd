import { useId } from "react";
import type { Analyte } from "../../../clinical/units/analytes.js";
import { checkLab, unitLabel } from "../labs.js";

export interface LabValue {
  readonly raw: string;
  readonly unit: string;
}

/** One lab: value, unit picker, and a flag shown as soon as the typed value is not acceptable. */
export function LabInput(props: {
  analyte: Analyte;
  label: string;
  units: readonly string[];
  value: LabValue;
  onChange: (v: LabValue) => void;
}) {
  const id = useId();
  const check = checkLab(props.analyte, props.value.unit, props.value.raw);
  const invalid = check.state === "error";
  return (
    <div className={`lab${invalid ? " lab-invalid" : ""}`}>
      <label htmlFor={`${id}-v`}>{props.label}</label>
      <div className="lab-row">
        <input
          id={`${id}-v`}
          name={props.analyte}
          inputMode="decimal"
          autoComplete="off"
          value={props.value.raw}
          aria-invalid={invalid}
          aria-describedby={invalid ? `${id}-e` : undefined}
          onChange={(e) => props.onChange({ ...props.value, raw: e.target.value })}
        />
        {props.units.length > 1 ? (
          <select
            aria-label={`${props.label} unit`}
            name={`${props.analyte}-unit`}
            value={props.value.unit}
            onChange={(e) => props.onChange({ ...props.value, unit: e.target.value })}
          >
            {props.units.map((u) => (
              <option key={u} value={u}>
                {unitLabel(u)}
              </option>
            ))}
          </select>
        ) : (
          <span className="unit">{unitLabel(props.value.unit)}</span>
        )}
      </div>
      {invalid && (
        <p id={`${id}-e`} className="field-error" role="alert">
          {check.message}
        </p>
      )}
    </div>
  );
}
