/** Thin access to the UCUM library, used to validate and explain unit strings. */
import ucum from "@lhncbc/ucum-lhc";

const utils = ucum.UcumLhcUtils.getInstance();

/**
 * Runs a library call without letting it write to the console: the library `console.log`s every
 * unit string it fails to parse (e.g. one with a blank), which would leak untrusted input into
 * stdout (and corrupt `--ndjson` output) from a core that does no I/O. Synchronous, so the swap
 * cannot interleave with other output.
 */
function quietly<T>(call: () => T): T {
  const log = console.log;
  console.log = () => {};
  try {
    return call();
  } finally {
    console.log = log;
  }
}

/**
 * The library looks unit codes up in a plain object, so "constructor", "valueOf", "__proto__"
 * (or an expression using them) resolve through Object.prototype: reported valid, and conversion
 * throws. No UCUM atom is spelled like a member of Object.prototype.
 */
function usesPrototypeName(unit: string): boolean {
  return unit
    .trim()
    .split(/[./]/)
    .some((part) => part in Object.prototype);
}

/** Whether a string is a valid UCUM unit expression. */
export function isUcum(unit: string): boolean {
  if (usesPrototypeName(unit)) return false;
  return quietly(() => utils.validateUnitString(unit).status === "valid");
}

/** Converts with UCUM's own arithmetic (mass, volume, length, count units only). */
export function ucumConvert(value: number, from: string, to: string): number | undefined {
  if (usesPrototypeName(from) || usesPrototypeName(to)) return undefined;
  const r = quietly(() => utils.convertUnitTo(from, value, to));
  return r.status === "succeeded" ? r.toVal : undefined;
}
