/**
 * The workspace's own words (headings, buttons, table heads), once, in English and Chinese.
 * Clinical terms come from the vocabulary and clinical sentences from the message catalogue;
 * this table holds only the screen's furniture.
 */
import type { Term } from "../../clinical/vocabulary/index.js";

const table = <K extends string>(t: { readonly [k in K]: Term }) => Object.freeze(t);

export const UI = table({
  language: { en: "Language", zh: "语言" },
  patients: { en: "Patients", zh: "患者" },
  newPatient: { en: "New patient", zh: "新建患者" },
  cohorts: { en: "Cohorts", zh: "队列" },
  education: { en: "Patient education", zh: "患者教育" },
  signOut: { en: "Sign out", zh: "退出登录" },
  skip: { en: "Skip to content", zh: "跳到正文" },
  deidentified: {
    en: " You are viewing de-identified data: names and record numbers are removed and dates are shifted.",
    zh: "您正在查看去标识化数据：姓名和病历号已移除，日期已平移。",
  },
  assessment: { en: "Assessment", zh: "评估" },
  someInvalid: {
    en: "Some recorded values are not valid; results that depend on them are not computed.",
    zh: "部分已录入的数值无效；依赖这些数值的结果未计算。",
  },
  stage: { en: "Stage", zh: "分期" },
  firstOptions: { en: "First options", zh: "首选治疗" },
  alternatives: { en: "alternatives", zh: "备选" },
  optionsNotDetermined: { en: "First options: not determined yet.", zh: "首选治疗：尚无法判定。" },
  options: { en: "Options", zh: "治疗选择" },
  notStaged: { en: "Not staged", zh: "未能分期" },
  reasonAndSource: { en: "Reason and source", zh: "理由与出处" },
  disagree: { en: "Where BCLC and CNLC disagree", zh: "BCLC与CNLC分期的差异" },
  source: { en: "Source", zh: "出处" },
  liverFunction: { en: "Liver function", zh: "肝功能" },
  tumourBurden: { en: "Tumour burden", zh: "肿瘤负荷" },
  stillMissing: { en: "Still missing", zh: "尚缺输入" },
  rulesVersion: { en: "Rules version", zh: "规则版本" },
  within: { en: "within", zh: "符合" },
  beyond: { en: "beyond", zh: "超出" },
  sum: { en: "sum", zh: "总和" },
  grade: { en: "grade", zh: "级" },
  points: { en: "points", zh: "分" },
  why: { en: "Why?", zh: "为什么？" },
  assumed: { en: "Assumed", zh: "假设" },
  notDecided: { en: "not decided", zh: "尚未判定" },
  invalidInput: { en: "invalid input", zh: "输入无效" },
  toDecide: { en: "To decide this, enter", zh: "如需判定，请补充" },
  eligibilityPerModality: { en: "Eligibility per modality", zh: "各治疗方式的适应证评估" },
  modality: { en: "Modality", zh: "治疗方式" },
  reasons: { en: "Reasons", zh: "理由" },
  eligible: { en: "eligible", zh: "适合" },
  caution: { en: "caution", zh: "慎用" },
  contraindicated: { en: "contraindicated", zh: "禁忌" },
  cannotDecide: { en: "cannot decide", zh: "无法判定" },
  absolute: { en: "absolute", zh: "绝对" },
  relative: { en: "relative", zh: "相对" },
  note: { en: "note", zh: "说明" },
});

/** Plan verdicts and option roles (src/clinical/plan.ts). */
export const PLAN_TEXT = table({
  heading: { en: "Treatment plan (for discussion)", zh: "治疗方案（供讨论）" },
  perModality: { en: "Per modality", zh: "各治疗方式" },
  worthDiscussing: { en: "Worth discussing at tumour board", zh: "建议提交多学科诊疗（MDT）讨论" },
  evidence: { en: "Evidence", zh: "证据" },
  stage: { en: "stage", zh: "分期" },
  option: { en: "option", zh: "推荐" },
  alternative: { en: "alternative", zh: "备选" },
  "stage-migration": { en: "stage migration", zh: "治疗阶段迁移" },
  eligible: { en: "eligible", zh: "适合" },
  "relative-contraindication": { en: "relative-contraindication", zh: "相对禁忌" },
  contraindicated: { en: "contraindicated", zh: "禁忌" },
  indeterminate: { en: "indeterminate", zh: "无法判定" },
  invalid: { en: "invalid", zh: "输入无效" },
  "not-assessed": { en: "not-assessed", zh: "未评估" },
});

export const ROLE_TEXT = table({
  clinician: { en: "clinician", zh: "临床医师" },
  researcher: { en: "researcher", zh: "研究人员" },
  admin: { en: "admin", zh: "管理员" },
});

export type UiKey = keyof typeof UI;
