/**
 * `hepatica survival FILE.csv --time COL --status COL [--group COL] [--covariates a,b]
 *  [--ties efron|breslow] [--no-group-in-cox] [--json] [--svg FILE]`
 *
 * Kaplan–Meier, medians, log-rank and Cox regression on a CSV table, exact to R's survival
 * package (see src/analytics). The table is read as R's `read.csv` would: empty cells and
 * "NA" are missing; a status column may be coded 0/1, 1/2 (R's `Surv` convention: 2 = event)
 * or TRUE/FALSE; a covariate with text values is a factor with treatment contrasts.
 */
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import type { CompetingRequest } from "../analytics/competing-report.js";
import { fitWarningText, unreliableTerms } from "../analytics/fit-warnings.js";
import type { ConfType } from "../analytics/kaplan-meier.js";
import { survivalAt } from "../analytics/kaplan-meier.js";
import { kmSvg } from "../analytics/km-svg.js";
import {
  type Cell,
  type CoxOnlyReport,
  type CoxSection,
  coxOnlyReport,
  type SurvivalReport,
  survivalReport,
  type Variable,
} from "../analytics/report.js";
import { CsvError, type CsvTable, numericCell, parseCsv } from "./csv-table.js";
import { type Command, EXIT, type Io, UsageError } from "./io.js";

const USAGE = `Usage: hepatica survival FILE.csv --time COL --status COL [options]

Kaplan–Meier, log-rank and Cox proportional hazards, matching R's survival package.

Options:
  --time COL             follow-up time column
  --status COL           event column: 1/0, 2/1 (R's Surv: 2 = event) or TRUE/FALSE
  --group COL            compare groups (KM per group, log-rank); the group enters the Cox
                         model as a factor against its first level
  --strata COL           stratify the log-rank test and the Cox model (R: + strata(COL))
  --start COL            counting-process data: at risk on (start, time]; --stop is --time
                         (Cox only: KM, medians and log-rank are not computed for such rows)
  --stop COL             the same as --time
  --cluster COL          Cox robust (sandwich) variance by cluster, e.g. the patient or centre
  --weights COL          Cox case weights (> 0)
  --covariates a,b       Cox covariates (text columns become factors)
  --ties efron|breslow   tie method shown in the table output (JSON has both); default efron
  --no-group-in-cox      keep the group out of the Cox model
  --conf-type T          KM band: log (default), log-log or plain
  --conf-level L         confidence level, default 0.95
  --times t1,t2,...      times for survival estimates and the number-at-risk table
  --json                 JSON in the structure of R's parity files (camelCase keys)
  --svg FILE             also write the Kaplan–Meier plot (per group with --group) as SVG
  --title TEXT           title of the plot (default: the file name)
  --time-label TEXT      x-axis label of the plot (default: the time column)
  --competing            competing risks instead (status 0 censored, 1, 2, … event types):
                         cumulative incidence, Gray's test, Fine–Gray and cause-specific Cox
                         as R's cmprsk; see hepatica survival --competing --help
`;

/** Thrown for data the command cannot analyse (exit code 1). */
export class InvalidInputError extends Error {}

export interface ColumnChoice {
  readonly time: string;
  readonly status: string;
  readonly group?: string;
  readonly strata?: string;
  readonly start?: string;
  readonly cluster?: string;
  readonly weights?: string;
  readonly covariates: readonly string[];
  readonly groupInCox: boolean;
  readonly confType?: ConfType;
  readonly confLevel?: number;
}

function column(table: CsvTable, name: string): string[] {
  const k = table.header.indexOf(name);
  if (k < 0) {
    throw new InvalidInputError(`no column "${name}" (columns: ${table.header.join(", ")})`);
  }
  return table.rows.map((r) => r[k] as string);
}

function badRows(name: string, rows: number[], what: string): InvalidInputError {
  const shown = rows.slice(0, 5).map((r) => r + 2);
  return new InvalidInputError(
    `column "${name}": ${what} on line${shown.length > 1 ? "s" : ""} ${shown.join(", ")}${rows.length > 5 ? ` and ${rows.length - 5} more` : ""}`,
  );
}

function numericColumn(name: string, cells: readonly string[]): (number | null)[] {
  const bad: number[] = [];
  const out = cells.map((c, i) => {
    const v = numericCell(c);
    if (v === undefined) {
      bad.push(i);
      return null;
    }
    return v;
  });
  if (bad.length > 0) throw badRows(name, bad, "not a number");
  return out;
}

/** Status as R's `Surv` reads it: 0/1, or 1/2 with 2 the event, or TRUE/FALSE. */
export function statusColumn(name: string, cells: readonly string[]): (0 | 1 | null)[] {
  const trimmed = cells.map((c) => c.trim());
  const present = trimmed.filter((c) => c !== "" && c !== "NA");
  if (present.every((c) => c === "TRUE" || c === "FALSE" || c === "T" || c === "F")) {
    return trimmed.map((c) => (c === "" || c === "NA" ? null : c === "TRUE" || c === "T" ? 1 : 0));
  }
  const values = numericColumn(name, cells);
  const distinct = new Set(values.filter((v): v is number => v !== null));
  const all = (allowed: number[]): boolean => [...distinct].every((v) => allowed.includes(v));
  const shift = all([0, 1]) ? 0 : all([1, 2]) ? 1 : undefined;
  if (shift === undefined) {
    const bad = values.flatMap((v, i) => (v !== null && v !== 0 && v !== 1 && v !== 2 ? [i] : []));
    throw badRows(
      name,
      bad.length > 0 ? bad : values.flatMap((v, i) => (v === 0 ? [i] : [])),
      bad.length > 0
        ? "status must be 0/1 (1 = event), 1/2 (2 = event) or TRUE/FALSE"
        : "status mixes 0 with 2: use 0/1 or 1/2",
    );
  }
  return values.map((v) => (v === null ? null : ((v - shift) as 0 | 1)));
}

/** A grouping or covariate column: numbers if every present cell is one, else text levels. */
function variableColumn(name: string, cells: readonly string[]): Variable {
  const parsed = cells.map((c) => numericCell(c));
  if (parsed.every((v) => v !== undefined)) return { name, values: parsed as (number | null)[] };
  const values: Cell[] = cells.map((c) => (c.trim() === "" || c.trim() === "NA" ? null : c));
  return { name, values };
}

/** The analysis request for a parsed table: the CLI's core, shared with the tests. */
export function readSurvivalRequest(table: CsvTable, choice: ColumnChoice) {
  const time = numericColumn(choice.time, column(table, choice.time));
  const badTime = time.flatMap((t, i) => (t !== null && !Number.isFinite(t) ? [i] : []));
  if (badTime.length > 0) throw badRows(choice.time, badTime, "time is not finite");
  const status = statusColumn(choice.status, column(table, choice.status));
  const group = choice.group ? variableColumn(choice.group, column(table, choice.group)) : undefined;
  const strata = choice.strata ? variableColumn(choice.strata, column(table, choice.strata)) : undefined;
  const covariates = choice.covariates.map((c) => variableColumn(c, column(table, c)));
  const cluster = choice.cluster ? variableColumn(choice.cluster, column(table, choice.cluster)) : undefined;
  let weights: { name: string; values: (number | null)[] } | undefined;
  if (choice.weights) {
    const values = numericColumn(choice.weights, column(table, choice.weights));
    const bad = values.flatMap((v, i) => (v !== null && !(Number.isFinite(v) && v > 0) ? [i] : []));
    if (bad.length > 0) throw badRows(choice.weights, bad, "a case weight must be a finite number > 0");
    weights = { name: choice.weights, values };
  }
  let start: { name: string; values: (number | null)[] } | undefined;
  if (choice.start) {
    const values = numericColumn(choice.start, column(table, choice.start));
    const bad = values.flatMap((v, i) => {
      const stop = time[i];
      return v !== null && stop !== null && stop !== undefined && !(Number.isFinite(v) && v < stop)
        ? [i]
        : [];
    });
    if (bad.length > 0) {
      throw badRows(
        choice.start,
        bad,
        `the start must be before the stop (${choice.time}): an interval (start, stop] is empty`,
      );
    }
    start = { name: choice.start, values };
  }
  return {
    timeName: choice.time,
    statusName: choice.status,
    time,
    status,
    ...(group ? { group } : {}),
    ...(strata ? { strata } : {}),
    ...(cluster ? { cluster } : {}),
    ...(weights ? { weights } : {}),
    ...(start ? { start } : {}),
    covariates,
    groupInCox: choice.groupInCox,
    ...(choice.confType ? { confType: choice.confType } : {}),
    ...(choice.confLevel ? { confLevel: choice.confLevel } : {}),
  };
}

/** Status for competing risks: 0 censored, 1 … k the event types (whole numbers). */
export function competingStatusColumn(name: string, cells: readonly string[]): (number | null)[] {
  const values = numericColumn(name, cells);
  const bad = values.flatMap((v, i) => (v !== null && !(Number.isInteger(v) && v >= 0) ? [i] : []));
  if (bad.length > 0) {
    throw badRows(name, bad, "competing-risk status must be 0 (censored) or 1, 2, … (the event type)");
  }
  return values;
}

export interface CompetingChoice {
  readonly time: string;
  readonly status: string;
  readonly group?: string;
  readonly strata?: string;
  readonly covariates: readonly string[];
  readonly confLevel?: number;
}

/** The competing-risks request for a parsed table (`survival --competing`). */
export function readCompetingRequest(table: CsvTable, choice: CompetingChoice): CompetingRequest {
  const time = numericColumn(choice.time, column(table, choice.time));
  const badTime = time.flatMap((t, i) => (t !== null && !(Number.isFinite(t) && t >= 0) ? [i] : []));
  if (badTime.length > 0) throw badRows(choice.time, badTime, "time must be a finite number ≥ 0");
  const status = competingStatusColumn(choice.status, column(table, choice.status));
  const group = choice.group ? variableColumn(choice.group, column(table, choice.group)) : undefined;
  const strata = choice.strata ? variableColumn(choice.strata, column(table, choice.strata)) : undefined;
  return {
    timeName: choice.time,
    statusName: choice.status,
    time,
    status,
    ...(group ? { group } : {}),
    ...(strata ? { strata } : {}),
    covariates: choice.covariates.map((c) => variableColumn(c, column(table, c))),
    ...(choice.confLevel ? { confLevel: choice.confLevel } : {}),
  };
}

interface Args {
  file: string;
  choice: ColumnChoice;
  ties: "efron" | "breslow";
  json: boolean;
  times: number[] | undefined;
  svg: { file: string; title: string | undefined; timeLabel: string | undefined } | undefined;
}

function parseArgs(argv: readonly string[]): Args | "help" {
  let file: string | undefined;
  let time: string | undefined;
  let status: string | undefined;
  let group: string | undefined;
  let strata: string | undefined;
  let start: string | undefined;
  let cluster: string | undefined;
  let weights: string | undefined;
  let covariates: string[] = [];
  let ties: "efron" | "breslow" = "efron";
  let groupInCox = true;
  let json = false;
  let confType: ConfType = "log";
  let confLevel = 0.95;
  let times: number[] | undefined;
  let svgFile: string | undefined;
  let title: string | undefined;
  let timeLabel: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case "--help":
      case "-h":
        return "help";
      case "--time":
        time = value();
        break;
      case "--status":
        status = value();
        break;
      case "--group":
        group = value();
        break;
      case "--strata":
        strata = value();
        break;
      case "--start":
        start = value();
        break;
      case "--stop":
        time = value();
        break;
      case "--cluster":
        cluster = value();
        break;
      case "--weights":
        weights = value();
        break;
      case "--covariates":
        covariates = value()
          .split(",")
          .map((s) => s.trim())
          .filter((s) => s !== "");
        break;
      case "--ties": {
        const v = value();
        if (v !== "efron" && v !== "breslow")
          throw new UsageError(`--ties must be efron or breslow, not "${v}"`);
        ties = v;
        break;
      }
      case "--no-group-in-cox":
        groupInCox = false;
        break;
      case "--json":
        json = true;
        break;
      case "--svg":
        svgFile = value();
        break;
      case "--title":
        title = value();
        break;
      case "--time-label":
        timeLabel = value();
        break;
      case "--conf-type": {
        const v = value();
        if (v !== "log" && v !== "log-log" && v !== "plain") {
          throw new UsageError(`--conf-type must be log, log-log or plain, not "${v}"`);
        }
        confType = v;
        break;
      }
      case "--conf-level": {
        const v = Number(value());
        if (!(v > 0 && v < 1)) throw new UsageError("--conf-level must be between 0 and 1");
        confLevel = v;
        break;
      }
      case "--times": {
        const v = value()
          .split(",")
          .map((s) => Number(s.trim()));
        if (v.some((t) => !Number.isFinite(t)))
          throw new UsageError("--times must be numbers separated by commas");
        times = v.sort((a, b) => a - b);
        break;
      }
      default:
        if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
        if (file !== undefined) throw new UsageError(`one file only (got "${file}" and "${arg}")`);
        file = arg;
    }
  }
  if (file === undefined) throw new UsageError("missing FILE.csv");
  if (time === undefined) throw new UsageError("missing --time COL");
  if (status === undefined) throw new UsageError("missing --status COL");
  if (start !== undefined && covariates.length === 0 && group === undefined) {
    throw new UsageError("--start fits a Cox model only: give --covariates or --group");
  }
  if (start !== undefined && svgFile !== undefined)
    throw new UsageError("--svg draws Kaplan–Meier, not computed with --start");
  return {
    file,
    choice: {
      time,
      status,
      ...(group ? { group } : {}),
      ...(strata ? { strata } : {}),
      ...(start ? { start } : {}),
      ...(cluster ? { cluster } : {}),
      ...(weights ? { weights } : {}),
      covariates,
      groupInCox,
      confType,
      confLevel,
    },
    ties,
    json,
    times,
    svg: svgFile === undefined ? undefined : { file: svgFile, title, timeLabel },
  };
}

/** JSON with R's NA/Inf as null and without the per-row linear predictor. */
export function reportJson(report: SurvivalReport | CoxOnlyReport): string {
  return JSON.stringify(
    report,
    (key, value: unknown) => {
      if (key === "linearPredictors") return undefined;
      if (typeof value === "number" && !Number.isFinite(value)) return null;
      return value;
    },
    2,
  );
}

function fmt(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || Number.isNaN(v)) return "NA";
  if (!Number.isFinite(v)) return v > 0 ? "Inf" : "-Inf";
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6)) return v.toExponential(2);
  return String(Number(v.toPrecision(digits)));
}

function fmtP(p: number): string {
  if (Number.isNaN(p)) return "NA";
  return p < 1e-4 ? p.toExponential(2) : fmt(p, 3);
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** Evenly spaced "pretty" times from 0 to the last follow-up, for the at-risk table. */
function prettyTimes(max: number): number[] {
  if (!(max > 0)) return [0];
  const raw = max / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = 0; t <= max + 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

function coxText(name: string, section: CoxSection, extended: boolean): string {
  if (section.status !== "ok") {
    return `Cox (${name}): not estimated — ${section.message} (${section.nDroppedMissing} rows dropped for missing values)`;
  }
  const robust = section.robust;
  const hidden = unreliableTerms(section.warnings);
  const lines = [
    `Cox proportional hazards (${name} ties): n = ${section.n}, events = ${section.nevent}, ${section.nDroppedMissing} dropped for missing values` +
      (robust ? `; robust variance over ${robust.clusters} clusters` : ""),
    table([
      ["term", "coef", ...(robust ? ["se", "robust se"] : ["se"]), "HR", "HR lower", "HR upper", "z", "p"],
      ...section.terms.map((term, i) => [
        term,
        fmt(section.coef[i]),
        ...(robust ? [fmt(robust.naiveSe[i])] : []),
        fmt(section.se[i]),
        ...(hidden.has(term)
          ? ["see warning", "", ""]
          : [fmt(section.hr[i]), fmt(section.hrLower[i]), fmt(section.hrUpper[i])]),
        fmt(section.z[i], 3),
        fmtP(section.p[i] as number),
      ]),
    ]),
    `Likelihood ratio ${fmt(section.lrTest.chisq)} on ${section.lrTest.df} df, p = ${fmtP(section.lrTest.p)}; ` +
      `Wald ${fmt(section.waldTest.chisq)}, p = ${fmtP(section.waldTest.p)}; ` +
      `score ${fmt(section.scoreTest.chisq)}, p = ${fmtP(section.scoreTest.p)}`,
  ];
  if (section.concordance) {
    lines.push(`Concordance ${fmt(section.concordance.c, 3)} (se ${fmt(section.concordance.se, 3)})`);
  }
  for (const w of section.warnings) lines.push(`Warning: ${fitWarningText(w)}`);
  if (robust) lines.push(`Robust score test ${fmt(robust.scoreTest.chisq)}, p = ${fmtP(robust.scoreTest.p)}`);
  if (!section.zph && extended) {
    lines.push(
      "Proportional hazards (cox.zph): not computed for stratified, weighted or (start, stop] models",
    );
  } else if (!section.zph) {
    lines.push("Proportional hazards (cox.zph): not computable, the test's information matrix is singular");
  } else {
    lines.push(
      "Proportional hazards (cox.zph, KM time scale):",
      table([
        ["term", "chisq", "df", "p"],
        ...section.zph.terms.map((t, i) => [
          t,
          fmt(section.zph?.chisq[i]),
          String(section.zph?.df[i]),
          fmtP(section.zph?.p[i] as number),
        ]),
      ]),
    );
  }
  return lines.join("\n");
}

export function reportText(
  file: string,
  report: SurvivalReport,
  ties: "efron" | "breslow",
  times: number[] | undefined,
): string {
  const out: string[] = [];
  const r = report.rows;
  out.push(
    `${file}: ${r.read} rows, ${r.used} used (${r.droppedMissingTimeOrStatus} missing time or status)` +
      (report.groupLevels.length > 0 ? `, ${r.withGroup} with a group` : ""),
    "",
  );
  const pct = Math.round(report.options.confLevel * 100);
  const curves: [string, (typeof report.km)["overall"]][] = [
    ["all", report.km.overall],
    ...report.groupLevels.map((l) => [l, report.km.byGroup[l]] as [string, (typeof report.km)["overall"]]),
  ];
  const medians = [report.median.overall, ...report.groupLevels.map((l) => report.median.byGroup[l])];
  out.push(
    `Kaplan–Meier: median survival (${report.options.kmConfType} ${pct}% CI)`,
    table([
      ["group", "n", "events", "median", "lower", "upper"],
      ...curves.map(([name], i) => {
        const m = medians[i];
        return [
          name,
          String(m?.n),
          String(m?.events),
          m?.median == null ? "not reached" : fmt(m.median),
          fmt(m?.lower),
          fmt(m?.upper),
        ];
      }),
    ]),
    "",
  );
  const grid = times ?? prettyTimes(Math.max(...report.km.overall.time, 0));
  out.push(
    "Survival (and number at risk) at times",
    table([
      ["group", ...grid.map((t) => fmt(t))],
      ...curves.flatMap(([name, curve]) => {
        const at = survivalAt(curve, grid);
        return [
          [name, ...at.map((a) => fmt(a.surv, 3))],
          ["  at risk", ...at.map((a) => String(a.nRisk))],
        ];
      }),
    ]),
    "",
  );
  if (report.logrank) {
    const lr = report.logrank;
    out.push(
      report.options.logrankStrata
        ? `Log-rank test, stratified by ${report.options.logrankStrata}`
        : "Log-rank test",
      table([
        ["group", "n", "observed", "expected"],
        ...lr.groups.map((g, i) => [g, String(lr.n[i]), String(lr.observed[i]), fmt(lr.expected[i])]),
      ]),
      `Chi-square ${fmt(lr.chisq)} on ${lr.df} df, p = ${fmtP(lr.p)}`,
      "",
    );
  } else if (report.groupLevels.length === 1) {
    out.push(`Log-rank test: not done, a single group (${report.groupLevels[0]})`, "");
  }
  if (report.cox) {
    out.push(`Model: ${report.cox.formula}`, coxText(ties, report.cox[ties], report.cox.extended), "");
  }
  return out.join("\n");
}

/** `--start`: the Cox models only (KM and the log-rank of (start, stop] rows are not computed). */
function coxOnlyOutput(args: Args, text: string, io: Io): number {
  let report: CoxOnlyReport;
  try {
    report = coxOnlyReport(readSurvivalRequest(parseCsv(text), args.choice));
  } catch (e) {
    if (e instanceof InvalidInputError || e instanceof CsvError) {
      io.stderr.write(`hepatica survival: ${args.file}: ${e.message}\n`);
      return EXIT.invalidInput;
    }
    throw e;
  }
  if (args.json) {
    io.stdout.write(`${reportJson(report)}\n`);
    return EXIT.ok;
  }
  const r = report.rows;
  io.stdout.write(
    `${args.file}: ${r.read} rows (intervals), ${r.used} used (${r.droppedMissingTimeOrStatus} missing stop or status)\n` +
      "Kaplan–Meier and log-rank: not computed for (start, stop] data\n\n" +
      (report.cox
        ? `Model: ${report.cox.formula}\n${coxText(args.ties, report.cox[args.ties], report.cox.extended)}\n`
        : ""),
  );
  return EXIT.ok;
}

export const survivalCommand: Command = async (argv, io) => {
  if (argv.includes("--competing"))
    return (await import("./survival-competing.js")).competingCommand(argv, io);
  const args = parseArgs(argv);
  if (args === "help") {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  let text: string;
  try {
    text = await readFile(args.file, "utf8");
  } catch (e) {
    io.stderr.write(`hepatica survival: cannot read ${args.file}: ${(e as Error).message}\n`);
    return EXIT.invalidInput;
  }
  if (args.choice.start) return coxOnlyOutput(args, text, io);
  let report: SurvivalReport;
  try {
    report = survivalReport(readSurvivalRequest(parseCsv(text), args.choice));
  } catch (e) {
    if (e instanceof InvalidInputError || e instanceof CsvError) {
      io.stderr.write(`hepatica survival: ${args.file}: ${e.message}\n`);
      return EXIT.invalidInput;
    }
    throw e;
  }
  if (args.svg) {
    const series =
      report.groupLevels.length > 0
        ? report.groupLevels.map((l) => ({
            label: `${args.choice.group}=${l}`,
            curve: report.km.byGroup[l] as SurvivalReport["km"]["overall"],
          }))
        : [{ label: "all", curve: report.km.overall }];
    const svg = kmSvg(series, {
      title: args.svg.title ?? `Kaplan–Meier: ${basename(args.file)}`,
      xLabel: args.svg.timeLabel ?? args.choice.time,
      ...(args.times ? { times: args.times } : {}),
    });
    try {
      await writeFile(args.svg.file, svg);
    } catch (e) {
      io.stderr.write(`hepatica survival: cannot write ${args.svg.file}: ${(e as Error).message}\n`);
      return EXIT.invalidInput;
    }
  }
  io.stdout.write(
    args.json ? `${reportJson(report)}\n` : reportText(args.file, report, args.ties, args.times),
  );
  if (!args.json) io.stdout.write("\n");
  return EXIT.ok;
};
