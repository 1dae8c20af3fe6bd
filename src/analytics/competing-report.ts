/**
 * A competing-risks analysis of one table in the structure of R's results: `cuminc` (per
 * group and event type: time, est, var, as `cmprsk::cuminc`), `grayTest` (per event type:
 * stat, pv, df), `crr` (per event type of interest: Fine–Gray coef, se, p, as
 * `cmprsk::crr`) and `causeSpecificCox` (per event type: `coxph(Surv(time, status == k) ~ …)`,
 * the other event types censored).
 *
 * Status: 0 censored, 1 … k the event types. Missing values as cmprsk's `na.omit`: rows
 * missing time or status are dropped everywhere, rows missing the group from `cuminc` and
 * Gray's test, rows missing a covariate from the regressions (counted in `nDroppedMissing`).
 * Keys built from data (group levels, event codes) live in null-prototype records.
 */
import { type CoxResult, coxPh } from "./cox.js";
import { type CumincCurve, cumulativeIncidence, grayTest } from "./cumulative-incidence.js";
import { type FineGrayResult, fineGray } from "./fine-gray.js";
import { orderByTime } from "./order.js";
import { buildDesign, type Cell, factorLevels, type Variable } from "./report.js";

export interface CompetingRequest {
  readonly timeName: string;
  readonly statusName: string;
  readonly time: readonly (number | null)[];
  /** 0 censored, 1 … k event types, null missing. */
  readonly status: readonly (number | null)[];
  readonly group?: Variable;
  /** Strata for Gray's test (cuminc's `strata`). */
  readonly strata?: Variable;
  readonly covariates: readonly Variable[];
  readonly confLevel?: number;
}

export interface CumincEntry extends CumincCurve {
  readonly group: string;
  readonly cause: number;
}

export interface GrayEntry {
  readonly stat: number | null;
  readonly pv: number | null;
  readonly df: number;
}

export type CrrSection = FineGrayResult & { readonly nDroppedMissing: number };
export type CauseSpecificSection = CoxResult & { readonly nDroppedMissing: number };

export interface CompetingReport {
  readonly options: {
    readonly covariates: readonly string[];
    readonly group: string | null;
    readonly strata: string | null;
    readonly confLevel: number;
  };
  readonly rows: {
    readonly read: number;
    readonly used: number;
    readonly droppedMissingTimeOrStatus: number;
    readonly withGroup: number;
  };
  /** Event types present, ascending (cuminc's `uclab`). */
  readonly causes: readonly number[];
  readonly groupLevels: readonly string[];
  /** Keyed "group cause" as cuminc names its curves ("1 1" without a group). */
  readonly cuminc: Readonly<Record<string, CumincEntry>>;
  /** Keyed by event type; null with fewer than two groups. */
  readonly grayTest: Readonly<Record<string, GrayEntry>> | null;
  /** Keyed by event type of interest; null without covariates. */
  readonly crr: Readonly<Record<string, CrrSection>> | null;
  readonly causeSpecificCox: Readonly<Record<string, CauseSpecificSection>> | null;
}

/** src[idx[k]] for every k, by a plain loop (TypedArray.from with a map function is slow in V8). */
function gather(src: ArrayLike<number | null>, idx: ArrayLike<number>): Float64Array {
  const out = new Float64Array(idx.length);
  for (let k = 0; k < idx.length; k++) out[k] = src[idx[k] as number] as number;
  return out;
}

function record<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

export function competingRisksReport(req: CompetingRequest): CompetingReport {
  const confLevel = req.confLevel ?? 0.95;
  const read = req.time.length;
  const usedBuf = new Uint32Array(read);
  let nUsed = 0;
  const causeSet = new Set<number>();
  for (let i = 0; i < read; i++) {
    const e = req.status[i];
    if (req.time[i] === null || e === null || e === undefined) continue;
    usedBuf[nUsed++] = i;
    if (e !== 0) causeSet.add(e);
  }
  const used = usedBuf.subarray(0, nUsed);
  const causes = [...causeSet].sort((a, b) => a - b);

  const g = req.group;
  const st = req.strata;
  // Sorted by time once (cuminc's d[order(d$time), ]); every curve and test reads the sorted rows.
  const unsorted = used.filter((i) => (!g || g.values[i] !== null) && (!st || st.values[i] !== null));
  const byTime = orderByTime(gather(req.time, unsorted));
  const ciRows = new Uint32Array(byTime.length);
  for (let k = 0; k < byTime.length; k++) ciRows[k] = unsorted[byTime[k] as number] as number;
  const levelIndex = (v: Variable): { levels: string[]; index: Uint32Array } => {
    // One string conversion per distinct value, not per row.
    const distinct = new Set<Cell>();
    for (let r = 0; r < ciRows.length; r++) distinct.add(v.values[ciRows[r] as number] as Cell);
    const levels = factorLevels([...distinct]);
    const byLevel = new Map(levels.map((l, k) => [l, k]));
    const byValue = new Map<Cell, number>([...distinct].map((d) => [d, byLevel.get(String(d)) as number]));
    const index = new Uint32Array(ciRows.length);
    for (let r = 0; r < ciRows.length; r++)
      index[r] = byValue.get(v.values[ciRows[r] as number] as Cell) as number;
    return { levels, index };
  };
  const grouping = g ? levelIndex(g) : { levels: ["1"], index: new Uint32Array(ciRows.length) };
  const groupLevels = grouping.levels;
  const groupOf = grouping.index;
  const ciTime = gather(req.time, ciRows);
  const ciEvent = gather(req.status, ciRows);

  const cuminc = record<CumincEntry>();
  const sizes = new Uint32Array(groupLevels.length);
  for (let r = 0; r < ciRows.length; r++)
    sizes[groupOf[r] as number] = (sizes[groupOf[r] as number] as number) + 1;
  const members = groupLevels.map((_, k) => new Uint32Array(sizes[k] as number));
  const fill = new Uint32Array(groupLevels.length);
  for (let r = 0; r < ciRows.length; r++) {
    const k = groupOf[r] as number;
    (members[k] as Uint32Array)[fill[k] as number] = r;
    fill[k] = (fill[k] as number) + 1;
  }
  for (const cause of causes) {
    groupLevels.forEach((level, k) => {
      const keep = members[k] as Uint32Array;
      const curve = cumulativeIncidence(gather(ciTime, keep), gather(ciEvent, keep), cause, true);
      cuminc[`${level} ${cause}`] = { group: level, cause, ...curve };
    });
  }

  let gray: Record<string, GrayEntry> | null = null;
  if (groupLevels.length > 1) {
    gray = record<GrayEntry>();
    const strataOf = st ? levelIndex(st).index : undefined;
    for (const cause of causes) {
      const t = grayTest(ciTime, ciEvent, cause, groupOf, groupLevels.length, strataOf, 0, true);
      gray[String(cause)] = { stat: t.stat, pv: t.pv, df: t.df };
    }
  }

  let crr: Record<string, CrrSection> | null = null;
  let causeSpecificCox: Record<string, CauseSpecificSection> | null = null;
  if (req.covariates.length > 0) {
    crr = record<CrrSection>();
    causeSpecificCox = record<CauseSpecificSection>();
    const rows = Array.from(used).filter((i) =>
      req.covariates.every((v) => v.values[i] !== null && v.values[i] !== undefined),
    );
    const nDroppedMissing = used.length - rows.length;
    const design = buildDesign(req.covariates, rows);
    const mTime = Float64Array.from(rows, (i) => req.time[i] as number);
    const mEvent = Float64Array.from(rows, (i) => req.status[i] as number);
    for (const cause of causes) {
      const key = String(cause);
      if (typeof design === "string") {
        crr[key] = { status: "invalid", failCode: cause, code: "singular", terms: [], nDroppedMissing };
        causeSpecificCox[key] = {
          status: "invalid",
          code: "collinear",
          terms: [],
          message: design,
          nDroppedMissing,
        };
        continue;
      }
      crr[key] = { ...fineGray(mTime, mEvent, cause, design, { confLevel }), nDroppedMissing };
      const status = mEvent.map((e) => (e === cause ? 1 : 0));
      causeSpecificCox[key] = { ...coxPh(mTime, status, design, { confLevel }), nDroppedMissing };
    }
  }

  return {
    options: {
      covariates: req.covariates.map((c) => c.name),
      group: g?.name ?? null,
      strata: st?.name ?? null,
      confLevel,
    },
    rows: {
      read,
      used: used.length,
      droppedMissingTimeOrStatus: read - used.length,
      withGroup: g ? ciRows.length : 0,
    },
    causes,
    groupLevels: g ? groupLevels : [],
    cuminc,
    grayTest: gray,
    crr,
    causeSpecificCox,
  };
}
