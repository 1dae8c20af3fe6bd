/**
 * The readable assessment report: what a clinician reads in ten seconds — both stagings side by
 * side and where they differ, liver function, tumour burden, and what missing input would
 * change the result. Built from the assessment JSON only (no second computation), in English or
 * Chinese: words from the message catalogue, labels from the vocabulary.
 */
import { type Assessment, CORE_ASSESSMENT_KEYS } from "../clinical/assess.js";
import { type MessageCode, type ParamsOf, render, t, translated } from "../clinical/messages/index.js";
import { stagingDisagreements } from "../clinical/staging/concordance.js";
import {
  BCLC_STAGE_TERMS,
  CNLC_STAGE_TERMS,
  inputLabel,
  joinList,
  type Lang,
  OPTION_TERMS,
  SIX_AND_TWELVE_TERMS,
  SYSTEM_TERMS,
  type Term,
} from "../clinical/vocabulary/index.js";

type Rec = Readonly<Record<string, unknown>>;

const CORE_KEYS: ReadonlySet<string> = new Set(CORE_ASSESSMENT_KEYS);

const rec = (x: unknown): Rec => (typeof x === "object" && x !== null ? (x as Rec) : {});
const str = (x: unknown): string =>
  x === undefined || x === null ? "—" : Array.isArray(x) ? x.join(", ") : String(x);
const strings = (x: unknown): string[] => (Array.isArray(x) ? x.map(String) : []);

/** A code's label in Chinese when the vocabulary has it; the code itself in English (the contract's spelling). */
function labelled(table: Readonly<Record<string, Term>>, code: string, lang: Lang): string {
  return lang === "en" || !Object.hasOwn(table, code) ? code : (table[code] as Term)[lang];
}

function columns(rows: readonly (readonly [string, string, string])[]): string {
  const w = (s: string) => [...s].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const pad = (s: string, n: number) => s + " ".repeat(Math.max(0, n - w(s)));
  const w0 = Math.max(...rows.map((r) => w(r[0])));
  const w1 = Math.max(...rows.map((r) => w(r[1])), 24);
  return rows.map(([a, b, c]) => `  ${pad(a, w0)}  ${pad(b, w1)}  ${c}`.trimEnd()).join("\n");
}

export function formatReport(a: Assessment, lang: Lang = "en"): string {
  const say = <C extends MessageCode>(
    code: C,
    ...p: ParamsOf<C> extends Readonly<Record<string, never>> ? [] : [ParamsOf<C>]
  ) => t(lang, code, ...p);
  const list = (codes: unknown, table: Readonly<Record<string, Term>>) =>
    lang === "en"
      ? str(codes)
      : joinList(
          strings(codes).map((c) => labelled(table, c, lang)),
          lang,
        ) || "—";
  const cell = (r: Rec, show: (r: Rec) => string): string => {
    if (r.status === "ok") return show(r);
    if (r.status === "indeterminate") return say("report.cannot-determine", { missing: strings(r.missing) });
    if (r.status === "invalid") return say("report.not-computed");
    return "—";
  };
  const options = (r: Rec): string => {
    if (r.status !== "ok") return "—";
    if (r.optionsStatus === "indeterminate")
      return say("report.cannot-determine", { missing: strings(r.optionsMissing) });
    const ordered = r.optionsOrdered === false ? say("report.unranked") : "";
    return `${list(r.options, OPTION_TERMS)}${ordered}`;
  };
  const system = (key: keyof typeof SYSTEM_TERMS) => SYSTEM_TERMS[key][lang];

  const bclc = rec(a.bclc);
  const cnlc = rec(a.cnlc);
  const lines: string[] = [];
  lines.push(say("report.title", { ...(a.id ? { id: a.id } : {}), rulesVersion: a.rulesVersion }));
  lines.push(lang === "en" ? a.notice : say("notice"));
  if (a.status === "invalid") {
    lines.push("", say("report.invalid-input"));
    for (const e of a.errors ?? []) {
      const text =
        lang === "en"
          ? `${e.path || "(case)"}: ${e.message}`
          : render({ code: `field.${e.code}`, params: { path: e.path } }, lang);
      lines.push(`  ✗ ${text}`);
    }
  }
  lines.push("", say("report.staging"));
  const stageOf = (r: Rec, table: Readonly<Record<string, Term>>) =>
    lang === "en" ? str(r.stage) : `${str(r.stage)}（${labelled(table, str(r.stage), lang)}）`;
  lines.push(
    columns([
      ["", "BCLC 2022", say("report.cnlc-column")],
      [
        say("report.stage"),
        cell(bclc, (r) => `${stageOf(r, BCLC_STAGE_TERMS)}${r.bSubgroup ? ` (${str(r.bSubgroup)})` : ""}`),
        cell(cnlc, (r) => (lang === "en" ? str(r.stage) : labelled(CNLC_STAGE_TERMS, str(r.stage), lang))),
      ],
      [say("report.options"), options(bclc), options(cnlc)],
      [
        say("report.alternatives"),
        bclc.status === "ok" ? list(bclc.alternatives, OPTION_TERMS) : "—",
        cnlc.status === "ok"
          ? say("report.first-choice", {
              options:
                cnlc.firstChoice === undefined || cnlc.firstChoice === null
                  ? "—"
                  : list([cnlc.firstChoice].flat(), OPTION_TERMS),
            })
          : "—",
      ],
    ]),
  );
  const differ = stagingDisagreements(a.bclc, a.cnlc);
  if (differ.length > 0) {
    lines.push(say("report.where-they-differ"));
    for (const d of differ) lines.push(`    • ${render(d.message, lang)}`);
  }
  const ajcc = rec(a.ajcc8);
  lines.push(
    say("report.ajcc", {
      value: cell(ajcc, (r) =>
        say("report.ajcc-stage", { tnm: `${str(r.T)} ${str(r.N)} ${str(r.M)}`, group: str(r.stageGroup) }),
      ),
    }),
  );

  const cp = rec(a.childPugh);
  const albi = rec(a.albi);
  lines.push("", say("report.liver-function"));
  lines.push(
    columns([
      [system("childPugh"), cell(cp, (r) => `${str(r.class)}${str(r.score)}`), ""],
      [
        system("albi"),
        cell(albi, (r) =>
          say("report.albi", {
            score: Number(r.score).toFixed(2),
            grade: str(r.grade),
            mAlbi: str(r.mAlbiGrade),
          }),
        ),
        "",
      ],
      [system("meld"), cell(rec(a.meld), (r) => str(r.score)), ""],
      [system("meldNa"), cell(rec(a.meldNa), (r) => str(r.score)), ""],
      [
        system("meld3"),
        cell(rec(a.meld3), (r) =>
          say("report.meld3", { score: str(r.score), allocation: str(r.allocationScore) }),
        ),
        "",
      ],
      [system("ecog"), cell(rec(a.ecog), (r) => str(r.grade)), ""],
      [
        system("bsa"),
        cell(rec(a.bsa), (r) => say("report.bsa", { mosteller: str(r.mosteller), dubois: str(r.dubois) })),
        "",
      ],
    ]),
  );
  const within = (r: Rec) => (r.within ? say("report.within") : say("report.beyond"));
  lines.push("", say("report.tumour-burden"));
  lines.push(
    columns([
      [system("milan"), cell(rec(a.milan), within), ""],
      [system("ucsf"), cell(rec(a.ucsf), within), ""],
      [
        system("upToSeven"),
        cell(rec(a.upToSeven), (r) => say("report.sum", { value: within(r), sum: str(r.sum) })),
        "",
      ],
      [
        system("sixAndTwelve"),
        cell(rec(a.sixAndTwelve), (r) =>
          say("report.sum", { value: labelled(SIX_AND_TWELVE_TERMS, str(r.stratum), lang), sum: str(r.sum) }),
        ),
        "",
      ],
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
    lines.push("", say("report.to-decide"));
    for (const [p, keys] of missing) {
      const input = lang === "en" ? p : inputLabel(p, lang);
      const results =
        lang === "en"
          ? keys.join(", ")
          : joinList(
              keys.map((k) => labelled(SYSTEM_TERMS, k, lang)),
              lang,
            );
      lines.push(`  • ${input} → ${results}`);
    }
  }
  if (otherUndecided > 0) lines.push(say("report.other-undecided", { count: otherUndecided }));
  const assumptions = new Set<string>();
  for (const value of Object.values(a)) {
    const r = rec(value);
    if (Array.isArray(r.assumptions)) for (const s of r.assumptions) assumptions.add(String(s));
  }
  if (assumptions.size > 0) {
    lines.push("", say("report.assumptions"));
    for (const s of assumptions) lines.push(`  • ${translated(s, lang)}`);
  }
  lines.push("", say("report.footer"));
  return `${lines.join("\n")}\n`;
}
