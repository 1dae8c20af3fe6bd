/**
 * `hepatica survival FILE.csv --time T --status S --competing [--group G] [--strata S]
 *  [--covariates a,b] [--json]`: competing risks exact to R's cmprsk (cumulative incidence with
 * variance, Gray's test, Fine–Gray regression) and survival (cause-specific Cox). Status 0 is
 * censored and 1, 2, … are the event types.
 */
import { readFile } from "node:fs/promises";
import {
  type CompetingReport,
  type CrrSection,
  competingRisksReport,
} from "../analytics/competing-report.js";
import { cumincAt } from "../analytics/cuminc-at.js";
import { fitWarningText, unreliableTerms } from "../analytics/fit-warnings.js";
import { CsvError, parseCsv } from "./csv-table.js";
import { type Command, EXIT, UsageError } from "./io.js";
import { type CompetingChoice, InvalidInputError, readCompetingRequest } from "./survival.js";

export const COMPETING_USAGE = `Usage: hepatica survival FILE.csv --time COL --status COL --competing [options]

Competing risks, matching R's cmprsk (cuminc, crr) and survival (coxph).

  --status COL           0 = censored, 1, 2, … = the event types (e.g. 1 death, 2 transplant)
  --group COL            cumulative incidence per group and Gray's test per event type
  --strata COL           stratify Gray's test (cuminc's strata)
  --covariates a,b       Fine–Gray regression per event type of interest and cause-specific Cox
                         (text columns become factors against their first level)
  --conf-level L         confidence level of the hazard-ratio intervals, default 0.95
  --times t1,t2,...      times for the cumulative-incidence table
  --json                 JSON in the structure of R's results: cuminc, grayTest, crr,
                         causeSpecificCox
`;

interface CompetingArgs {
  readonly file: string;
  readonly choice: CompetingChoice;
  readonly json: boolean;
  readonly times: number[] | undefined;
}

function parseCompetingArgs(argv: readonly string[]): CompetingArgs | "help" {
  let file: string | undefined;
  let time: string | undefined;
  let status: string | undefined;
  let group: string | undefined;
  let strata: string | undefined;
  let covariates: string[] = [];
  let json = false;
  let confLevel = 0.95;
  let times: number[] | undefined;
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
      case "--competing":
        break;
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
      case "--covariates":
        covariates = value()
          .split(",")
          .map((s) => s.trim())
          .filter((s) => s !== "");
        break;
      case "--json":
        json = true;
        break;
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
        if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg} with --competing`);
        if (file !== undefined) throw new UsageError(`one file only (got "${file}" and "${arg}")`);
        file = arg;
    }
  }
  if (file === undefined) throw new UsageError("missing FILE.csv");
  if (time === undefined) throw new UsageError("missing --time COL");
  if (status === undefined) throw new UsageError("missing --status COL");
  if (strata !== undefined && group === undefined) throw new UsageError("--strata needs --group");
  return {
    file,
    choice: {
      time,
      status,
      ...(group ? { group } : {}),
      ...(strata ? { strata } : {}),
      covariates,
      confLevel,
    },
    json,
    times,
  };
}

/** JSON with R's NA/Inf as null and without the per-row linear predictors. */
export function competingJson(report: CompetingReport): string {
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

function fmtP(p: number | null): string {
  if (p === null || Number.isNaN(p)) return "NA";
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

function gridOf(report: CompetingReport): number[] {
  const max = Math.max(0, ...Object.values(report.cuminc).map((c) => c.time[c.time.length - 1] as number));
  if (!(max > 0)) return [0];
  const raw = max / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = 0; t <= max + 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

function crrText(cause: string, s: CrrSection, confLevel: number): string {
  if (s.status === "no-events") return `Fine–Gray (event ${cause}): not estimated — no events of this type`;
  if (s.status === "invalid") {
    return `Fine–Gray (event ${cause}): not estimated — ${s.code === "singular" ? "singular information matrix (collinear covariates or a coefficient tending to infinity)" : "no covariates"}`;
  }
  const pct = Math.round(confLevel * 100);
  return [
    `Fine–Gray subdistribution hazards (event ${cause}): n = ${s.n}, events = ${s.nevent}, competing = ${s.ncompeting}, ${s.nDroppedMissing} dropped for missing values${s.converged ? "" : " — DID NOT CONVERGE"}`,
    table([
      ["term", "coef", "se", "SHR", `${pct}% lower`, "upper", "z", "p"],
      ...s.terms.map((term, i) => [
        term,
        fmt(s.coef[i]),
        fmt(s.se[i]),
        fmt(s.shr[i]),
        fmt(s.shrLower[i]),
        fmt(s.shrUpper[i]),
        fmt(s.z[i], 3),
        fmtP(s.p[i] as number),
      ]),
    ]),
    ...s.warnings.map((w) => `Warning: ${fitWarningText(w)}`),
  ].join("\n");
}

export function competingText(file: string, report: CompetingReport, times: number[] | undefined): string {
  const r = report.rows;
  const out: string[] = [
    `${file}: ${r.read} rows, ${r.used} used (${r.droppedMissingTimeOrStatus} missing time or status)` +
      (report.groupLevels.length > 0 ? `, ${r.withGroup} with a group` : "") +
      `; event types ${report.causes.join(", ")}`,
    "",
  ];
  const grid = times ?? gridOf(report);
  out.push(
    "Cumulative incidence (Aalen–Johansen; se in brackets) at times",
    table([
      ["group event", ...grid.map((t) => fmt(t))],
      ...Object.entries(report.cuminc).map(([name, curve]) => [
        name,
        ...cumincAt(curve, grid).map((a) =>
          a.est === null ? "NA" : `${fmt(a.est, 3)} (${fmt(Math.sqrt(a.var as number), 2)})`,
        ),
      ]),
    ]),
    "",
  );
  if (report.grayTest) {
    out.push(
      report.options.strata ? `Gray's test, stratified by ${report.options.strata}` : "Gray's test",
      table([
        ["event", "stat", "df", "p"],
        ...Object.entries(report.grayTest).map(([cause, t]) => [
          cause,
          t.stat === null ? "singular" : fmt(t.stat),
          String(t.df),
          fmtP(t.pv),
        ]),
      ]),
      "",
    );
  }
  for (const [cause, s] of Object.entries(report.crr ?? {}))
    out.push(crrText(cause, s, report.options.confLevel), "");
  for (const [cause, s] of Object.entries(report.causeSpecificCox ?? {})) {
    if (s.status !== "ok") {
      out.push(`Cause-specific Cox (event ${cause}): not estimated — ${s.message}`, "");
      continue;
    }
    out.push(
      `Cause-specific Cox (event ${cause}, other events censored): n = ${s.n}, events = ${s.nevent}`,
      table([
        ["term", "coef", "se", "HR", "lower", "upper", "p"],
        ...s.terms.map((term, i) => [
          term,
          fmt(s.coef[i]),
          fmt(s.se[i]),
          ...(unreliableTerms(s.warnings).has(term)
            ? ["see warning", "", ""]
            : [fmt(s.hr[i]), fmt(s.hrLower[i]), fmt(s.hrUpper[i])]),
          fmtP(s.p[i] as number),
        ]),
      ]),
      ...s.warnings.map((w) => `Warning: ${fitWarningText(w)}`),
      "",
    );
  }
  return out.join("\n");
}

export const competingCommand: Command = async (argv, io) => {
  const args = parseCompetingArgs(argv);
  if (args === "help") {
    io.stdout.write(COMPETING_USAGE);
    return EXIT.ok;
  }
  let text: string;
  try {
    text = await readFile(args.file, "utf8");
  } catch (e) {
    io.stderr.write(`hepatica survival: cannot read ${args.file}: ${(e as Error).message}\n`);
    return EXIT.invalidInput;
  }
  let report: CompetingReport;
  try {
    report = competingRisksReport(readCompetingRequest(parseCsv(text), args.choice));
  } catch (e) {
    if (e instanceof InvalidInputError || e instanceof CsvError) {
      io.stderr.write(`hepatica survival: ${args.file}: ${e.message}\n`);
      return EXIT.invalidInput;
    }
    throw e;
  }
  io.stdout.write(
    args.json ? `${competingJson(report)}\n` : `${competingText(args.file, report, args.times)}\n`,
  );
  return EXIT.ok;
};
