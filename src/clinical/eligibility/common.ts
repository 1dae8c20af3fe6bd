/**
 * The machinery shared by every modality's eligibility rules (staging-treatment.md §4, §7.1,
 * §7.5): two profiles, a verdict vocabulary, reasons with rule ids, levels and citations, and
 * the aggregation "an absolute contraindication found from known data decides even when other
 * inputs are missing (listed as `alsoMissing`)".
 *
 * A check reads the inputs it needs through a {@link Ctx}: `need` stops the check and records
 * the missing path (or the invalid field), `optional` reads a field that is only considered
 * when given (an absent optional flag is listed in `notAssessed`, never assumed normal in
 * silence). The control flow uses a private signal class so that each check reads like the
 * guideline sentence it encodes.
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
import { sizesMissingPath, type TumorBurden, tumorBurden } from "../criteria/burden.js";
import { cite, citeShort, type SourceId } from "../evidence/index.js";
import type { Field, FieldError } from "../result.js";
import { type ChildPughResult, childPugh } from "../scores/child-pugh.js";
import type { Quantity } from "../units/quantity.js";

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

class Stop {
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

/** What checks read. One per (case, modality, profile) evaluation. */
export class Ctx {
  readonly notAssessed: string[] = [];
  readonly assumptions: string[] = [];
  constructor(
    readonly c: ParsedCase,
    readonly profile: Profile,
    private readonly cp: ChildPughResult,
  ) {}

  /** A required input: absent stops the check as missing, invalid as invalid. */
  need<T>(field: Field<T>, path: string): T {
    if (field.state === "present") return field.value;
    if (field.state === "invalid") throw new Stop([], field.errors);
    throw new Stop([path]);
  }

  /** Stops the check as missing the given paths. */
  missing(...paths: string[]): never {
    throw new Stop(paths);
  }

  /** Stops the check as depending on invalid inputs. */
  invalid(errors: readonly FieldError[]): never {
    throw new Stop([], errors);
  }

  /** An optional input: `undefined` (and listed in `notAssessed`) when absent. */
  optional<T>(field: Field<T>, path: string): T | undefined {
    if (field.state === "present") return field.value;
    if (field.state === "invalid") throw new Stop([], field.errors);
    if (!this.notAssessed.includes(path)) this.notAssessed.push(path);
    return undefined;
  }

  /** A laboratory value in its canonical unit (case-format.md). */
  lab(name: keyof ParsedCase["labs"]): number {
    return this.need<Quantity>(this.c.labs[name], `labs.${name}`).canonical;
  }

  optionalLab(name: keyof ParsedCase["labs"]): number | undefined {
    return this.optional<Quantity>(this.c.labs[name], `labs.${name}`)?.canonical;
  }

  /**
   * Child-Pugh class (and points): computed from the raw inputs (scores/child-pugh.ts), or the
   * clinician-given `childPughClass` / `childPughPoints` when the raw inputs are incomplete.
   */
  childPugh(): ChildPughFact {
    const cp = this.cp;
    if (cp.status === "ok")
      return { class: cp.class, score: cp.score, basis: `Child-Pugh ${cp.class}${cp.score}` };
    if (cp.status === "invalid") throw new Stop([], cp.errors);
    const given = this.c.childPughClass;
    const points = this.c.childPughPoints;
    if (given.state === "invalid") throw new Stop([], given.errors);
    if (points.state === "invalid") throw new Stop([], points.errors);
    if (given.state === "present") {
      const score = points.state === "present" ? points.value : undefined;
      return { class: given.value, score, basis: `Child-Pugh ${given.value}${score ?? ""} (given)` };
    }
    if (points.state === "present") {
      const p = points.value;
      return { class: p <= 6 ? "A" : p <= 9 ? "B" : "C", score: p, basis: `Child-Pugh ${p} points (given)` };
    }
    throw new Stop(cp.missing);
  }

  /** The tumour-burden summary (criteria/burden.ts); `complete` requires every nodule measured. */
  burden(opts: { complete: boolean }): TumorBurden {
    const b = tumorBurden(this.c);
    if (b.state === "invalid") throw new Stop([], b.errors);
    if (b.state === "absent") throw new Stop(["tumors"]);
    if (opts.complete && (b.value.unmeasured > 0 || b.value.largestKnownCm === undefined)) {
      throw new Stop([sizesMissingPath(b.value)]);
    }
    return b.value;
  }
}

/** One reason or nothing; a check may return several. */
export type CheckOutput = EligibilityReason | readonly EligibilityReason[] | undefined;

export interface Check {
  readonly id: string;
  readonly run: (ctx: Ctx) => CheckOutput;
}

/** Builds a reason with its citation from the evidence registry. */
export function reason(
  rule: string,
  level: Level,
  text: string,
  sources: readonly SourceId[],
): EligibilityReason {
  return { rule, level, text, citation: citeShort(...sources) };
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
  sources: readonly SourceId[],
  otherProfileNote?: string,
): Check {
  return {
    id,
    run: (ctx) => {
      if (ctx.optional(get(ctx.c), path) !== true) return undefined;
      const l = levelFor(level, ctx.profile);
      if (l === null) {
        return otherProfileNote ? reason(id, "note", `${text}: ${otherProfileNote}`, sources) : undefined;
      }
      return reason(id, l, text, sources);
    },
  };
}

const VERDICT_TEXT: Readonly<Record<Verdict, string>> = {
  eligible: "eligible",
  "relative-contraindication": "relative contraindication",
  contraindicated: "contraindicated",
};

/** Runs the checks and aggregates them into a verdict (staging-treatment.md §4 opening). */
export function evaluate(
  c: ParsedCase,
  spec: {
    readonly modality: string;
    readonly label: string;
    readonly profile: Profile;
    readonly checks: readonly Check[];
    readonly baseSources: readonly SourceId[];
    readonly childPugh?: ChildPughResult;
  },
): EligibilityResult {
  const ctx = new Ctx(c, spec.profile, spec.childPugh ?? childPugh(c));
  const reasons: EligibilityReason[] = [];
  const missing: string[] = [];
  const errors: FieldError[] = [];
  const applied: string[] = [];
  for (const check of spec.checks) {
    try {
      const out = check.run(ctx);
      if (!applied.includes(check.id)) applied.push(check.id);
      if (out === undefined) continue;
      if (Array.isArray(out)) reasons.push(...(out as readonly EligibilityReason[]));
      else reasons.push(out as EligibilityReason);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      for (const m of e.missing) if (!missing.includes(m)) missing.push(m);
      errors.push(...e.errors);
    }
  }
  const rule = `eligibility.${spec.modality}.${spec.profile}`;
  const citation = cite(...spec.baseSources);
  const head = `${spec.label} under the ${spec.profile} profile (${PROFILE_LABEL[spec.profile]})`;
  const absolute = reasons.filter((r) => r.level === "absolute");
  const relative = reasons.filter((r) => r.level === "relative");
  const list = (rs: readonly EligibilityReason[]) => rs.map((r) => r.text).join("; ");
  const base = {
    rule,
    modality: spec.modality,
    profile: spec.profile,
    citation,
    reasons,
    rulesApplied: applied,
    notAssessed: ctx.notAssessed,
    ...(ctx.assumptions.length > 0 ? { assumptions: ctx.assumptions } : {}),
  };
  const notAssessedText =
    ctx.notAssessed.length > 0 ? ` Not given, so not assessed: ${ctx.notAssessed.join(", ")}.` : "";
  if (absolute.length > 0) {
    const tail = missing.length > 0 ? ` (also missing: ${missing.join(", ")})` : "";
    return {
      status: "ok",
      verdict: "contraindicated",
      ...base,
      ...(missing.length > 0 ? { alsoMissing: missing } : {}),
      ...(errors.length > 0 ? { alsoInvalid: errors } : {}),
      reason: `${head}: contraindicated — ${list(absolute)}${tail}.`,
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
    const found = relative.length > 0 ? ` Found so far: ${list(relative)}.` : "";
    return {
      status: "indeterminate",
      missing,
      ...base,
      reason: `${head}: cannot determine — missing ${missing.join(", ")}.${found}`,
    };
  }
  const verdict: Verdict = relative.length > 0 ? "relative-contraindication" : "eligible";
  const why = relative.length > 0 ? list(relative) : "no contraindication found in the inputs assessed";
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
export function bothProfiles(run: (p: Profile) => EligibilityResult): ProfilePair {
  const intl = run("intl");
  const cn = run("cn");
  if (summary(intl) === summary(cn)) return { intl, cn };
  const text = `Profiles differ: intl ${summary(intl)}, cn ${summary(cn)} [CONFLICT between guidelines; both shown].`;
  return { intl: { ...intl, profileDifference: text }, cn: { ...cn, profileDifference: text } };
}

// ---- checks shared by several modalities ----

export function childPughCCheck(id: string, sources: readonly SourceId[]): Check {
  return {
    id,
    run: (ctx) => {
      const cp = ctx.childPugh();
      return cp.class === "C" ? reason(id, "absolute", `${cp.basis}: Child-Pugh C`, sources) : undefined;
    },
  };
}

/** ECOG > 2 absolute; ECOG 2 at the given level per profile (null: acceptable). */
export function ecogCheck(id: string, ecog2: ProfileLevel | null, sources: readonly SourceId[]): Check {
  return {
    id,
    run: (ctx) => {
      const e = ctx.need(ctx.c.ecog, "ecog");
      if (e > 2) return reason(id, "absolute", `ECOG ${e} (> 2)`, sources);
      if (e === 2) {
        const l = ecog2 === null ? null : levelFor(ecog2, ctx.profile);
        if (l !== null) return reason(id, l, "ECOG 2", sources);
      }
      return undefined;
    },
  };
}

export function lifeExpectancyCheck(id: string, sources: readonly SourceId[]): Check {
  return {
    id,
    run: (ctx) => {
      const m = ctx.optional(ctx.c.lifeExpectancyMonths, "lifeExpectancyMonths");
      return m !== undefined && m < 3
        ? reason(id, "absolute", `expected survival ${m} months (< 3)`, sources)
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
  sources: readonly SourceId[],
): Check {
  return {
    id,
    run: (ctx) => {
      const l = levelFor(level, ctx.profile);
      if (l === null) return undefined;
      const v = ctx.lab(lab);
      const fires = op === "<" ? v < cut : v > cut;
      return fires ? reason(id, l, `${label} ${v} ${unit} (${op} ${cut} ${unit})`, sources) : undefined;
    },
  };
}

export function contraindicationFlags(
  prefix: string,
  keys: readonly {
    key: keyof ParsedCase["contraindications"];
    level: ProfileLevel;
    text: string;
    sources: readonly SourceId[];
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
