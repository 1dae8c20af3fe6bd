/**
 * Unit spellings equivalent to an accepted one through UCUM (kept apart from quantity.ts so that
 * the UCUM library stays out of what the web bundle imports).
 */
import { ANALYTES, type Analyte, type AnalyteDef, type UnitDef } from "./analytes.js";
import { unitFor } from "./quantity.js";
import { isUcum, ucumConvert } from "./ucum.js";

/** Micro sign (U+00B5) and Greek small mu (U+03BC): UCUM writes the micro prefix as "u". */
const MICRO = /[\u00b5\u03bc]/g;

const equivalents = new Map<string, string | null>();

/**
 * The accepted spelling a unit string is equivalent to through UCUM, or `undefined`:
 * an accepted spelling as it is; else with the micro sign or Greek mu written "u" (UCUM's micro);
 * else a valid (case-sensitive) UCUM expression that converts to an accepted unit with factor 1
 * ("mg/dl" = "mg/dL", "umol/l"); else an accepted UCUM code matched without regard to case, which
 * is UCUM's own case-insensitive form ("MG/DL"). Memoised per analyte and spelling.
 */
export function acceptedSpelling(analyte: Analyte, unit: string): string | undefined {
  if (unitFor(analyte, unit)) return unit;
  const key = `${analyte}\u0000${unit}`;
  const hit = equivalents.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const found = findEquivalent(analyte, unit);
  equivalents.set(key, found ?? null);
  return found;
}

function findEquivalent(analyte: Analyte, unit: string): string | undefined {
  const units: AnalyteDef["units"] = ANALYTES[analyte].units;
  const micro = unit.trim().replace(MICRO, "u");
  if (Object.hasOwn(units, micro)) return micro;
  const spellings = Object.keys(units);
  if (isUcum(micro)) {
    for (const s of spellings) {
      const code = (units[s] as UnitDef).ucum;
      const x = ucumConvert(1, micro, code);
      if (x !== undefined && Math.abs(x - 1) < 1e-12) return s;
    }
  }
  const folded = micro.toLowerCase();
  return spellings.find(
    (s) => (units[s] as UnitDef).ucum.toLowerCase() === folded || s.toLowerCase() === folded,
  );
}
