/**
 * A complete survival analysis of one table, in the structure of R's parity files
 * (`shared/analytics/*.expected.json`, keys in camelCase): KM overall and by group, medians,
 * log-rank, Cox with Efron and Breslow ties, cox.zph.
 *
 * Missing values are handled as R does with `na.omit`: rows missing time or status are
 * dropped everywhere; KM by group and the log-rank use the rows with a group; the Cox model
 * drops every row missing one of its variables and counts them (`nDroppedMissing`).
 * A group is an R factor: levels sorted (numerically when every level is a number), coded
 * with treatment contrasts against the first level (`group2`, ...). A covariate whose values
 * are not all numbers is a factor too, as R's `read.csv` + `coxph` would make it. Levels are
 * those present in the rows the model uses (R's `drop.unused.levels`).
 */
import { type CoxResult, coxPh } from "./cox.js";
import { coxZph, type ZphResult, ZphSingularError } from "./cox-zph.js";
import {
  type ConfType,
  type KmCurve,
  kaplanMeier,
  type MedianSurvival,
  medianSurvival,
} from "./kaplan-meier.js";
import { type LogRankResult, logRank } from "./log-rank.js";

export type Cell = number | string | null;

export interface Variable {
  readonly name: string;
  /** Numbers, strings (factor levels) or null for missing. */
  readonly values: readonly Cell[];
  /** Treat as a factor even when every value is a number (as the group always is). */
  readonly factor?: boolean;
}

export interface SurvivalRequest {
  readonly timeName: string;
  readonly statusName: string;
  /** Time per row; null = missing. */
  readonly time: readonly (number | null)[];
  /** 0 censored, 1 event, null missing. */
  readonly status: readonly (0 | 1 | null)[];
  readonly group?: Variable;
  /**
   * Stratify the log-rank test (R: `survdiff(Surv ~ group + strata(s))`) and the Cox model
   * (`coxph(Surv ~ … + strata(s))`: a baseline hazard per stratum).
   */
  readonly strata?: Variable;
  /** Counting-process entry times (R: `Surv(start, stop, event)`, at risk on (start, stop]). */
  readonly start?: { readonly name: string; readonly values: readonly (number | null)[] };
  /** Cox robust variance by cluster (R: `cluster =`). */
  readonly cluster?: Variable;
  /** Cox case weights (R: `weights =`). */
  readonly weights?: { readonly name: string; readonly values: readonly (number | null)[] };
  readonly covariates: readonly Variable[];
  /** Put the group into the Cox model as a factor (default true). */
  readonly groupInCox?: boolean;
  readonly confType?: ConfType;
  readonly confLevel?: number;
}

export type CoxSection =
  | (Extract<CoxResult, { status: "ok" }> & {
      readonly nDroppedMissing: number;
      readonly zph: ZphResult | null;
    })
  | (Exclude<CoxResult, { status: "ok" }> & { readonly nDroppedMissing: number });

export interface SurvivalReport {
  readonly options: {
    readonly covariates: readonly string[];
    readonly groupInCox: boolean;
    readonly logrankStrata: string | null;
    readonly confLevel: number;
    readonly kmConfType: ConfType;
  };
  readonly rows: {
    readonly read: number;
    readonly used: number;
    readonly droppedMissingTimeOrStatus: number;
    readonly withGroup: number;
  };
  readonly groupLevels: readonly string[];
  readonly km: { readonly overall: KmCurve; readonly byGroup: Readonly<Record<string, KmCurve>> };
  readonly median: {
    readonly overall: MedianSurvival;
    readonly byGroup: Readonly<Record<string, MedianSurvival>>;
  };
  /** null without a group, or with a single group level. */
  readonly logrank: LogRankResult | null;
  readonly cox: {
    readonly formula: string;
    /** Strata, weights or entry times in the model: cox.zph is not computed. */
    readonly extended: boolean;
    readonly efron: CoxSection;
    readonly breslow: CoxSection;
  } | null;
}

/** Factor levels as R's `factor()` orders them: numerically if all are numbers, else by collation. */
export function factorLevels(values: readonly Cell[]): string[] {
  const set = new Set<string>();
  for (const v of values) if (v !== null) set.add(String(v));
  const levels = [...set];
  if (levels.every((l) => l.trim() !== "" && Number.isFinite(Number(l)))) {
    return levels.sort((a, b) => Number(a) - Number(b));
  }
  const collator = new Intl.Collator("en-US");
  return levels.sort(collator.compare);
}

function isNumericVariable(v: Variable): boolean {
  return !v.factor && v.values.every((x) => x === null || typeof x === "number");
}

export interface DesignColumns {
  readonly terms: string[];
  readonly columns: Float64Array[];
  readonly assign: { term: string; columns: number[] }[];
}

/** Model columns for the rows used: numbers as they are, factors with treatment contrasts; a string names a factor with one level. */
export function buildDesign(vars: readonly Variable[], rows: readonly number[]): DesignColumns | string {
  const terms: string[] = [];
  const columns: Float64Array[] = [];
  const assign: { term: string; columns: number[] }[] = [];
  for (const v of vars) {
    if (isNumericVariable(v)) {
      const col = new Float64Array(rows.length);
      rows.forEach((r, i) => {
        col[i] = v.values[r] as number;
      });
      assign.push({ term: v.name, columns: [terms.length] });
      terms.push(v.name);
      columns.push(col);
      continue;
    }
    const used = rows.map((r) => String(v.values[r]));
    const levels = factorLevels(used);
    if (levels.length < 2) return `${v.name} has a single level (${levels[0] ?? "none"}) in the rows used`;
    const cols: number[] = [];
    for (const level of levels.slice(1)) {
      const col = new Float64Array(rows.length);
      used.forEach((u, i) => {
        col[i] = u === level ? 1 : 0;
      });
      cols.push(terms.length);
      terms.push(`${v.name}${level}`);
      columns.push(col);
    }
    assign.push({ term: v.name, columns: cols });
  }
  return { terms, columns, assign };
}

/** Run the analysis. Pure: the caller has parsed the table. */
export function survivalReport(req: SurvivalRequest): SurvivalReport {
  const confType = req.confType ?? "log";
  const confLevel = req.confLevel ?? 0.95;
  const groupInCox = req.group !== undefined && (req.groupInCox ?? true);
  const read = req.time.length;
  const used: number[] = [];
  for (let i = 0; i < read; i++) if (req.time[i] !== null && req.status[i] !== null) used.push(i);
  const time = Float64Array.from(used, (i) => req.time[i] as number);
  const status = Float64Array.from(used, (i) => req.status[i] as number);
  const km = {
    overall: kaplanMeier(time, status, { confType, confLevel }),
    byGroup: {} as Record<string, KmCurve>,
  };
  const median = { overall: medianSurvival(km.overall), byGroup: {} as Record<string, MedianSurvival> };

  let groupLevels: string[] = [];
  let withGroup = 0;
  let logrank: LogRankResult | null = null;
  if (req.group) {
    const g = req.group;
    const st = req.strata;
    const rows = used.filter((i) => g.values[i] !== null);
    withGroup = rows.length;
    const lrRows = st ? rows.filter((i) => st.values[i] !== null) : rows;
    groupLevels = factorLevels(rows.map((i) => g.values[i] as Cell));
    const index = new Map(groupLevels.map((l, k) => [l, k]));
    const gIndex = Uint32Array.from(rows, (i) => index.get(String(g.values[i])) as number);
    const gTime = Float64Array.from(rows, (i) => req.time[i] as number);
    const gStatus = Float64Array.from(rows, (i) => req.status[i] as number);
    groupLevels.forEach((level, k) => {
      const keep = rows.map((_, r) => r).filter((r) => gIndex[r] === k);
      const curve = kaplanMeier(
        Float64Array.from(keep, (r) => gTime[r] as number),
        Float64Array.from(keep, (r) => gStatus[r] as number),
        { confType, confLevel },
      );
      km.byGroup[level] = curve;
      median.byGroup[level] = medianSurvival(curve);
    });
    if (groupLevels.length >= 2) {
      if (st) {
        const strataLevels = factorLevels(lrRows.map((i) => st.values[i] as Cell));
        const sIndex = new Map(strataLevels.map((l, k) => [l, k]));
        logrank = logRank(
          Float64Array.from(lrRows, (i) => req.time[i] as number),
          Float64Array.from(lrRows, (i) => req.status[i] as number),
          Uint32Array.from(lrRows, (i) => index.get(String(g.values[i])) as number),
          groupLevels,
          Uint32Array.from(lrRows, (i) => sIndex.get(String(st.values[i])) as number),
        );
      } else {
        logrank = logRank(gTime, gStatus, gIndex, groupLevels);
      }
    }
  }

  const cox = coxModels(req, used, groupInCox, confLevel);
  return {
    options: {
      covariates: req.covariates.map((c) => c.name),
      groupInCox,
      logrankStrata: req.strata?.name ?? null,
      confLevel,
      kmConfType: confType,
    },
    rows: { read, used: used.length, droppedMissingTimeOrStatus: read - used.length, withGroup },
    groupLevels,
    km,
    median,
    logrank,
    cox,
  };
}

/** Cox models only, for (start, stop] data where KM, medians and the log-rank do not apply. */
export interface CoxOnlyReport {
  readonly options: {
    readonly covariates: readonly string[];
    readonly groupInCox: boolean;
    readonly confLevel: number;
  };
  readonly rows: {
    readonly read: number;
    readonly used: number;
    readonly droppedMissingTimeOrStatus: number;
  };
  readonly cox: SurvivalReport["cox"];
}

export function coxOnlyReport(req: SurvivalRequest): CoxOnlyReport {
  const confLevel = req.confLevel ?? 0.95;
  const groupInCox = req.group !== undefined && (req.groupInCox ?? true);
  const read = req.time.length;
  const used: number[] = [];
  for (let i = 0; i < read; i++) if (req.time[i] !== null && req.status[i] !== null) used.push(i);
  return {
    options: { covariates: req.covariates.map((c) => c.name), groupInCox, confLevel },
    rows: { read, used: used.length, droppedMissingTimeOrStatus: read - used.length },
    cox: coxModels(req, used, groupInCox, confLevel),
  };
}

/**
 * The Cox section on the rows with every model variable (covariates, the group when it is in
 * the model, strata, cluster, weights, entry time), Efron and Breslow. cox.zph is computed for
 * unstratified, unweighted right-censored models only (R's cox.zph pools strata differently).
 */
export function coxModels(
  req: SurvivalRequest,
  used: readonly number[],
  groupInCox: boolean,
  confLevel: number,
): SurvivalReport["cox"] {
  const modelVars: Variable[] = [...req.covariates];
  if (groupInCox && req.group) modelVars.push({ ...req.group, factor: true });
  if (modelVars.length === 0) return null;
  const { strata, cluster, weights, start } = req;
  const extra = [strata?.values, cluster?.values, weights?.values, start?.values].filter(
    (v): v is readonly Cell[] => v !== undefined,
  );
  const rows = used.filter(
    (i) =>
      modelVars.every((v) => v.values[i] !== null && v.values[i] !== undefined) &&
      extra.every((v) => v[i] !== null && v[i] !== undefined),
  );
  const nDroppedMissing = used.length - rows.length;
  const response = start
    ? `Surv(${start.name}, ${req.timeName}, ${req.statusName})`
    : `Surv(${req.timeName}, ${req.statusName})`;
  const formula =
    `${response} ~ ${[...modelVars.map((v) => v.name), ...(strata ? [`strata(${strata.name})`] : [])].join(" + ")}` +
    (cluster ? `, cluster = ${cluster.name}` : "") +
    (weights ? `, weights = ${weights.name}` : "");
  const design = buildDesign(modelVars, rows);
  const cTime = Float64Array.from(rows, (i) => req.time[i] as number);
  const cStatus = Float64Array.from(rows, (i) => req.status[i] as number);
  const levelIndex = (v: Variable): Uint32Array => {
    const levels = factorLevels(rows.map((i) => v.values[i] as Cell));
    const index = new Map(levels.map((l, k) => [l, k]));
    return Uint32Array.from(rows, (i) => index.get(String(v.values[i])) as number);
  };
  const extended = {
    ...(strata ? { strata: levelIndex(strata) } : {}),
    ...(cluster ? { cluster: levelIndex(cluster) } : {}),
    ...(weights ? { weights: Float64Array.from(rows, (i) => weights.values[i] as number) } : {}),
    ...(start ? { start: Float64Array.from(rows, (i) => start.values[i] as number) } : {}),
  };
  const plain = !strata && !weights && !start;
  const fitWith = (ties: "efron" | "breslow"): CoxSection => {
    if (typeof design === "string") {
      return { status: "invalid", code: "collinear", terms: [], message: design, nDroppedMissing };
    }
    const result = coxPh(cTime, cStatus, design, { ties, confLevel, ...extended });
    if (result.status !== "ok") return { ...result, nDroppedMissing };
    let zph: ZphResult | null = null;
    if (plain) {
      try {
        zph = coxZph(
          cTime,
          cStatus,
          design.columns,
          result.linearPredictors,
          ties === "efron",
          design.assign,
        );
      } catch (e) {
        // The augmented information can be singular (tiny data); the fit itself stands.
        if (!(e instanceof ZphSingularError)) throw e;
        zph = null;
      }
    }
    return { ...result, nDroppedMissing, zph };
  };
  return { formula, extended: !plain, efron: fitWith("efron"), breslow: fitWith("breslow") };
}
