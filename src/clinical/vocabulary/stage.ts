/** Staging, liver-function class and response terms. */
import type { ChildPughClass } from "../case/types.js";
import type { OverallResponse } from "../response/rules.js";
import type { BclcStage } from "../staging/bclc.js";
import type { CnlcStage } from "../staging/cnlc.js";
import { terms } from "./term.js";

/** The staging systems and scores, as a clinician names them. */
export const SYSTEM_TERMS = terms({
  bclc: { en: "BCLC", zh: "BCLC分期" },
  cnlc: { en: "CNLC", zh: "CNLC分期" },
  ajcc8: { en: "AJCC 8", zh: "AJCC第8版TNM分期" },
  childPugh: { en: "Child-Pugh", zh: "肝功能Child-Pugh分级" },
  albi: { en: "ALBI", zh: "ALBI分级" },
  meld: { en: "MELD", zh: "MELD评分" },
  meldNa: { en: "MELD-Na", zh: "MELD-Na评分" },
  meld3: { en: "MELD 3.0", zh: "MELD 3.0评分" },
  ecog: { en: "ECOG", zh: "ECOG体力状态评分" },
  bsa: { en: "BSA", zh: "体表面积" },
  milan: { en: "Milan", zh: "米兰标准" },
  ucsf: { en: "UCSF", zh: "UCSF标准" },
  upToSeven: { en: "up-to-seven", zh: "up-to-seven标准" },
  sixAndTwelve: { en: "six-and-twelve", zh: "six-and-twelve评分" },
});

/** Six-and-twelve risk strata (Wang 2019). */
export const SIX_AND_TWELVE_TERMS = terms({
  low: { en: "low", zh: "低危" },
  intermediate: { en: "intermediate", zh: "中危" },
  high: { en: "high", zh: "高危" },
});

/** BCLC 2022 stage names (Reig et al., J Hepatol 2022). */
export const BCLC_STAGE_TERMS = terms<BclcStage>({
  "0": { en: "very early stage", zh: "极早期" },
  A: { en: "early stage", zh: "早期" },
  B: { en: "intermediate stage", zh: "中期" },
  C: { en: "advanced stage", zh: "进展期" },
  D: { en: "terminal stage", zh: "终末期" },
});

/** CNLC stages: the guideline names them by their Roman numerals in both languages. */
export const CNLC_STAGE_TERMS = terms<CnlcStage>({
  Ia: { en: "CNLC Ia", zh: "CNLC Ⅰa期" },
  Ib: { en: "CNLC Ib", zh: "CNLC Ⅰb期" },
  IIa: { en: "CNLC IIa", zh: "CNLC Ⅱa期" },
  IIb: { en: "CNLC IIb", zh: "CNLC Ⅱb期" },
  IIIa: { en: "CNLC IIIa", zh: "CNLC Ⅲa期" },
  IIIb: { en: "CNLC IIIb", zh: "CNLC Ⅲb期" },
  IV: { en: "CNLC IV", zh: "CNLC Ⅳ期" },
});

export const CHILD_PUGH_CLASS_TERMS = terms<ChildPughClass>({
  A: { en: "Child-Pugh A", zh: "Child-Pugh A级" },
  B: { en: "Child-Pugh B", zh: "Child-Pugh B级" },
  C: { en: "Child-Pugh C", zh: "Child-Pugh C级" },
});

/** RECIST 1.1 / mRECIST overall response categories. */
export const RESPONSE_TERMS = terms<OverallResponse>({
  CR: { en: "complete response (CR)", zh: "完全缓解（CR）" },
  PR: { en: "partial response (PR)", zh: "部分缓解（PR）" },
  SD: { en: "stable disease (SD)", zh: "疾病稳定（SD）" },
  PD: { en: "progressive disease (PD)", zh: "疾病进展（PD）" },
  NE: { en: "not evaluable (NE)", zh: "不可评估（NE）" },
  NON_CR_NON_PD: { en: "non-CR/non-PD", zh: "非CR/非PD" },
});

/** The status every result carries. */
export const STATUS_TERMS = terms<"ok" | "indeterminate" | "invalid">({
  ok: { en: "determined", zh: "已判定" },
  indeterminate: { en: "cannot determine", zh: "无法判定" },
  invalid: { en: "invalid input", zh: "输入无效" },
});
