/**
 * Parses an untrusted course (case-format.md, "Input: a course"; response-followup.md §9.1 in
 * camelCase) into a validated {@link Course}, returning every error at once with the codes of
 * response-followup.md §9.2. Each message names the lesion, the date or the count at fault.
 *
 * Measurements are kept as integer micrometres ({@link toMicrons}) so that the −30 %, +20 % and
 * 5 mm boundaries are decided by exact integer arithmetic (§9.2 "exact arithmetic").
 * Pure: no I/O, no clock.
 */

import { isoDay } from "../dates.js";
import { type Answers, readEortcAnswers } from "../qol/eortc.js";
import { type FactItems, readFactItems } from "../qol/fact-hep.js";

export const CRITERIA = ["recist11", "mrecist"] as const;
export type Criterion = (typeof CRITERIA)[number];

export const ROLES = ["target", "non_target"] as const;
export type Role = (typeof ROLES)[number];

export const NON_TARGET_STATUSES = ["present", "absent", "progression", "not_evaluated"] as const;
export type NonTargetStatus = (typeof NON_TARGET_STATUSES)[number];

/** The error codes of response-followup.md §9.2. */
export type CourseErrorCode =
  | "DATES_OUT_OF_ORDER"
  | "INVALID_DATE"
  | "TARGET_TOO_SMALL"
  | "NODE_TARGET_TOO_SMALL"
  | "TOO_MANY_TARGETS"
  | "TOO_MANY_TARGETS_PER_ORGAN"
  | "MRECIST_TARGET_NOT_VIABLE"
  | "MRECIST_PVT_NOT_TARGET"
  | "MRECIST_PORTA_HEPATIS_NODE_TOO_SMALL"
  | "NON_MEASURABLE_AS_TARGET"
  | "VIABLE_EXCEEDS_LONGEST"
  | "NEGATIVE_MEASUREMENT"
  | "BASELINE_MEASUREMENT_MISSING"
  | "UNKNOWN_LESION"
  | "ROLE_CHANGED"
  | "NEW_LESION_AT_BASELINE"
  | "DUPLICATE_LESION_ID"
  | "TREATMENT_START_INVALID"
  | "NO_TIMEPOINTS"
  | "NO_DISEASE"
  | "INVALID_OPTION"
  | "SCHEMA_ERROR"
  | "INVALID_JSON";

export interface CourseError {
  readonly code: CourseErrorCode;
  /** Dotted input path, e.g. `timepoints.1.lesions.0.longestDiameterMm`. */
  readonly path: string;
  readonly message: string;
}

/** Micrometres per millimetre: diameters are compared as integers of this unit. */
export const MICRONS_PER_MM = 1000;

/** Millimetres → integer micrometres (sub-micrometre input digits are rounded away). */
export function toMicrons(mm: number): number {
  return Math.round(mm * MICRONS_PER_MM);
}

/** Integer micrometres → millimetres for display. */
export function toMm(um: number): number {
  return um / MICRONS_PER_MM;
}

/** Too small to measure: recorded as 5 mm (RECIST 1.1 §2.3, EORTC clarification). */
export const TSTM_UM = 5 * MICRONS_PER_MM;

/** RECIST 1.1 §2.1–2.2 and mRECIST §1.2 target-selection limits. */
export const TARGET_LIMITS = {
  maxTotal: 5,
  maxPerOrgan: 2,
  minLongestMm: 10,
  minNodeShortAxisMm: 15,
  minViableMm: 10,
  minPortaHepatisNodeMrecistMm: 20,
} as const;

/** A diameter: integer micrometres, or `null` when not evaluated (absent, null or "NE"). */
export type Diameter = number | null;

export interface BaselineLesion {
  readonly id: string;
  readonly organ: string;
  readonly nodeSite?: string;
  readonly role: Role;
  readonly roles: { readonly [C in Criterion]: Role };
}

/**
 * LI-RADS CT/MRI treatment-response features of a treated lesion at one scan (ACR LI-RADS v2018
 * TRA): whether it can be evaluated, the lesional enhancement pattern, and for nodular, mass-like
 * or thick irregular tissue whether it shows APHE, washout or enhancement similar to before
 * treatment. `growth` (of the tissue since the previous scan) is recorded; v2018 does not use it.
 */
export const LRTR_ENHANCEMENT = ["none", "treatment-specific", "atypical", "nodular-masslike"] as const;
export interface LrTrFeatures {
  readonly evaluable: boolean;
  readonly enhancement?: (typeof LRTR_ENHANCEMENT)[number];
  readonly aphe?: boolean;
  readonly washout?: boolean;
  readonly similarToPretreatment?: boolean;
  readonly growth?: boolean;
}

export interface Observation {
  readonly longest: Diameter;
  readonly viable: Diameter;
  /** Viable diameter perpendicular to `viable` on the same image (EASL bidimensional product). */
  readonly viablePerpendicular?: Diameter;
  readonly lrtr?: LrTrFeatures;
  readonly shortAxis: Diameter;
  readonly status?: NonTargetStatus;
  readonly enhancing?: boolean;
  readonly cytologyMalignant?: boolean;
}

export interface NewLesionRecord {
  readonly id: string;
  readonly organ: string;
  readonly nodeSite?: string;
  readonly longest: Diameter;
  readonly shortAxis: Diameter;
  readonly aphe?: boolean;
  readonly washout?: boolean;
  readonly unequivocal?: boolean;
  readonly cytologyMalignant?: boolean;
}

export interface TimePoint {
  readonly date: string;
  /** Days since 1970-01-01 (UTC), for intervals. */
  readonly day: number;
  readonly modality?: string;
  readonly phase?: string;
  /** Observations by baseline lesion id; a lesion not listed was not evaluated. */
  readonly observations: ReadonlyMap<string, Observation>;
  readonly newLesions: readonly NewLesionRecord[];
  /** Quality-of-life questionnaires answered at this scan (response-followup.md §5). */
  readonly qol?: QolAnswers;
}

export interface QolAnswers {
  /** EORTC QLQ-C30 items 1–30 and QLQ-HCC18 items 31–48. */
  readonly eortc?: Answers;
  /** FACT-Hep item scores per subscale (after reversal of negatively worded items). */
  readonly factHep?: FactItems;
}

export interface Treatment {
  readonly date: string;
  readonly day: number;
  /** e.g. `ctace`, `debtace`, `tae`, `haic`, `tare`, `ablation`, `systemic`. */
  readonly modality: string;
  readonly note?: string;
}

export interface CourseOptions {
  readonly confirmationRequired: boolean;
  readonly confirmationMinDays: number;
  readonly sdMinDays: number;
  /** Absolute PD condition for mRECIST, in micrometres (0 = none, the 2010 text). */
  readonly mrecistPdAbsoluteUm: number;
}

export const DEFAULT_OPTIONS: CourseOptions = Object.freeze({
  confirmationRequired: false,
  confirmationMinDays: 28,
  sdMinDays: 42,
  mrecistPdAbsoluteUm: 0,
});

export interface Course {
  readonly id?: string;
  readonly lesions: readonly BaselineLesion[];
  readonly timepoints: readonly TimePoint[];
  readonly treatmentStart: string;
  readonly treatmentStartDay: number;
  readonly treatments: readonly Treatment[];
  readonly options: CourseOptions;
}

export type CourseParse =
  | { readonly ok: true; readonly course: Course }
  | { readonly ok: false; readonly errors: readonly CourseError[]; readonly id?: string };

const EFFUSIONS = new Set(["ascites", "pleural_effusion", "pericardial_effusion", "effusion"]);
/** Non-measurable disease (RECIST 1.1 §2.1) that can never be a target. */
const NON_MEASURABLE = new Set([...EFFUSIONS, "leptomeningeal", "lymphangitic"]);

export function isNode(organ: string): boolean {
  return organ === "lymph_node" || organ === "node";
}
export function isEffusion(organ: string): boolean {
  return EFFUSIONS.has(organ);
}
export function isPortaHepatis(nodeSite: string | undefined): boolean {
  return nodeSite === "porta_hepatis";
}

export { isoDay };

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

const MAX_DIAMETER_MM = 500;

class Collector {
  readonly errors: CourseError[] = [];
  add(code: CourseErrorCode, path: string, message: string): void {
    this.errors.push({ code, path, message });
  }

  /** A diameter field: number ≥ 0, "TSTM" (5 mm), or null / "NE" / absent (not evaluated). */
  diameter(obj: Record<string, unknown>, key: string, path: string, what: string): Diameter {
    const v = obj[key];
    if (v === undefined || v === null || v === "NE") return null;
    if (v === "TSTM") return TSTM_UM;
    if (typeof v !== "number" || !Number.isFinite(v)) {
      this.add("SCHEMA_ERROR", `${path}.${key}`, `${what}: ${key} must be a number, "TSTM", "NE" or null`);
      return null;
    }
    if (v < 0) {
      this.add("NEGATIVE_MEASUREMENT", `${path}.${key}`, `${what}: ${key} is negative (${v} mm)`);
      return null;
    }
    if (v > MAX_DIAMETER_MM) {
      this.add(
        "SCHEMA_ERROR",
        `${path}.${key}`,
        `${what}: ${key} ${v} mm is implausible (> ${MAX_DIAMETER_MM} mm)`,
      );
      return null;
    }
    return toMicrons(v);
  }

  optBool(obj: Record<string, unknown>, key: string, path: string, what: string): boolean | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "boolean") {
      this.add("SCHEMA_ERROR", `${path}.${key}`, `${what}: ${key} must be true or false`);
      return undefined;
    }
    return v;
  }

  optString(obj: Record<string, unknown>, key: string, path: string, what: string): string | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string" || v === "") {
      this.add("SCHEMA_ERROR", `${path}.${key}`, `${what}: ${key} must be a non-empty string`);
      return undefined;
    }
    return v;
  }

  oneOf<const T extends string>(
    obj: Record<string, unknown>,
    key: string,
    allowed: readonly T[],
    path: string,
    what: string,
  ): T | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) {
      this.add(
        "SCHEMA_ERROR",
        `${path}.${key}`,
        `${what}: ${key} is ${JSON.stringify(v)}; allowed: ${allowed.join(", ")}`,
      );
      return undefined;
    }
    return v as T;
  }
}

function lesionId(x: Record<string, unknown>): string | undefined {
  const id = x.id;
  if (typeof id === "string" && id !== "") return id;
  if (typeof id === "number" && Number.isFinite(id)) return String(id);
  return undefined;
}

function readOptions(raw: unknown, c: Collector): CourseOptions {
  if (raw === undefined || raw === null) return DEFAULT_OPTIONS;
  if (!isRecord(raw)) {
    c.add("INVALID_OPTION", "options", "options must be an object");
    return DEFAULT_OPTIONS;
  }
  const known = new Set(["confirmationRequired", "confirmationMinDays", "sdMinDays", "mrecistPdAbsoluteMm"]);
  for (const k of Object.keys(raw)) {
    if (!known.has(k)) c.add("INVALID_OPTION", `options.${k}`, `unknown option ${JSON.stringify(k)}`);
  }
  const out = { ...DEFAULT_OPTIONS };
  const cr = raw.confirmationRequired;
  if (cr !== undefined && cr !== null) {
    if (typeof cr !== "boolean")
      c.add("INVALID_OPTION", "options.confirmationRequired", "must be true or false");
    else out.confirmationRequired = cr;
  }
  const days = (key: "confirmationMinDays" | "sdMinDays"): void => {
    const v = raw[key];
    if (v === undefined || v === null) return;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 3650) {
      c.add("INVALID_OPTION", `options.${key}`, `options.${key} must be a whole number of days 0–3650`);
    } else out[key] = v;
  };
  days("confirmationMinDays");
  days("sdMinDays");
  const abs = raw.mrecistPdAbsoluteMm;
  if (abs !== undefined && abs !== null) {
    if (typeof abs !== "number" || !Number.isFinite(abs) || abs < 0 || abs > 100) {
      c.add(
        "INVALID_OPTION",
        "options.mrecistPdAbsoluteMm",
        "options.mrecistPdAbsoluteMm must be a number 0–100 mm",
      );
    } else out.mrecistPdAbsoluteUm = toMicrons(abs);
  }
  return out;
}

function readBaselineLesion(
  x: Record<string, unknown>,
  path: string,
  c: Collector,
): { lesion: BaselineLesion; obs: Observation } | undefined {
  const id = lesionId(x);
  if (id === undefined) {
    c.add("SCHEMA_ERROR", `${path}.id`, `baseline lesion at ${path} has no id`);
    return undefined;
  }
  const what = `lesion ${id} (baseline)`;
  const organ = c.optString(x, "organ", path, what);
  if (organ === undefined && x.organ === undefined)
    c.add("SCHEMA_ERROR", `${path}.organ`, `${what} has no organ`);
  const role = c.oneOf(x, "role", ROLES, path, what);
  if (role === undefined && (x.role === undefined || x.role === null)) {
    c.add("SCHEMA_ERROR", `${path}.role`, `${what} has no role (target or non_target)`);
  }
  const recistRole = c.oneOf(x, "recistRole", ROLES, path, what);
  const mrecistRole = c.oneOf(x, "mrecistRole", ROLES, path, what);
  const nodeSite = c.optString(x, "nodeSite", path, what);
  const obs = readObservation(x, path, what, c);
  if (organ === undefined || role === undefined) return undefined;
  const lesion: BaselineLesion = {
    id,
    organ,
    ...(nodeSite !== undefined ? { nodeSite } : {}),
    role,
    roles: { recist11: recistRole ?? role, mrecist: mrecistRole ?? role },
  };
  return { lesion, obs };
}

function readObservation(x: Record<string, unknown>, path: string, what: string, c: Collector): Observation {
  const longest = c.diameter(x, "longestDiameterMm", path, what);
  const viable = c.diameter(x, "viableDiameterMm", path, what);
  const shortAxis = c.diameter(x, "shortAxisMm", path, what);
  if (longest !== null && viable !== null && viable > longest) {
    c.add(
      "VIABLE_EXCEEDS_LONGEST",
      `${path}.viableDiameterMm`,
      `${what}: viable diameter ${toMm(viable)} mm exceeds the longest diameter ${toMm(longest)} mm`,
    );
  }
  const viablePerpendicular = c.diameter(x, "viablePerpendicularMm", path, what);
  if (viable !== null && viablePerpendicular !== null && viablePerpendicular > viable) {
    c.add(
      "VIABLE_EXCEEDS_LONGEST",
      `${path}.viablePerpendicularMm`,
      `${what}: viable perpendicular diameter ${toMm(viablePerpendicular)} mm exceeds the viable diameter ${toMm(viable)} mm`,
    );
  }
  const status = c.oneOf(x, "status", NON_TARGET_STATUSES, path, what);
  const enhancing = c.optBool(x, "enhancing", path, what);
  const cytologyMalignant = c.optBool(x, "cytologyMalignant", path, what);
  const lrtr = readLrTr(x.lrtr, `${path}.lrtr`, what, c);
  return {
    longest,
    viable,
    shortAxis,
    ...(viablePerpendicular !== null ? { viablePerpendicular } : {}),
    ...(lrtr !== undefined ? { lrtr } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(enhancing !== undefined ? { enhancing } : {}),
    ...(cytologyMalignant !== undefined ? { cytologyMalignant } : {}),
  };
}

function readLrTr(raw: unknown, path: string, what: string, c: Collector): LrTrFeatures | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) {
    c.add(
      "SCHEMA_ERROR",
      path,
      `${what}: lrtr must be an object {evaluable, enhancement, aphe, washout, ...}`,
    );
    return undefined;
  }
  const evaluable = c.optBool(raw, "evaluable", path, what);
  const enhancement = c.oneOf(raw, "enhancement", LRTR_ENHANCEMENT, path, what);
  const opt = (k: "aphe" | "washout" | "similarToPretreatment" | "growth") => {
    const v = c.optBool(raw, k, path, what);
    return v !== undefined ? { [k]: v } : {};
  };
  return {
    evaluable: evaluable ?? true,
    ...(enhancement !== undefined ? { enhancement } : {}),
    ...opt("aphe"),
    ...opt("washout"),
    ...opt("similarToPretreatment"),
    ...opt("growth"),
  };
}

/** Target-selection validation at baseline for one criterion (§1.2, §1.5, §2.1–2.2). */
function validateTargets(
  lesions: readonly BaselineLesion[],
  baseObs: ReadonlyMap<string, Observation>,
  c: Collector,
) {
  for (const crit of CRITERIA) {
    const label = crit === "recist11" ? "RECIST 1.1" : "mRECIST";
    const targets = lesions.filter((l) => l.roles[crit] === "target");
    for (const l of targets) {
      const o = baseObs.get(l.id);
      if (!o) continue;
      const path = `lesions.${l.id}`;
      if (NON_MEASURABLE.has(l.organ)) {
        if (crit === "recist11" || l.roles.recist11 !== "target") {
          c.add(
            "NON_MEASURABLE_AS_TARGET",
            path,
            `lesion ${l.id}: ${l.organ} is non-measurable and cannot be a target`,
          );
        }
        continue;
      }
      if (crit === "mrecist" && l.organ === "portal_vein") {
        c.add(
          "MRECIST_PVT_NOT_TARGET",
          path,
          `lesion ${l.id}: portal vein tumour thrombus is always a non-target under mRECIST (set mrecistRole to non_target)`,
        );
        continue;
      }
      if (isNode(l.organ)) {
        if (o.shortAxis === null) {
          c.add(
            "BASELINE_MEASUREMENT_MISSING",
            path,
            `lesion ${l.id}: target node needs shortAxisMm at baseline`,
          );
          continue;
        }
        if (crit === "recist11" && o.shortAxis < TARGET_LIMITS.minNodeShortAxisMm * MICRONS_PER_MM) {
          c.add(
            "NODE_TARGET_TOO_SMALL",
            path,
            `lesion ${l.id}: node short axis ${toMm(o.shortAxis)} mm < ${TARGET_LIMITS.minNodeShortAxisMm} mm cannot be a target`,
          );
        }
        if (
          crit === "mrecist" &&
          isPortaHepatis(l.nodeSite) &&
          o.shortAxis < TARGET_LIMITS.minPortaHepatisNodeMrecistMm * MICRONS_PER_MM
        ) {
          c.add(
            "MRECIST_PORTA_HEPATIS_NODE_TOO_SMALL",
            path,
            `lesion ${l.id}: porta hepatis node short axis ${toMm(o.shortAxis)} mm < ${TARGET_LIMITS.minPortaHepatisNodeMrecistMm} mm is not a malignant target under mRECIST`,
          );
        }
        continue;
      }
      if (crit === "recist11" || (crit === "mrecist" && l.roles.recist11 !== "target")) {
        if (o.longest === null) {
          c.add(
            "BASELINE_MEASUREMENT_MISSING",
            path,
            `lesion ${l.id}: target needs longestDiameterMm at baseline`,
          );
        } else if (o.longest < TARGET_LIMITS.minLongestMm * MICRONS_PER_MM) {
          c.add(
            "TARGET_TOO_SMALL",
            path,
            `lesion ${l.id}: longest diameter ${toMm(o.longest)} mm < ${TARGET_LIMITS.minLongestMm} mm is not measurable (${label})`,
          );
        }
      }
      if (crit === "mrecist" && l.organ === "liver") {
        if (o.viable === null) {
          c.add(
            "BASELINE_MEASUREMENT_MISSING",
            path,
            `lesion ${l.id}: liver target needs viableDiameterMm at baseline for mRECIST`,
          );
        } else if (o.viable === 0) {
          c.add(
            "MRECIST_TARGET_NOT_VIABLE",
            path,
            `lesion ${l.id}: no arterially enhancing (viable) tumour at baseline; follow it as an mRECIST non-target`,
          );
        } else if (o.viable < TARGET_LIMITS.minViableMm * MICRONS_PER_MM) {
          c.add(
            "MRECIST_TARGET_NOT_VIABLE",
            path,
            `lesion ${l.id}: viable diameter ${toMm(o.viable)} mm < ${TARGET_LIMITS.minViableMm} mm is not measurable viable tumour`,
          );
        }
      }
    }
    if (targets.length > TARGET_LIMITS.maxTotal) {
      c.add(
        "TOO_MANY_TARGETS",
        "timepoints.0.lesions",
        `${targets.length} ${label} targets (${targets.map((t) => t.id).join(", ")}); at most ${TARGET_LIMITS.maxTotal}`,
      );
    }
    const perOrgan = new Map<string, string[]>();
    for (const t of targets) {
      const organ = isNode(t.organ) ? "lymph_node" : t.organ; // all nodes are one organ (EORTC)
      perOrgan.set(organ, [...(perOrgan.get(organ) ?? []), t.id]);
    }
    for (const [organ, ids] of perOrgan) {
      if (ids.length > TARGET_LIMITS.maxPerOrgan) {
        c.add(
          "TOO_MANY_TARGETS_PER_ORGAN",
          "timepoints.0.lesions",
          `${ids.length} ${label} targets in ${organ} (${ids.join(", ")}); at most ${TARGET_LIMITS.maxPerOrgan} per organ`,
        );
      }
    }
  }
}

function readNewLesion(
  x: unknown,
  path: string,
  date: string,
  organs: Map<string, string>,
  c: Collector,
): NewLesionRecord | undefined {
  if (!isRecord(x)) {
    c.add("SCHEMA_ERROR", path, `new lesion at ${path} (${date}) must be an object`);
    return undefined;
  }
  const id = lesionId(x);
  if (id === undefined) {
    c.add("SCHEMA_ERROR", `${path}.id`, `new lesion at ${path} (${date}) has no tracking id`);
    return undefined;
  }
  const what = `new lesion ${id} (${date})`;
  const given = c.optString(x, "organ", path, what);
  const organ = given ?? organs.get(id);
  if (organ === undefined) {
    c.add("SCHEMA_ERROR", `${path}.organ`, `${what} has no organ`);
    return undefined;
  }
  organs.set(id, organ);
  const nodeSite = c.optString(x, "nodeSite", path, what);
  const longest = c.diameter(x, "longestDiameterMm", path, what);
  const shortAxis = c.diameter(x, "shortAxisMm", path, what);
  const flags = {
    aphe: c.optBool(x, "aphe", path, what),
    washout: c.optBool(x, "washout", path, what),
    unequivocal: c.optBool(x, "unequivocal", path, what),
    cytologyMalignant: c.optBool(x, "cytologyMalignant", path, what),
  };
  const out: Record<string, unknown> = { id, organ, longest, shortAxis };
  if (nodeSite !== undefined) out.nodeSite = nodeSite;
  for (const [k, v] of Object.entries(flags)) if (v !== undefined) out[k] = v;
  return out as unknown as NewLesionRecord;
}

function readTreatments(raw: unknown, c: Collector): Treatment[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    c.add("SCHEMA_ERROR", "treatments", "treatments must be a list of {date, modality}");
    return [];
  }
  const out: Treatment[] = [];
  raw.forEach((t, i) => {
    const path = `treatments.${i}`;
    if (!isRecord(t)) {
      c.add("SCHEMA_ERROR", path, `treatment ${i + 1} must be an object {date, modality}`);
      return;
    }
    const day = isoDay(t.date);
    if (day === undefined) {
      c.add(
        "INVALID_DATE",
        `${path}.date`,
        `treatment ${i + 1}: date ${JSON.stringify(t.date)} is not YYYY-MM-DD`,
      );
      return;
    }
    const modality = typeof t.modality === "string" && t.modality !== "" ? t.modality : undefined;
    if (modality === undefined) {
      c.add("SCHEMA_ERROR", `${path}.modality`, `treatment on ${String(t.date)} has no modality`);
      return;
    }
    const note = typeof t.note === "string" ? t.note : undefined;
    out.push({ date: t.date as string, day, modality, ...(note !== undefined ? { note } : {}) });
  });
  for (let i = 1; i < out.length; i++) {
    const prev = out[i - 1] as Treatment;
    const cur = out[i] as Treatment;
    if (cur.day < prev.day) {
      c.add(
        "DATES_OUT_OF_ORDER",
        `treatments.${i}.date`,
        `treatment dates out of order: ${cur.date} after ${prev.date}`,
      );
    }
  }
  return out;
}

function readQol(raw: unknown, path: string, date: string, c: Collector): QolAnswers | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) {
    c.add("SCHEMA_ERROR", path, `qol at ${date} must be an object {eortc, factHep}`);
    return undefined;
  }
  const out: { eortc?: Answers; factHep?: FactItems } = {};
  if (raw.eortc !== undefined && raw.eortc !== null) {
    const r = readEortcAnswers(raw.eortc, `${path}.eortc`);
    if (r.ok) out.eortc = r.answers;
    else for (const e of r.errors) c.add(e.code, e.path, `${date}: ${e.message}`);
  }
  if (raw.factHep !== undefined && raw.factHep !== null) {
    const r = readFactItems(raw.factHep, `${path}.factHep`);
    if (r.ok) out.factHep = r.items;
    else for (const e of r.errors) c.add(e.code, e.path, `${date}: ${e.message}`);
  }
  return out;
}

/** Parses and validates a course; every error is returned, in input order. */
export function parseCourse(input: unknown): CourseParse {
  const c = new Collector();
  if (!isRecord(input)) {
    return {
      ok: false,
      errors: [{ code: "SCHEMA_ERROR", path: "", message: "a course must be a JSON object" }],
    };
  }
  const id = typeof input.id === "string" || typeof input.id === "number" ? String(input.id) : undefined;
  const fail = (): CourseParse => ({ ok: false, errors: c.errors, ...(id !== undefined ? { id } : {}) });
  const rawTps = input.timepoints;
  if (rawTps === undefined || rawTps === null) {
    c.add("NO_TIMEPOINTS", "timepoints", "the course has no timepoints");
    return fail();
  }
  if (!Array.isArray(rawTps)) {
    c.add("SCHEMA_ERROR", "timepoints", "timepoints must be a list");
    return fail();
  }
  if (rawTps.length === 0) {
    c.add("NO_TIMEPOINTS", "timepoints", "timepoints is empty: at least a baseline scan is needed");
    return fail();
  }

  // Dates first: they name every later message.
  const dates: string[] = [];
  const days: number[] = [];
  rawTps.forEach((tp, i) => {
    if (!isRecord(tp)) {
      c.add("SCHEMA_ERROR", `timepoints.${i}`, `time point ${i + 1} must be an object`);
      dates.push(`time point ${i + 1}`);
      days.push(Number.NaN);
      return;
    }
    const d = isoDay(tp.date);
    if (d === undefined) {
      c.add(
        "INVALID_DATE",
        `timepoints.${i}.date`,
        `time point ${i + 1}: date ${JSON.stringify(tp.date)} is not a calendar date YYYY-MM-DD`,
      );
      dates.push(`time point ${i + 1}`);
      days.push(Number.NaN);
    } else {
      dates.push(tp.date as string);
      days.push(d);
    }
  });
  for (let i = 1; i < days.length; i++) {
    const [a, b] = [days[i - 1] as number, days[i] as number];
    if (!Number.isNaN(a) && !Number.isNaN(b) && b <= a) {
      c.add(
        "DATES_OUT_OF_ORDER",
        `timepoints.${i}.date`,
        `time point dates must strictly increase: ${dates[i]} is not after ${dates[i - 1]}`,
      );
    }
  }

  // Baseline lesions.
  const lesions: BaselineLesion[] = [];
  const baseObs = new Map<string, Observation>();
  const base = rawTps[0];
  if (isRecord(base)) {
    const raw = base.lesions;
    if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
      c.add("SCHEMA_ERROR", "timepoints.0.lesions", "baseline lesions must be a list");
    } else if (Array.isArray(raw)) {
      raw.forEach((x, j) => {
        const path = `timepoints.0.lesions.${j}`;
        if (!isRecord(x)) {
          c.add("SCHEMA_ERROR", path, `baseline lesion ${j + 1} must be an object`);
          return;
        }
        const r = readBaselineLesion(x, path, c);
        if (!r) return;
        if (baseObs.has(r.lesion.id)) {
          c.add(
            "DUPLICATE_LESION_ID",
            `${path}.id`,
            `lesion id ${r.lesion.id} appears twice at baseline (${dates[0]})`,
          );
          return;
        }
        lesions.push(r.lesion);
        baseObs.set(r.lesion.id, r.obs);
      });
    }
    const nl = base.newLesions;
    if (Array.isArray(nl) && nl.length > 0) {
      c.add(
        "NEW_LESION_AT_BASELINE",
        "timepoints.0.newLesions",
        `${nl.length} new lesion(s) recorded at baseline (${dates[0]}); baseline disease is recorded in lesions`,
      );
    }
    if (lesions.length === 0 && c.errors.length === 0) {
      c.add("NO_DISEASE", "timepoints.0.lesions", `no target or non-target lesion at baseline (${dates[0]})`);
    }
  }
  validateTargets(lesions, baseObs, c);
  const byId = new Map(lesions.map((l) => [l.id, l]));

  // Follow-up scans.
  const newOrgans = new Map<string, string>();
  const timepoints: TimePoint[] = [];
  rawTps.forEach((tp, i) => {
    if (!isRecord(tp)) return;
    const date = dates[i] as string;
    const observations = new Map<string, Observation>();
    if (i === 0) {
      for (const [k, v] of baseObs) observations.set(k, v);
    } else {
      const raw = tp.lesions;
      if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
        c.add("SCHEMA_ERROR", `timepoints.${i}.lesions`, `lesions at ${date} must be a list`);
      } else if (Array.isArray(raw)) {
        raw.forEach((x, j) => {
          const path = `timepoints.${i}.lesions.${j}`;
          if (!isRecord(x)) {
            c.add("SCHEMA_ERROR", path, `lesion ${j + 1} at ${date} must be an object`);
            return;
          }
          const lid = lesionId(x);
          if (lid === undefined) {
            c.add("SCHEMA_ERROR", `${path}.id`, `lesion ${j + 1} at ${date} has no id`);
            return;
          }
          const known = byId.get(lid);
          if (!known) {
            c.add(
              "UNKNOWN_LESION",
              `${path}.id`,
              `lesion ${lid} at ${date} was not recorded at baseline; record new disease in newLesions`,
            );
            return;
          }
          if (observations.has(lid)) {
            c.add("DUPLICATE_LESION_ID", `${path}.id`, `lesion ${lid} appears twice at ${date}`);
            return;
          }
          const what = `lesion ${lid} (${date})`;
          const role = c.oneOf(x, "role", ROLES, path, what);
          if (role !== undefined && role !== known.role) {
            c.add(
              "ROLE_CHANGED",
              `${path}.role`,
              `lesion ${lid} was a ${known.role} at baseline and is given as ${role} at ${date}; roles are fixed at baseline`,
            );
          }
          for (const k of ["recistRole", "mrecistRole"] as const) {
            const r = c.oneOf(x, k, ROLES, path, what);
            const was = k === "recistRole" ? known.roles.recist11 : known.roles.mrecist;
            if (r !== undefined && r !== was) {
              c.add(
                "ROLE_CHANGED",
                `${path}.${k}`,
                `lesion ${lid}: ${k} changed from ${was} to ${r} at ${date}`,
              );
            }
          }
          const organ = x.organ;
          if (organ !== undefined && organ !== null && organ !== known.organ) {
            c.add(
              "SCHEMA_ERROR",
              `${path}.organ`,
              `lesion ${lid}: organ ${String(organ)} at ${date} differs from ${known.organ} at baseline`,
            );
          }
          observations.set(lid, readObservation(x, path, what, c));
        });
      }
    }
    const newLesions: NewLesionRecord[] = [];
    const rawNew = tp.newLesions;
    if (i > 0 && rawNew !== undefined && rawNew !== null) {
      if (!Array.isArray(rawNew))
        c.add("SCHEMA_ERROR", `timepoints.${i}.newLesions`, `newLesions at ${date} must be a list`);
      else {
        const seen = new Set<string>();
        rawNew.forEach((x, j) => {
          const rec = readNewLesion(x, `timepoints.${i}.newLesions.${j}`, date, newOrgans, c);
          if (!rec) return;
          if (seen.has(rec.id) || byId.has(rec.id)) {
            c.add(
              "DUPLICATE_LESION_ID",
              `timepoints.${i}.newLesions.${j}.id`,
              byId.has(rec.id)
                ? `new lesion id ${rec.id} at ${date} is already a baseline lesion id`
                : `new lesion id ${rec.id} appears twice at ${date}`,
            );
            return;
          }
          seen.add(rec.id);
          newLesions.push(rec);
        });
      }
    }
    const qol = readQol(tp.qol, `timepoints.${i}.qol`, date, c);
    const modality = typeof tp.modality === "string" ? tp.modality : undefined;
    const phase = typeof tp.phase === "string" ? tp.phase : undefined;
    timepoints.push({
      date,
      day: days[i] as number,
      ...(modality !== undefined ? { modality } : {}),
      ...(phase !== undefined ? { phase } : {}),
      observations,
      newLesions,
      ...(qol !== undefined ? { qol } : {}),
    });
  });

  // Treatment start (defaults to the baseline date) and treatments between scans.
  let treatmentStart = dates[0] as string;
  let treatmentStartDay = days[0] as number;
  const ts = input.treatmentStart;
  if (ts !== undefined && ts !== null) {
    const d = isoDay(ts);
    if (d === undefined) {
      c.add(
        "TREATMENT_START_INVALID",
        "treatmentStart",
        `treatmentStart ${JSON.stringify(ts)} is not YYYY-MM-DD`,
      );
    } else if (!Number.isNaN(days[0] as number) && d < (days[0] as number)) {
      c.add(
        "TREATMENT_START_INVALID",
        "treatmentStart",
        `treatmentStart ${ts} is before the baseline scan ${dates[0]}; the baseline must precede treatment`,
      );
    } else if (days.length > 1 && !Number.isNaN(days[1] as number) && d > (days[1] as number)) {
      c.add(
        "TREATMENT_START_INVALID",
        "treatmentStart",
        `treatmentStart ${ts} is after the first follow-up scan ${dates[1]}`,
      );
    } else {
      treatmentStart = ts as string;
      treatmentStartDay = d;
    }
  }
  const treatments = readTreatments(input.treatments, c);
  const options = readOptions(input.options, c);

  if (c.errors.length > 0) return fail();
  return {
    ok: true,
    course: {
      ...(id !== undefined ? { id } : {}),
      lesions,
      timepoints,
      treatmentStart,
      treatmentStartDay,
      treatments,
      options,
    },
  };
}
