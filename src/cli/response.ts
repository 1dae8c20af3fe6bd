/**
 * `hepatica response FILE|-` — one course → a timeline table (time points × RECIST 1.1 and
 * mRECIST, with best overall response and first progression); `--json` the result as JSON;
 * `--ndjson` — one course per stdin line → one result per line, in order, streaming.
 */

import { assessCourse, type CourseAssessment } from "../clinical/response/assess-course.js";
import type { TimePointResult } from "../clinical/response/timepoint.js";
import type { Command } from "./io.js";
import { jsonCommand } from "./json-command.js";

export const RESPONSE_HELP = `Usage:
  hepatica response FILE|-            timeline table for one course (case-format.md, "a course")
  hepatica response FILE|- --json     the response assessment as JSON
  hepatica response --ndjson          one course per stdin line → one result per line, in order

A course: {"timepoints": [{"date": "2024-01-01", "lesions": [{"id": "L1", "organ": "liver",
"role": "target", "longestDiameterMm": 40, "viableDiameterMm": 40}]}, {"date": "2024-02-15",
"lesions": [{"id": "L1", "longestDiameterMm": 38, "viableDiameterMm": 10}]}],
"treatmentStart": "2024-01-01", "treatments": [{"date": "2024-01-01", "modality": "ctace"}],
"options": {"confirmationRequired": false}}

RECIST 1.1 and mRECIST are computed side by side (Eisenhauer 2009; Lencioni 2010): sums,
nadir, target / non-target / new-lesion / overall response, best overall response and the
first progression date. An invalid course gives status "invalid" and errors[].code.
Decision support for clinicians, not a substitute for their judgement.
Exit codes: 0 ok; 1 invalid input (single course); 2 usage error.
`;

function invalidJson(message: string, line?: number) {
  return {
    status: "invalid" as const,
    ...(line !== undefined ? { line } : {}),
    errors: [{ code: "INVALID_JSON" as const, path: "", message }],
  };
}

const fmt = (x: number | null): string => (x === null ? "—" : String(Math.round(x * 100) / 100));
const pct = (x: number | null): string => (x === null ? "" : `${x > 0 ? "+" : ""}${x}%`);

function cell(t: TimePointResult): string[] {
  const sum = t.sumMm === null ? `(${fmt(t.partialSumMm ?? null)})` : fmt(t.sumMm);
  return [
    `${sum} ${pct(t.pctFromBaseline)}`.trim(),
    t.target,
    t.nonTarget,
    t.newLesions ? t.newLesionIds.join(",") : "-",
    t.overall,
  ];
}

type OkCourse = Extract<CourseAssessment, { status: "ok" }>;

/** EASL beside the table: sum of viable products per scan, best response, first progression. */
function easlLine(a: OkCourse): string {
  const e = a.easl;
  if (e.status !== "ok") return `EASL: cannot determine — missing ${e.missing.join(", ")}`;
  const scans = a.timepoints
    .map((t) =>
      t.easl
        ? `${t.date} ${fmt(t.easl.sumOfProductsMm2)} mm² ${pct(t.easl.pctFromBaseline)} ${t.easl.overall}`
        : "",
    )
    .join("; ");
  const first = e.progression.firstPdDate === null ? "none" : e.progression.firstPdDate;
  return `EASL (sum of viable products, baseline ${fmt(e.baseline.sumOfProductsMm2)} mm²): ${scans}; best ${e.bestOverallResponse}; first progression ${first}`;
}

/** LI-RADS LR-TR per treated lesion. */
function lrTrLines(a: OkCourse): string[] {
  return a.lrTr.assessments.map((x) => {
    const v =
      x.verdict.status === "ok"
        ? `LR-TR ${x.verdict.category} (${x.verdict.basis.join(", ")})`
        : `LR-TR cannot determine — missing ${x.verdict.missing.join(", ")}`;
    return `LI-RADS v2018 ${x.lesionId} ${x.date} after ${x.afterTreatment.modality} ${x.afterTreatment.date}: ${v}${x.caveats.length > 0 ? `; ${x.caveats.join("; ")}` : ""}`;
  });
}

/** The timeline table: one row per scan, RECIST 1.1 and mRECIST side by side. */
export function formatTimeline(a: CourseAssessment): string {
  if (a.status === "invalid") {
    return `Course${a.id !== undefined ? ` ${a.id}` : ""}: INVALID\n${a.errors
      .map((e) => `  ${e.code}${e.path ? ` at ${e.path}` : ""}: ${e.message}`)
      .join("\n")}\n`;
  }
  const head = [
    "date",
    "R sum mm",
    "R tgt",
    "R non-tgt",
    "R new",
    "RECIST",
    "m sum mm",
    "m tgt",
    "m non-tgt",
    "m new",
    "mRECIST",
  ];
  const rows: string[][] = [
    [
      `${a.baseline.date} (BL)`,
      fmt(a.baseline.recist11.sumMm),
      "",
      "",
      "",
      "",
      fmt(a.baseline.mrecist.sumMm),
      "",
      "",
      "",
      "",
    ],
    ...a.timepoints.map((t) => [t.date, ...cell(t.recist11), ...cell(t.mrecist)]),
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const prog = (p: { firstPdDate: string | null; daysFromTreatmentStart: number | null }) =>
    p.firstPdDate === null ? "none" : `${p.firstPdDate} (day ${p.daysFromTreatmentStart})`;
  const out = [
    `Course${a.id !== undefined ? ` ${a.id}` : ""}: treatment start ${a.treatmentStart}; targets RECIST 1.1 ${a.baseline.recist11.targets.join(", ") || "none"}, mRECIST ${a.baseline.mrecist.targets.join(", ") || "none"}`,
    "",
    line(head),
    line(head.map((_, i) => "-".repeat(widths[i] ?? 0))),
    ...rows.map(line),
    "",
    `Best overall response${a.confirmationRequired ? " (confirmed)" : ""}: RECIST 1.1 ${a.bestOverallResponse.recist11}; mRECIST ${a.bestOverallResponse.mrecist}`,
    `First progression: RECIST 1.1 ${prog(a.progression.recist11)}; mRECIST ${prog(a.progression.mrecist)}`,
    `TACE: ${a.taceFailure.reason}${a.taceFailure.stageMigration.suggested ? ` ${a.taceFailure.stageMigration.reason}` : ""}`,
    easlLine(a),
    ...lrTrLines(a),
    "",
    `Sources: ${a.citation}`,
    "Decision support for clinicians: the treating physician and the tumour board decide.",
  ];
  return `${out.join("\n")}\n`;
}

export const responseCommand: Command = jsonCommand({
  help: RESPONSE_HELP,
  compute: assessCourse,
  format: formatTimeline,
  isInvalid: (a) => a.status === "invalid",
  unparsable: (message, line) => invalidJson(message, line),
});
