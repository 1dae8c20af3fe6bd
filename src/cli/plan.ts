/**
 * `hepatica plan FILE|-` — the treatment plan for one case as a readable report; `--json` the
 * plan as JSON; `--ndjson` one case per stdin line → one plan per line, streaming (a line that is
 * not JSON gives `status: "invalid"` and the batch goes on). Decision support for clinicians.
 */

import type { EligibilityResult } from "../clinical/eligibility/index.js";
import { MODALITIES } from "../clinical/eligibility/index.js";
import { type GuidelinePlan, plan, type TreatmentPlan } from "../clinical/plan.js";
import { MODALITY_TERMS } from "../clinical/vocabulary/index.js";
import type { Command } from "./io.js";
import { jsonCommand } from "./json-command.js";

export const PLAN_HELP = `Usage:
  hepatica plan FILE|-            readable treatment plan for one case (case-format.md)
  hepatica plan FILE|- --json     the plan as JSON (with the full assessment)
  hepatica plan --ndjson          one case per stdin line → one plan per line (without the assessment)

The plan lists the BCLC 2022 options (judged under the international eligibility profile) and
the CNLC options (judged under the Chinese profile), each with its eligibility verdict and
reasons; combinations worth discussing at tumour board (TACE + systemic per LAUNCH / EMERALD-1,
HAIC + systemic); downstaging and conversion potential; and what is missing to decide.
Decision support for clinicians: the treating physician and the tumour board decide.
Exit codes: 0 ok; 1 invalid input; 2 usage error.
`;

function verdict(r: EligibilityResult): string {
  if (r.status === "ok") return r.verdict;
  if (r.status === "indeterminate") return `indeterminate (missing ${r.missing.join(", ")})`;
  return "invalid input";
}

function guideline(g: GuidelinePlan): string[] {
  const lines = [`${g.guideline} — stage ${g.stage ?? g.status} (eligibility profile: ${g.profile})`];
  if (g.options.length === 0) lines.push(`  ${g.note}`);
  for (const o of g.options) {
    const ci = o.contraindications ? ` (${o.contraindications.join(", ")})` : "";
    lines.push(`  ${o.rank}. ${o.code} [${o.role}] — ${o.verdict}${ci}`);
    for (const cv of o.caveats ?? []) lines.push(`       ⚠ ${cv.text} (${cv.citation})`);
    for (const m of o.modalities) {
      const why = m.reasons.length > 0 ? `: ${m.reasons.join("; ")}` : "";
      const miss = m.missing.length > 0 ? ` (missing ${m.missing.join(", ")})` : "";
      lines.push(`       ${m.modality}: ${m.verdict}${why}${miss}`);
    }
  }
  if (g.options.length > 0) lines.push(`  ${g.note}`);
  return lines;
}

/** The readable report of a plan. */
export function formatPlan(p: TreatmentPlan): string {
  const a = p.assessment;
  const lines: string[] = [];
  lines.push(`Hepatica treatment plan${p.id ? ` — ${p.id}` : ""}   (rules ${p.rulesVersion})`);
  lines.push(p.notice);
  if (p.status === "invalid") {
    lines.push("", "INVALID INPUT (results that depend on these fields are not computed):");
    for (const e of p.errors ?? []) lines.push(`  ✗ ${e.path || "(case)"}: ${e.message}`);
  }
  if (a.conflicts.length > 0) {
    lines.push("", "CONFLICTING INPUTS (confirm before acting)");
    for (const c of a.conflicts) lines.push(`  ⚠ ${c.text} (${c.citation})`);
  }
  lines.push("", "OPTIONS BY GUIDELINE", ...guideline(p.bclc), "", ...guideline(p.cnlc));
  lines.push("", "ELIGIBILITY (intl | cn)");
  for (const m of MODALITIES) {
    const pair = a.eligibility[m];
    const diff = pair.intl.profileDifference ? "   ← profiles differ" : "";
    lines.push(`  ${MODALITY_TERMS[m].en.padEnd(26)} ${verdict(pair.intl)} | ${verdict(pair.cn)}${diff}`);
  }
  lines.push("", "COMBINATIONS FOR TUMOUR BOARD");
  for (const c of p.combinations)
    lines.push(`  • ${c.title}: ${c.status}`, `      ${c.why}`, `      ${c.evidence}`);
  lines.push("", "DOWNSTAGING / CONVERSION");
  for (const c of p.downstaging) lines.push(`  • ${c.title}: ${c.status}`, `      ${c.why}`);
  lines.push("", "TACE AND TRANSPLANT SCORES");
  for (const [k, v] of Object.entries(p.scores)) lines.push(`  ${k}: ${v}`);
  lines.push("", "DOSES AND DOSIMETRY");
  lines.push(`  chemotherapy: ${a.doses.status === "ok" ? a.doses.reason : a.doses.reason}`);
  for (const dev of ["resin", "glass"] as const) {
    const d = a.y90Dosimetry[dev];
    lines.push(`  Y-90 ${dev}: ${d.reason}`);
    if (d.status === "ok" && d.assumptions.length > 0)
      lines.push(`      assumptions: ${d.assumptions.join("; ")}`);
  }
  lines.push("", "MISSING TO DECIDE");
  lines.push(
    p.missingToDecide.length > 0 ? `  ${p.missingToDecide.join(", ")}` : "  nothing for the options listed",
  );
  lines.push("", "Sources are given per result in --json (citation). Suggestions, not a decision.");
  return `${lines.join("\n")}\n`;
}

export const planCommand: Command = jsonCommand({
  help: PLAN_HELP,
  compute: plan,
  format: formatPlan,
  isInvalid: (p) => p.status === "invalid",
  // One line per case: the plan without the embedded assessment (hepatica assess --ndjson has it).
  ndjsonLine: ({ assessment: _omit, ...rest }) => rest,
});
