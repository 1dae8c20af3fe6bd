/**
 * The message catalogue: every sentence Hepatica shows, once, in English and Chinese.
 *
 * An entry is `code → { en(params), zh(params) }`; the params type of each entry is what the
 * compiler checks wherever a message is built (`message("result.missing", { missing })`). Adding
 * a message is one entry here. Rules build their English text through {@link en} (so the public
 * contract's `reason`, `assumptions` and `text` stay as they were); the edges (CLI, API, web)
 * render the caller's language with {@link render}.
 *
 * Chinese is written for clinicians following the wording of 原发性肝癌诊疗指南（2024年版）; input
 * names come from the vocabulary (src/clinical/vocabulary/), never from the case path.
 */

import type { BclcStage } from "../staging/bclc.js";
import type { CnlcStage } from "../staging/cnlc.js";
import { inputLabel } from "../vocabulary/inputs.js";
import { CNLC_STAGE_TERMS } from "../vocabulary/stage.js";
import { joinList, type Lang } from "../vocabulary/term.js";

interface Entry<P> {
  readonly en: (p: P) => string;
  readonly zh: (p: P) => string;
  /** Every value the params can take, when finite: lets {@link translated} recognise the English text. */
  readonly variants?: readonly P[];
}

type None = Readonly<Record<string, never>>;

function entry<P = None>(en: (p: P) => string, zh: (p: P) => string, variants?: readonly P[]): Entry<P> {
  return variants ? { en, zh, variants } : { en, zh };
}

const CNLC_STAGES = Object.keys(CNLC_STAGE_TERMS) as CnlcStage[];
const byCnlc = CNLC_STAGES.map((cnlc) => ({ cnlc }));

/** Input paths as each language names them: the path in English (as the contract has it), the label in Chinese. */
const inputs = (paths: readonly string[], lang: Lang) =>
  lang === "en" ? paths.join(", ") : joinList([...new Set(paths.map((p) => inputLabel(p, lang)))], lang);
const cnlc = (s: CnlcStage) => CNLC_STAGE_TERMS[s].zh;

export const CATALOGUE = {
  // ---- every result --------------------------------------------------------------------------
  "result.missing": entry<{ readonly missing: readonly string[] }>(
    (p) => `Cannot determine — missing ${inputs(p.missing, "en")}.`,
    (p) => `无法判定——缺少${inputs(p.missing, "zh")}。`,
  ),
  "result.also-missing": entry<{ readonly missing: readonly string[] }>(
    (p) => `Also needed: ${inputs(p.missing, "en")}.`,
    (p) => `另需：${inputs(p.missing, "zh")}。`,
  ),
  "result.invalid": entry<{ readonly paths: readonly string[] }>(
    (p) => `Not computed — invalid input: ${inputs(p.paths, "en")}.`,
    (p) => `未计算——输入无效：${inputs(p.paths, "zh")}。`,
  ),
  notice: entry(
    () =>
      "Decision support for clinicians: suggestions with their reasons and sources, not a decision. " +
      "The treating physician and the tumour board decide.",
    () =>
      "供临床医师参考的决策支持：提供建议及其理由和出处，并非决策。治疗方案由主治医师和多学科诊疗团队（MDT）决定。",
  ),

  // ---- field errors (case-format.md error codes), rendered with the field's label ----------------
  "field.not-an-object": entry<{ readonly path: string }>(
    (p) => `${p.path}: not an object`,
    (p) => `${inputLabel(p.path, "zh")}：应为对象`,
  ),
  "field.wrong-type": entry<{ readonly path: string }>(
    (p) => `${p.path}: wrong type`,
    (p) => `${inputLabel(p.path, "zh")}：类型错误`,
  ),
  "field.not-a-number": entry<{ readonly path: string }>(
    (p) => `${p.path}: not a number`,
    (p) => `${inputLabel(p.path, "zh")}：不是数值`,
  ),
  "field.not-an-integer": entry<{ readonly path: string }>(
    (p) => `${p.path}: not an integer`,
    (p) => `${inputLabel(p.path, "zh")}：应为整数`,
  ),
  "field.missing-unit": entry<{ readonly path: string }>(
    (p) => `${p.path}: unit missing`,
    (p) => `${inputLabel(p.path, "zh")}：缺少单位`,
  ),
  "field.unsupported-unit": entry<{ readonly path: string }>(
    (p) => `${p.path}: unit not accepted`,
    (p) => `${inputLabel(p.path, "zh")}：不接受该单位`,
  ),
  "field.not-allowed": entry<{ readonly path: string }>(
    (p) => `${p.path}: value not allowed`,
    (p) => `${inputLabel(p.path, "zh")}：取值不在允许范围内`,
  ),
  "field.out-of-range": entry<{ readonly path: string }>(
    (p) => `${p.path}: out of range`,
    (p) => `${inputLabel(p.path, "zh")}：超出范围`,
  ),
  "field.implausible": entry<{ readonly path: string }>(
    (p) => `${p.path}: implausible value; check the value and its unit`,
    (p) => `${inputLabel(p.path, "zh")}：数值不合理，请核对数值及单位`,
  ),
  "field.must-be-positive": entry<{ readonly path: string }>(
    (p) => `${p.path}: must be positive`,
    (p) => `${inputLabel(p.path, "zh")}：应大于0`,
  ),
  "field.empty-list": entry<{ readonly path: string }>(
    (p) => `${p.path}: empty list`,
    (p) => `${inputLabel(p.path, "zh")}：列表为空`,
  ),
  "field.inconsistent": entry<{ readonly path: string }>(
    (p) => `${p.path}: inconsistent with other inputs`,
    (p) => `${inputLabel(p.path, "zh")}：与其他输入不一致`,
  ),
  "field.not-applicable": entry<{ readonly path: string }>(
    (p) => `${p.path}: not applicable`,
    (p) => `${inputLabel(p.path, "zh")}：不适用`,
  ),
  "field.json-parse": entry<{ readonly path: string }>(
    () => "not valid JSON",
    () => "不是有效的JSON",
  ),

  // ---- assumptions the core-assessment rules state ------------------------------------------------
  "assumption.cholestatic-default": entry(
    () =>
      "cholestaticDisease not given: standard bilirubin bands used (Pugh 1973; the cholestatic bands apply only when cholestatic disease is stated)",
    () => "未提供是否为胆汁淤积性肝病：采用标准胆红素分级界值",
  ),
  "assumption.bsa-mosteller": entry(
    () => "BSA by Mosteller (the reference leaves the formula to the protocol)",
    () => "体表面积按Mosteller公式计算（公式由治疗方案确定）",
  ),
  "assumption.first-line-contraindications-unstated": entry(
    () =>
      "contraindications.bevacizumab/immunotherapy not stated: first-line options listed as in BCLC 2022; check contraindications (e.g. untreated high-risk varices for bevacizumab; prior transplant or autoimmune disease for checkpoint inhibitors)",
    () =>
      "未说明贝伐珠单抗/免疫治疗禁忌：一线方案按BCLC 2022列出；请核查禁忌（如贝伐珠单抗需排除未经治疗的高危静脉曲张；免疫检查点抑制剂需排除既往移植或自身免疫性疾病）",
  ),
  "assumption.decompensation-unreported": entry<{ readonly unreported: readonly string[] }>(
    (p) =>
      `${p.unreported.join(" and ")} not given: read as not reported; decompensation judged from the other signals and Child-Pugh (BCLC 2022)`,
    (p) =>
      `未提供${inputs(p.unreported, "zh")}：视为未报告；失代偿依据其他体征和Child-Pugh分级判断（BCLC 2022）`,
    // Every non-empty subset of the optional decompensation flags, in the case format's order.
    [1, 2, 3, 4, 5, 6, 7].map((bits) => ({
      unreported: [
        "decompensation.jaundice",
        "decompensation.varicealBleeding",
        "decompensation.hepatorenalSyndrome",
      ].filter((_, i) => (bits >> i) & 1),
    })),
  ),
  "assumption.ecog-cancer-related-default": entry(
    () =>
      "ecogCancerRelated not given: ECOG read as cancer-related (BCLC 2022 stages the cancer-related performance status)",
    () => "未说明体力状态下降是否由肿瘤所致：ECOG评分按肿瘤相关处理",
  ),
  "assumption.ecog-comorbidity": entry<{ readonly ecog: number }>(
    (p) =>
      `ECOG ${p.ecog} due to comorbidity does not stage (BCLC 2022); fitness for each treatment remains a clinical judgement`,
    (p) => `ECOG ${p.ecog}分由合并症所致，不参与分期（BCLC 2022）；能否耐受各项治疗仍需临床判断`,
    [1, 2, 3, 4].map((ecog) => ({ ecog })),
  ),

  // ---- the readable assessment report (hepatica assess) --------------------------------------------
  "report.title": entry<{ readonly id?: string; readonly rulesVersion: string }>(
    (p) => `Hepatica assessment${p.id ? ` — ${p.id}` : ""}   (rules ${p.rulesVersion})`,
    (p) => `Hepatica 评估${p.id ? `——${p.id}` : ""}   （规则版本 ${p.rulesVersion}）`,
  ),
  "report.invalid-input": entry(
    () => "INVALID INPUT (results that depend on these fields are not computed):",
    () => "输入无效（依赖以下字段的结果未计算）：",
  ),
  "report.staging": entry(
    () => "STAGING",
    () => "分期",
  ),
  "report.cnlc-column": entry(
    () => "CNLC (China, 2024)",
    () => "CNLC（中国，2024）",
  ),
  "report.stage": entry(
    () => "stage",
    () => "分期",
  ),
  "report.options": entry(
    () => "options",
    () => "治疗选择",
  ),
  "report.alternatives": entry(
    () => "alternatives",
    () => "备选",
  ),
  "report.unranked": entry(
    () => " (unranked)",
    () => "（未分先后）",
  ),
  "report.first-choice": entry<{ readonly options: string }>(
    (p) => `first choice: ${p.options}`,
    (p) => `首选：${p.options}`,
  ),
  "report.cannot-determine": entry<{ readonly missing: readonly string[] }>(
    (p) => `cannot determine — missing ${inputs(p.missing, "en")}`,
    (p) => `无法判定——缺少${inputs(p.missing, "zh")}`,
  ),
  "report.not-computed": entry(
    () => "not computed — invalid input",
    () => "未计算——输入无效",
  ),
  "report.where-they-differ": entry(
    () => "  Where they differ:",
    () => "  两种分期的差异：",
  ),
  "report.ajcc": entry<{ readonly value: string }>(
    (p) => `  AJCC 8: ${p.value}`,
    (p) => `  AJCC第8版：${p.value}`,
  ),
  "report.ajcc-stage": entry<{ readonly tnm: string; readonly group: string }>(
    (p) => `${p.tnm}, stage ${p.group}`,
    (p) => `${p.tnm}，${p.group}期`,
  ),
  "report.liver-function": entry(
    () => "LIVER FUNCTION AND PERFORMANCE STATUS",
    () => "肝功能与体力状态",
  ),
  "report.albi": entry<{ readonly score: string; readonly grade: string; readonly mAlbi: string }>(
    (p) => `${p.score} (grade ${p.grade}, mALBI ${p.mAlbi})`,
    (p) => `${p.score}（${p.grade}级，mALBI ${p.mAlbi}级）`,
  ),
  "report.meld3": entry<{ readonly score: string; readonly allocation: string }>(
    (p) => `${p.score} (allocation ${p.allocation})`,
    (p) => `${p.score}（器官分配评分 ${p.allocation}）`,
  ),
  "report.bsa": entry<{ readonly mosteller: string; readonly dubois: string }>(
    (p) => `${p.mosteller} m² (Mosteller), ${p.dubois} m² (DuBois)`,
    (p) => `${p.mosteller} m²（Mosteller公式），${p.dubois} m²（DuBois公式）`,
  ),
  "report.tumour-burden": entry(
    () => "TUMOUR BURDEN",
    () => "肿瘤负荷",
  ),
  "report.within": entry(
    () => "within",
    () => "符合",
  ),
  "report.beyond": entry(
    () => "beyond",
    () => "超出",
  ),
  "report.sum": entry<{ readonly value: string; readonly sum: string }>(
    (p) => `${p.value} (sum ${p.sum})`,
    (p) => `${p.value}（总和 ${p.sum}）`,
  ),
  "report.to-decide": entry(
    () => "TO DECIDE MORE, ENTER (input → results it would complete):",
    () => "如需进一步判定，请补充（输入项 → 可完成的结果）：",
  ),
  "report.other-undecided": entry<{ readonly count: number }>(
    (p) =>
      `  (${p.count} treatment and follow-up scores need further inputs: hepatica plan, or --json for each one's missing list)`,
    (p) => `  （另有${p.count}项治疗及随访评分需补充输入：见 hepatica plan，或用 --json 查看各项缺少的输入）`,
  ),
  "report.assumptions": entry(
    () => "ASSUMPTIONS (documented defaults applied):",
    () => "假设（已采用的默认规则）：",
  ),
  "report.footer": entry(
    () => "Reasons and sources for every value: hepatica assess --json",
    () => "各项结果的理由与出处：hepatica assess --json",
  ),

  // ---- BCLC vs CNLC (staging-treatment.md §2.4 rows) ----------------------------------------------
  "concordance.cp-b-no-decompensation": entry<{ readonly cnlc: CnlcStage }>(
    (p) =>
      `Child-Pugh B without decompensation: BCLC 2022 gives no rule (clinician must state whether liver function is preserved); CNLC stages I–III are allowed (CNLC ${p.cnlc}).`,
    (p) =>
      `Child-Pugh B级且无失代偿：BCLC 2022无对应规则（需临床医师判断肝功能是否良好）；CNLC允许Ⅰ～Ⅲ期（${cnlc(p.cnlc)}）。`,
    byCnlc,
  ),
  "concordance.ecog-1-2-small-tumour": entry<{ readonly cnlc: CnlcStage }>(
    (p) =>
      `Cancer-related ECOG 1–2: BCLC C (systemic therapy) while CNLC stages by tumour (${p.cnlc}); BCLC asks whether the performance status is cancer-related.`,
    (p) =>
      `肿瘤相关ECOG 1～2分：BCLC为C期（系统抗肿瘤治疗），CNLC按肿瘤分期（${cnlc(p.cnlc)}）；BCLC需判断体力状态下降是否由肿瘤所致。`,
    byCnlc,
  ),
  "concordance.decompensated-child-pugh-a-b": entry<{ readonly cnlc: CnlcStage }>(
    (p) =>
      `Decompensation (e.g. Child-Pugh A with mild ascites or encephalopathy): BCLC D (non-preserved liver function) while CNLC stages by Child-Pugh class and tumour (${p.cnlc}).`,
    (p) =>
      `失代偿（如Child-Pugh A级伴少量腹水或肝性脑病）：BCLC为D期（肝功能不良），CNLC按Child-Pugh分级和肿瘤分期（${cnlc(p.cnlc)}）。`,
    byCnlc,
  ),
  "concordance.ecog-as-given": entry<{ readonly bclc: BclcStage }>(
    (p) =>
      `CNLC IV from ECOG as given (no cancer-related qualifier) while BCLC ${p.bclc} counts only cancer-related performance status.`,
    (p) => `CNLC按所填ECOG评分判为Ⅳ期（不区分是否肿瘤相关），而BCLC（${p.bclc}期）仅计肿瘤相关的体力状态。`,
    (["0", "A", "B", "C"] as const).map((bclc) => ({ bclc })),
  ),
  "concordance.single-large": entry(
    () => "Single tumour > 5 cm: BCLC A (resection) vs CNLC Ib (resection first, TACE also listed).",
    () => "单个肿瘤＞5 cm：BCLC A期（手术切除）与CNLC Ⅰb期（首选手术切除，亦列TACE）。",
  ),
  "concordance.two-three-over-3cm": entry(
    () =>
      "2–3 nodules with one > 3 cm: BCLC B (TACE or transplant) vs CNLC IIa (resection first); the surgical option appears only under CNLC.",
    () => "2～3个肿瘤且最大＞3 cm：BCLC B期（TACE或肝移植）与CNLC Ⅱa期（首选手术切除）；手术选项仅见于CNLC。",
  ),
  "concordance.intermediate-resection": entry(
    () => "Resection for intermediate-stage disease: not first line in BCLC; first line in CNLC IIa.",
    () => "中期肝癌的手术切除：BCLC不作为一线，CNLC Ⅱa期为一线。",
  ),
  "concordance.four-or-more": entry(
    () => "≥ 4 nodules: BCLC B vs CNLC IIb (TACE first, surgery in selected cases).",
    () => "肿瘤≥4个：BCLC B期与CNLC Ⅱb期（首选TACE，部分患者可手术）。",
  ),
  "concordance.main-pvtt": entry(
    () =>
      "Main portal vein thrombus (Vp4): BCLC C (systemic) vs CNLC IIIa (HAIC, systemic, radiotherapy; TACE only when not completely occluded or with collaterals).",
    () =>
      "门静脉主干癌栓（Vp4）：BCLC C期（系统抗肿瘤治疗）与CNLC Ⅲa期（HAIC、系统抗肿瘤治疗、放疗；仅在未完全阻塞或侧支循环充分时行TACE）。",
  ),
  "concordance.branch-pvtt": entry(
    () =>
      "Vascular invasion without main-trunk thrombus: BCLC C (systemic) vs CNLC IIIa (TACE/HAIC/systemic/radiotherapy, resection in selected); the cn eligibility profile allows TACE.",
    () =>
      "血管侵犯但无门静脉主干癌栓：BCLC C期（系统抗肿瘤治疗）与CNLC Ⅲa期（TACE/HAIC/系统抗肿瘤治疗/放疗，部分患者可手术切除）；中国适应证标准允许TACE。",
  ),
  "concordance.extrahepatic-spread": entry(
    () => "Extrahepatic spread: BCLC C (systemic) vs CNLC IIIb (systemic ± locoregional therapy).",
    () => "肝外转移：BCLC C期（系统抗肿瘤治疗）与CNLC Ⅲb期（系统抗肿瘤治疗±局部治疗）。",
  ),
  "concordance.haic": entry(
    () =>
      "HAIC (FOLFOX) is a CNLC option but not in the BCLC algorithm; the safety verdict is shown under both profiles, with an endorsement note under intl.",
    () =>
      "HAIC（FOLFOX）为CNLC推荐选项，不在BCLC流程内；两种标准下均显示其安全性判定，国际标准下附推荐级别说明。",
  ),
} as const;

export type MessageCode = keyof typeof CATALOGUE;
export type ParamsOf<C extends MessageCode> = Parameters<(typeof CATALOGUE)[C]["en"]>[0];

/** A message as data: its code and the values it is rendered from. */
export type Message = {
  readonly [C in MessageCode]: { readonly code: C; readonly params: ParamsOf<C> };
}[MessageCode];

/** Builds a message; the compiler checks `params` against the entry. */
export function message<C extends MessageCode>(code: C, params: ParamsOf<C>): Message {
  return { code, params } as Message;
}

/** Renders a message in a language. */
export function render(m: Message, lang: Lang): string {
  const e = CATALOGUE[m.code] as Entry<unknown>;
  return e[lang](m.params);
}

/** The text of a message in a language (shorthand for `render(message(code, params), lang)`). */
export function t<C extends MessageCode>(
  lang: Lang,
  code: C,
  ...params: ParamsOf<C> extends None ? [] : [ParamsOf<C>]
): string {
  return (CATALOGUE[code] as Entry<unknown>)[lang](params[0] ?? {});
}

/** English text of a message, as rules write it into the public contract's `reason` and `assumptions`. */
export function en<C extends MessageCode>(
  code: C,
  ...params: ParamsOf<C> extends None ? [] : [ParamsOf<C>]
): string {
  return t("en", code, ...params);
}

/** English text → the message it renders, for entries without params or with finite variants. */
const BY_ENGLISH = new Map<string, Message>();
for (const code of Object.keys(CATALOGUE) as MessageCode[]) {
  const e = CATALOGUE[code] as Entry<unknown>;
  const all = e.variants ?? (e.en.length === 0 ? [{}] : []);
  for (const params of all) BY_ENGLISH.set(e.en(params), { code, params } as Message);
}

/**
 * A text of the public contract (an assumption, a disagreement row) in another language: the
 * catalogue entry that renders exactly this English, in `lang`; the English as it is when the text
 * does not come from the catalogue (a rule not yet converted — listed in the issue notes).
 */
export function translated(english: string, lang: Lang): string {
  if (lang === "en") return english;
  const m = BY_ENGLISH.get(english);
  return m ? render(m, lang) : english;
}
