/**
 * The readable assessment report: what a clinician reads in ten seconds — both stagings side by
 * side and where they differ, liver function, tumour burden, and what missing input would
 * change the result. Built from the assessment JSON only (no second computation).
 */
import { type Assessment, CORE_ASSESSMENT_KEYS } from "../clinical/assess.js";
import { stagingDisagreements } from "../clinical/staging/concordance.js";

type Rec = Readonly<Record<string, unknown>>;

const CORE_KEYS: ReadonlySet<string> = new Set(CORE_ASSESSMENT_KEYS);

const rec = (x: unknown): Rec => (typeof x === "object" && x !== null ? (x as Rec) : {});
const str = (x: unknown): string =>
  x === undefined || x === null ? "—" : Array.isArray(x) ? x.join(", ") : String(x);

function cell(r: Rec, show: (r: Rec) => string): string {
  if (r.status === "ok") return show(r);
  if (r.status === "indeterminate") return `cannot determine — missing ${str(r.missing)}`;
  if (r.status === "invalid") return "not computed — invalid input";
  return "—";
}

function columns(rows: readonly (readonly [string, string, string])[]): string {
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length), 24);
  return rows.map(([a, b, c]) => `  ${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`.trimEnd()).join("\n");
}

function options(r: Rec): string {
  if (r.status !== "ok") return "—";
  if (r.optionsStatus === "indeterminate") return `cannot determine — missing ${str(r.optionsMissing)}`;
  const ordered = r.optionsOrdered === false ? " (unranked)" : "";
  return `${str(r.options)}${ordered}`;
}

export function formatReport(a: Assessment): string {
  const bclc = rec(a.bclc);
  const cnlc = rec(a.cnlc);
  const lines: string[] = [];
  lines.push(`Hepatica assessment${a.id ? ` — ${a.id}` : ""}   (rules ${a.rulesVersion})`);
  lines.push(a.notice);
  if (a.status === "invalid") {
    lines.push("", "INVALID INPUT (results that depend on these fields are not computed):");
    for (const e of a.errors ?? []) lines.push(`  ✗ ${e.path || "(case)"}: ${e.message}`);
  }
  lines.push("", "STAGING");
  lines.push(
    columns([
      ["", "BCLC 2022", "CNLC (China, 2024)"],
      [
        "stage",
        cell(bclc, (r) => `${str(r.stage)}${r.bSubgroup ? ` (${str(r.bSubgroup)})` : ""}`),
        cell(cnlc, (r) => str(r.stage)),
      ],
      ["options", options(bclc), options(cnlc)],
      [
        "alternatives",
        bclc.status === "ok" ? str(bclc.alternatives) : "—",
        cnlc.status === "ok" ? `first choice: ${str(cnlc.firstChoice)}` : "—",
      ],
    ]),
  );
  const differ = stagingDisagreements(a.bclc, a.cnlc);
  if (differ.length > 0) {
    lines.push("  Where they differ:");
    for (const d of differ) lines.push(`    • ${d.text}`);
  }
  const ajcc = rec(a.ajcc8);
  lines.push(
    `  AJCC 8: ${cell(ajcc, (r) => `${str(r.T)} ${str(r.N)} ${str(r.M)}, stage ${str(r.stageGroup)}`)}`,
  );

  const cp = rec(a.childPugh);
  const albi = rec(a.albi);
  lines.push("", "LIVER FUNCTION AND PERFORMANCE STATUS");
  lines.push(
    columns([
      ["Child-Pugh", cell(cp, (r) => `${str(r.class)}${str(r.score)}`), ""],
      [
        "ALBI",
        cell(
          albi,
          (r) => `${Number(r.score).toFixed(2)} (grade ${str(r.grade)}, mALBI ${str(r.mAlbiGrade)})`,
        ),
        "",
      ],
      ["MELD", cell(rec(a.meld), (r) => str(r.score)), ""],
      ["MELD-Na", cell(rec(a.meldNa), (r) => str(r.score)), ""],
      ["MELD 3.0", cell(rec(a.meld3), (r) => `${str(r.score)} (allocation ${str(r.allocationScore)})`), ""],
      ["ECOG", cell(rec(a.ecog), (r) => str(r.grade)), ""],
      [
        "BSA",
        cell(rec(a.bsa), (r) => `${str(r.mosteller)} m² (Mosteller), ${str(r.dubois)} m² (DuBois)`),
        "",
      ],
    ]),
  );
  const within = (r: Rec) => (r.within ? "within" : "beyond");
  lines.push("", "TUMOUR BURDEN");
  lines.push(
    columns([
      ["Milan", cell(rec(a.milan), within), ""],
      ["UCSF", cell(rec(a.ucsf), within), ""],
      ["up-to-seven", cell(rec(a.upToSeven), (r) => `${within(r)} (sum ${str(r.sum)})`), ""],
      ["six-and-twelve", cell(rec(a.sixAndTwelve), (r) => `${str(r.stratum)} (sum ${str(r.sum)})`), ""],
    ]),
  );

  const missing = new Map<string, string[]>();
  let otherUndecided = 0;
  for (const [key, value] of Object.entries(a)) {
    const r = rec(value);
    if (!CORE_KEYS.has(key)) {
      if (r.status === "indeterminate") otherUndecided++;
      continue;
    }
    const listed =
      r.status === "indeterminate"
        ? r.missing
        : r.optionsStatus === "indeterminate"
          ? r.optionsMissing
          : undefined;
    if (!Array.isArray(listed)) continue;
    const paths = Array.isArray(r.alsoMissing) ? [...listed, ...r.alsoMissing] : listed;
    for (const p of paths) missing.set(String(p), [...(missing.get(String(p)) ?? []), key]);
  }
  if (missing.size > 0) {
    lines.push("", "TO DECIDE MORE, ENTER (input → results it would complete):");
    for (const [p, keys] of missing) lines.push(`  • ${p} → ${keys.join(", ")}`);
  }
  if (otherUndecided > 0) {
    lines.push(
      `  (${otherUndecided} treatment and follow-up scores need further inputs: hepatica plan, or --json for each one's missing list)`,
    );
  }
  const assumptions = new Set<string>();
  for (const value of Object.values(a)) {
    const r = rec(value);
    if (Array.isArray(r.assumptions)) for (const s of r.assumptions) assumptions.add(String(s));
  }
  if (assumptions.size > 0) {
    lines.push("", "ASSUMPTIONS (documented defaults applied):");
    for (const s of assumptions) lines.push(`  • ${s}`);
  }
  lines.push("", "Reasons and sources for every value: hepatica assess --json");
  return `${lines.join("\n")}\n`;
}
