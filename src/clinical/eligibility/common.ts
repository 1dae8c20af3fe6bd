/**
 * The machinery shared by every modality's eligibility rules (staging-treatment.md §4, §7.1,
 * §7.5): two profiles, a verdict vocabulary, reasons with rule ids, levels and citations, and
 * the aggregation "an absolute contraindication found from known data decides even when other
 * inputs are missing (listed as `alsoMissing`)".
 *
 * A check reads the inputs it needs through a {@link Ctx}: `need` returns the value or a
 * {@link Stop} naming the missing path (or the invalid field), which the check returns as it is;
 * `optional` reads a field that is only considered when given (an absent optional flag is listed
 * in `notAssessed`, never assumed normal in silence). What does not depend on the case (check
 * lists, citations, the head of every reason) is built once per modality when its module loads;
 * what depends on the case but not on the modality ({@link CaseFacts}) once per case.
 *
 * [DECISION] Which inputs are required and which are optional: the core of every verdict
 * (Child-Pugh, ECOG, the laboratory values of the reference vignettes, tumours, vascular
 * invasion, extrahepatic spread) is required; clinician-reported flags (`contraindications.*`,
 * `biliary.*`, `ablation.*`, `portalFlow`, `tumorLiverVolumePercent`, `lifeExpectancyMonths`,
 * `labs.creatinineClearance`) are optional: considered when given and otherwise listed in
 * `notAssessed`. This reproduces the reference vectors (e.g. G-vp4-occlusion-unknown lists only
 * the portal-trunk occlusion as missing).
 */
import type { ParsedCase } from "../case/types.js";
import { type BurdenField, sizesMissingPath, type TumorBurden, tumorBurden } from "../criteria/burden.js";
import { type Y90Dosimetry, y90Dosimetry } from "../dosing/y90.js";
import { cite, citeShort, type SourceId } from "../evidence/index.js";
import type { Field, FieldError } from "../result.js";
import {
  conflictConsequence,
  type InterventionFamily,
  type SafetyLayer,
  safetyLayer,
  signalConsequence,
} from "../safety/safety.js";
import { type ChildPughResult, childPugh, childPughClass } from "../scores/child-pugh.js";

export const PROFILES = ["intl", "cn"] as const;
export type Profile = (typeof PROFILES)[number];

export const PROFILE_LABEL: Readonly<Record<Profile, string>> = {
  intl: "international (EASL/AASLD/BCLC/CIRSE/SIR/EANM)",
  cn: "Chinese (national guideline and Chinese interventional guidance)",
};

export type Verdict = "eligible" | "relative-contraindication" | "contraindicated";
/** `absolute` contraindicates, `relative` calls for caution, `note` informs without changing the verdict. */
export type Level = "absolute" | "relative" | "note";

export interface EligibilityReason {
  /** Stable rule id, e.g. `tace.renal`. */
  readonly rule: string;
  readonly level: Level;
  readonly text: string;
  readonly citation: string;
}

interface Common {
  readonly rule: string;
  readonly modality: string;
  readonly profile: Profile;
  readonly reason: string;
  readonly citation: string;
  readonly reasons: readonly EligibilityReason[];
  /** Ids of the checks that were applied to known inputs (those stopped by a missing input are not listed). */
  readonly rulesApplied: readonly string[];
  /** Optional inputs not given, so their rules were not applied (not assumed normal). */
  readonly notAssessed: readonly string[];
  /** Set when the other profile reaches a different verdict (never merged silently). */
  readonly profileDifference?: string;
  readonly assumptions?: readonly string[];
}

export type EligibilityResult =
  | (Common & {
      readonly status: "ok";
      readonly verdict: Verdict;
      /** Inputs still missing when an absolute contraindication already decides. */
      readonly alsoMissing?: readonly string[];
      readonly alsoInvalid?: readonly FieldError[];
    })
  | (Common & { readonly status: "indeterminate"; readonly missing: readonly string[] })
  | (Common & { readonly status: "invalid"; readonly errors: readonly FieldError[] });

export type ProfilePair = { readonly [P in Profile]: EligibilityResult };

/**
 * Why a check could not be applied: the inputs it still needs, or the invalid ones it read.
 * Returned by the check (not thrown: a missing input is the common case, e.g. no `labs.wbc`, and
 * an exception per missing input cost more than the rule itself).
 */
export class Stop {
  constructor(
    readonly missing: readonly string[],
    readonly errors: readonly FieldError[] = [],
  ) {}
}

export interface ChildPughFact {
  readonly class: "A" | "B" | "C";
  /** Points 5–15 when known. */
  readonly score: number | undefined;
  readonly basis: string;
}

/**
 * Child-Pugh class (and points): computed from the raw inputs (scores/child-pugh.ts), or the
 * clinician-given `childPughClass` / `childPughPoints` when the raw inputs are incomplete.
 */
function childPughFact(c: ParsedCase, cp: ChildPughResult): ChildPughFact | Stop {
  if (cp.status === "ok")
    return { class: cp.class, score: cp.score, basis: `Child-Pugh ${cp.class}${cp.score}` };
  if (cp.status === "invalid") return new Stop([], cp.errors);
  const given = c.childPughClass;
  const points = c.childPughPoints;
  if (given.state === "invalid") return new Stop([], given.errors);
  if (points.state === "invalid") return new Stop([], points.errors);
  if (given.state === "present") {
    const score = points.state === "present" ? points.value : undefined;
    return { class: given.value, score, basis: `Child-Pugh ${given.value}${score ?? ""} (given)` };
  }
  if (points.state === "present") {
    const p = points.value;
    return { class: childPughClass(p), score: p, basis: `Child-Pugh ${p} points (given)` };
  }
  return new Stop(cp.missing);
}

/**
 * What every evaluation of one case reads, derived once per case (8 modalities × 2 profiles
 * share it).
 */
export interface CaseFacts {
  readonly c: ParsedCase;
  readonly childPugh: ChildPughFact | Stop;
  readonly burden: BurdenField;
  readonly dosimetry: Y90Dosimetry;
  /** The patient-level safety layer (safety/safety.ts), read by every modality. */
  readonly safety: SafetyLayer;
}

export function caseFacts(
  c: ParsedCase,
  deps: {
    readonly childPugh?: ChildPughResult;
    readonly dosimetry?: Y90Dosimetry;
    readonly safety?: SafetyLayer;
  } = {},
): CaseFacts {
  const cp = deps.childPugh ?? childPugh(c);
  return {
    c,
    childPugh: childPughFact(c, cp),
    burden: tumorBurden(c),
    dosimetry: deps.dosimetry ?? y90Dosimetry(c),
    safety: deps.safety ?? safetyLayer(c, cp),
  };
}

/** What checks read. One per (case, modality, profile) evaluation. */
export class Ctx {
  readonly c: ParsedCase;
  readonly dosimetry: Y90Dosimetry;
  readonly safety: SafetyLayer;
  readonly notAssessed: string[] = [];
  constructor(
    private readonly facts: CaseFacts,
    readonly profile: Profile,
  ) {
    this.c = facts.c;
    this.dosimetry = facts.dosimetry;
    this.safety = facts.safety;
  }

  /** A required input: absent stops the check as missing, invalid as invalid. */
  need<T>(field: Field<T>, path: string): T | Stop {
    if (field.state === "present") return field.value;
    if (field.state === "invalid") return new Stop([], field.errors);
    return new Stop([path]);
  }

  /** Stops the check as missing the given paths. */
  missing(...paths: string[]): Stop {
    return new Stop(paths);
  }

  /** Stops the check as depending on invalid inputs. */
  invalid(errors: readonly FieldError[]): Stop {
    return new Stop([], errors);
  }

  /** An optional input: `undefined` (and listed in `notAssessed`) when absent. */
  optional<T>(field: Field<T>, path: string): T | undefined | Stop {
    if (field.state === "present") return field.value;
    if (field.state === "invalid") return new Stop([], field.errors);
    if (!this.notAssessed.includes(path)) this.notAssessed.push(path);
    return undefined;
  }

  /** A laboratory value in its canonical unit (case-format.md). */
  lab(name: keyof ParsedCase["labs"]): number | Stop {
    const f = this.c.labs[name];
    return f.state === "present" ? f.value.canonical : this.need(f, `labs.${name}`);
  }

  optionalLab(name: keyof ParsedCase["labs"]): number | undefined | Stop {
    const f = this.c.labs[name];
    return f.state === "present" ? f.value.canonical : this.optional(f, `labs.${name}`);
  }

  /** Child-Pugh class and points, from the raw inputs or as given ({@link childPughFact}). */
  childPugh(): ChildPughFact | Stop {
    return this.facts.childPugh;
  }

  /** The tumour-burden summary (criteria/burden.ts); `complete` requires every nodule measured. */
  burden(opts: { complete: boolean }): TumorBurden | Stop {
    const b = this.facts.burden;
    if (b.state === "invalid") return new Stop([], b.errors);
    if (b.state === "absent") return new Stop(["tumors"]);
    if (opts.complete && (b.value.unmeasured > 0 || b.value.largestKnownCm === undefined)) {
      return new Stop([sizesMissingPath(b.value)]);
    }
    return b.value;
  }
}

/** One reason or nothing; a check may return several, or stop on its inputs. */
export type CheckOutput = EligibilityReason | readonly EligibilityReason[] | undefined | Stop;

export interface Check {
  readonly id: string;
  readonly run: (ctx: Ctx) => CheckOutput;
}

/** Sources with their short citation formatted once, when a rule module loads. */
export interface Cited {
  readonly ids: readonly SourceId[];
  readonly citation: string;
}

export function cited(...ids: SourceId[]): Cited {
  return { ids, citation: citeShort(...ids) };
}

/** Builds a reason with its citation from the evidence registry. */
export function reason(rule: string, level: Level, text: string, sources: Cited): EligibilityReason {
  return { rule, level, text, citation: sources.citation };
}

/** A level that differs by profile; `null` means "not a contraindication under this profile". */
export type ProfileLevel = Level | { readonly [P in Profile]: Level | null };

export function levelFor(l: ProfileLevel, p: Profile): Level | null {
  return typeof l === "string" ? l : l[p];
}

/**
 * An optional boolean flag (e.g. `contraindications.pregnancy`): when true, a reason at the
 * profile's level; when false, nothing; when absent, listed in `notAssessed`.
 */
export function flagCheck(
  id: string,
  path: string,
  get: (c: ParsedCase) => Field<boolean>,
  level: ProfileLevel,
  text: string,
  sources: Cited,
  otherProfileNote?: string,
): Check {
  const noteText = otherProfileNote ? `${text}: ${otherProfileNote}` : undefined;
  return {
    id,
    run: (ctx) => {
      const flag = ctx.optional(get(ctx.c), path);
      if (flag !== true) return flag instanceof Stop ? flag : undefined;
      const l = levelFor(level, ctx.profile);
      if (l === null) return noteText ? reason(id, "note", noteText, sources) : undefined;
      return reason(id, l, text, sources);
    },
  };
}

const VERDICT_TEXT: Readonly<Record<Verdict, string>> = {
  eligible: "eligible",
  "relative-contraindication": "relative contraindication",
  contraindicated: "contraindicated",
};

/** One modality under one profile: its checks and the texts that do not depend on the case. */
export interface Evaluation {
  readonly modality: string;
  readonly profile: Profile;
  readonly checks: readonly Check[];
  /** Per check: whether an earlier check has the same id (several flags share one rule id). */
  readonly repeatsId: readonly boolean[];
  readonly rule: string;
  readonly citation: string;
  readonly head: string;
}

export type Evaluations = { readonly [P in Profile]: Evaluation };

/** Builds the evaluations of a modality under both profiles, once, when its module loads. */
export function evaluations(
  modality: string,
  label: string,
  checks: readonly Check[],
  baseSources: Cited,
): Evaluations {
  const of = (profile: Profile): Evaluation => ({
    modality,
    profile,
    checks,
    repeatsId: checks.map((check, i) => checks.findIndex((other) => other.id === check.id) < i),
    rule: `eligibility.${modality}.${profile}`,
    citation: cite(...baseSources.ids),
    head: `${label} under the ${profile} profile (${PROFILE_LABEL[profile]})`,
  });
  return { intl: of("intl"), cn: of("cn") };
}

/** The texts of the reasons at one level, "; "-separated (no intermediate arrays: 16 evaluations per case). */
function texts(reasons: readonly EligibilityReason[], level: Level): string {
  let out = "";
  for (const r of reasons) {
    if (r.level === level) out = out === "" ? r.text : `${out}; ${r.text}`;
  }
  return out;
}

/** Runs the checks and aggregates them into a verdict (staging-treatment.md §4 opening). */
export function evaluate(facts: CaseFacts, spec: Evaluation): EligibilityResult {
  const ctx = new Ctx(facts, spec.profile);
  const reasons: EligibilityReason[] = [];
  const missing: string[] = [];
  const errors: FieldError[] = [];
  const applied: string[] = [];
  const { checks, repeatsId } = spec;
  for (let i = 0; i < checks.length; i++) {
    const check = checks[i] as Check;
    const out = check.run(ctx);
    if (out instanceof Stop) {
      for (const m of out.missing) if (!missing.includes(m)) missing.push(m);
      for (const e of out.errors) errors.push(e);
      continue;
    }
    if (!repeatsId[i] || !applied.includes(check.id)) applied.push(check.id);
    if (out === undefined) continue;
    if (Array.isArray(out)) for (const r of out as readonly EligibilityReason[]) reasons.push(r);
    else reasons.push(out as EligibilityReason);
  }
  const absolute = reasons.some((r) => r.level === "absolute");
  const relative = reasons.some((r) => r.level === "relative");
  const { head } = spec;
  const base = {
    rule: spec.rule,
    modality: spec.modality,
    profile: spec.profile,
    citation: spec.citation,
    reasons,
    rulesApplied: applied,
    notAssessed: ctx.notAssessed,
  };
  if (absolute) {
    const tail = missing.length > 0 ? ` (also missing: ${missing.join(", ")})` : "";
    return {
      status: "ok",
      verdict: "contraindicated",
      ...base,
      ...(missing.length > 0 ? { alsoMissing: missing } : {}),
      ...(errors.length > 0 ? { alsoInvalid: errors } : {}),
      reason: `${head}: contraindicated — ${texts(reasons, "absolute")}${tail}.`,
    };
  }
  if (errors.length > 0) {
    const paths = [...new Set(errors.map((e) => e.path))];
    return {
      status: "invalid",
      errors,
      ...base,
      reason: `${head}: not decided — invalid input: ${paths.join(", ")}.`,
    };
  }
  if (missing.length > 0) {
    const found = relative ? ` Found so far: ${texts(reasons, "relative")}.` : "";
    return {
      status: "indeterminate",
      missing,
      ...base,
      reason: `${head}: cannot determine — missing ${missing.join(", ")}.${found}`,
    };
  }
  const verdict: Verdict = relative ? "relative-contraindication" : "eligible";
  const why = relative ? texts(reasons, "relative") : "no contraindication found in the inputs assessed";
  const notAssessedText =
    ctx.notAssessed.length > 0 ? ` Not given, so not assessed: ${ctx.notAssessed.join(", ")}.` : "";
  return {
    status: "ok",
    verdict,
    ...base,
    reason: `${head}: ${VERDICT_TEXT[verdict]} — ${why}.${notAssessedText}`,
  };
}

function summary(r: EligibilityResult): string {
  return r.status === "ok" ? r.verdict : r.status;
}

/**
 * Evaluates both profiles and, where they differ, says so on both (staging-treatment.md §7.5:
 * never merged silently).
 */
export function bothProfiles(facts: CaseFacts, specs: Evaluations): ProfilePair {
  const intl = evaluate(facts, specs.intl);
  const cn = evaluate(facts, specs.cn);
  if (summary(intl) === summary(cn)) return { intl, cn };
  const text = `Profiles differ: intl ${summary(intl)}, cn ${summary(cn)} [CONFLICT between guidelines; both shown].`;
  return { intl: { ...intl, profileDifference: text }, cn: { ...cn, profileDifference: text } };
}

// ---- checks shared by several modalities ----

/** Decompensation-signal inputs that are optional flags (listed in `notAssessed` when absent). */
const OPTIONAL_SIGNAL_INPUTS: ReadonlySet<string> = new Set([
  "decompensation.jaundice",
  "decompensation.varicealBleeding",
  "decompensation.hepatorenalSyndrome",
]);

/**
 * The safety layer's consequences for one family of modalities (safety/safety.ts): one reason
 * per decompensation signal and per conflict between inputs. The clinical grades (ascites,
 * encephalopathy) are required — decompensation is never assumed absent — and the optional
 * flags are listed in `notAssessed` when not given.
 */
export function safetyCheck(family: InterventionFamily): Check {
  const id = `${family}.safety`;
  return {
    id,
    run: (ctx) => {
      const s = ctx.safety;
      if (s.errors.length > 0) return new Stop([], s.errors);
      const required = s.notReported.filter((p) => !OPTIONAL_SIGNAL_INPUTS.has(p));
      for (const p of s.notReported) {
        if (OPTIONAL_SIGNAL_INPUTS.has(p) && !ctx.notAssessed.includes(p)) ctx.notAssessed.push(p);
      }
      const out: EligibilityReason[] = [];
      let missing: readonly string[] = required;
      for (const sig of s.signals) {
        const k = signalConsequence(sig, family, ctx.profile);
        if (k === undefined) continue;
        if ("missing" in k) {
          missing = [...missing, ...k.missing];
          continue;
        }
        out.push({ rule: k.rule, level: k.level, text: k.text, citation: k.citation });
      }
      for (const x of s.conflicts) {
        const k = conflictConsequence(x);
        out.push({ rule: k.rule, level: k.level, text: k.text, citation: k.citation });
      }
      if (missing.length > 0 && !out.some((r) => r.level === "absolute")) return new Stop(missing);
      return out;
    },
  };
}

export function childPughCCheck(id: string, sources: Cited): Check {
  return {
    id,
    run: (ctx) => {
      const cp = ctx.childPugh();
      if (cp instanceof Stop) return cp;
      return cp.class === "C" ? reason(id, "absolute", `${cp.basis}: Child-Pugh C`, sources) : undefined;
    },
  };
}

/** Performance status above this contraindicates every intervention (staging-treatment.md §4). */
export const ECOG_MAX = 2;
/** Expected survival below this (months) contraindicates every intervention (§4). */
export const LIFE_EXPECTANCY_MIN_MONTHS = 3;

/** ECOG > 2 absolute; ECOG 2 at the given level per profile (null: acceptable). */
export function ecogCheck(id: string, ecog2: ProfileLevel | null, sources: Cited): Check {
  return {
    id,
    run: (ctx) => {
      const e = ctx.need(ctx.c.ecog, "ecog");
      if (e instanceof Stop) return e;
      if (e > ECOG_MAX) return reason(id, "absolute", `ECOG ${e} (> ${ECOG_MAX})`, sources);
      if (e === ECOG_MAX) {
        const l = ecog2 === null ? null : levelFor(ecog2, ctx.profile);
        if (l !== null) return reason(id, l, `ECOG ${ECOG_MAX}`, sources);
      }
      return undefined;
    },
  };
}

export function lifeExpectancyCheck(id: string, sources: Cited): Check {
  return {
    id,
    run: (ctx) => {
      const m = ctx.optional(ctx.c.lifeExpectancyMonths, "lifeExpectancyMonths");
      if (m instanceof Stop) return m;
      return m !== undefined && m < LIFE_EXPECTANCY_MIN_MONTHS
        ? reason(id, "absolute", `expected survival ${m} months (< ${LIFE_EXPECTANCY_MIN_MONTHS})`, sources)
        : undefined;
    },
  };
}

/** A laboratory threshold `value < cut` (or `>`) at a level; required input. */
export function labCheck(
  id: string,
  lab: keyof ParsedCase["labs"],
  op: "<" | ">",
  cut: number,
  unit: string,
  label: string,
  level: ProfileLevel,
  sources: Cited,
): Check {
  const threshold = ` ${unit} (${op} ${cut} ${unit})`;
  return {
    id,
    run: (ctx) => {
      const l = levelFor(level, ctx.profile);
      if (l === null) return undefined;
      const v = ctx.lab(lab);
      if (v instanceof Stop) return v;
      const fires = op === "<" ? v < cut : v > cut;
      return fires ? reason(id, l, `${label} ${v}${threshold}`, sources) : undefined;
    },
  };
}

export function contraindicationFlags(
  prefix: string,
  keys: readonly {
    key: keyof ParsedCase["contraindications"];
    level: ProfileLevel;
    text: string;
    sources: Cited;
    note?: string;
  }[],
): Check[] {
  return keys.map((k) =>
    flagCheck(
      `${prefix}.${k.key}`,
      `contraindications.${k.key}`,
      (c) => c.contraindications[k.key],
      k.level,
      k.text,
      k.sources,
      k.note,
    ),
  );
}
