/** Thin access to the UCUM library, used to validate and explain unit strings. */
import ucum from "@lhncbc/ucum-lhc";

const utils = ucum.UcumLhcUtils.getInstance();

/** Whether a string is a valid UCUM unit expression. */
export function isUcum(unit: string): boolean {
  return utils.validateUnitString(unit).status === "valid";
}

/** Converts with UCUM's own arithmetic (mass, volume, length, count units only). */
export function ucumConvert(value: number, from: string, to: string): number | undefined {
  const r = utils.convertUnitTo(from, value, to);
  return r.status === "succeeded" ? r.toVal : undefined;
}
