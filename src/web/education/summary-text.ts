/**
 * Wording of the personalised patient summary (generated in the workspace from a patient's
 * assessment and plan), in English and simplified Chinese. Plain language, written for this
 * project. The stage words describe what the stage usually means, not this patient's prognosis.
 */
import type { EducationLang } from "./types.js";

export type BclcStageWord = "0" | "A" | "B" | "C" | "D";
export type CnlcStageWord = "Ia" | "Ib" | "IIa" | "IIb" | "IIIa" | "IIIb" | "IV";
export type ResponseWord = "CR" | "PR" | "SD" | "PD";
/** Plan option codes (src/clinical/staging/options.ts) grouped as a patient would understand them. */
export type TreatmentWord =
  | "resection"
  | "ablation"
  | "liver-transplant"
  | "tace"
  | "tare"
  | "haic"
  | "radiotherapy"
  | "systemic"
  | "supportive";

export interface SummaryText {
  readonly title: string;
  readonly intro: string;
  readonly stageHeading: string;
  readonly bclcLabel: string;
  readonly cnlcLabel: string;
  readonly stageUnknown: string;
  /** "as of DATE": the date the stage was assessed at. */
  readonly asOf: (date: string) => string;
  readonly bclc: Readonly<Record<BclcStageWord, string>>;
  readonly cnlc: Readonly<Record<CnlcStageWord, string>>;
  readonly treatmentsHeading: string;
  readonly treatmentsIntro: string;
  readonly treatmentsNone: string;
  readonly treatments: Readonly<Record<TreatmentWord, string>>;
  readonly readMore: string;
  readonly historyHeading: string;
  readonly responseHeading: string;
  readonly response: Readonly<Record<ResponseWord, string>>;
  readonly nextHeading: string;
  readonly next: readonly string[];
  readonly getHelp: string;
  readonly print: string;
  readonly language: string;
}

/** Which education topic explains each treatment (none for surgery, transplant, medicines). */
export const TREATMENT_TOPIC: Readonly<Partial<Record<TreatmentWord, string>>> = {
  ablation: "ablation",
  tace: "tace",
  tare: "radioembolization",
  haic: "haic",
};

export const SUMMARY_TEXT: Readonly<Record<EducationLang, SummaryText>> = {
  en: {
    title: "Your treatment summary",
    intro:
      "This page was prepared by your care team from your records. It explains your situation in plain words.",
    stageHeading: "The stage of your liver cancer",
    bclcLabel: "Barcelona system (BCLC)",
    cnlcLabel: "China system (CNLC)",
    stageUnknown: "Not decided yet: your care team needs more test results.",
    asOf: (date) => `as of ${date}`,
    bclc: {
      "0": "Very early stage: one small tumour (2 cm or less), and the liver works well.",
      A: "Early stage: one tumour, or up to three small ones, and the liver works well.",
      B: "Intermediate stage: several tumours, still only in the liver, and the liver works well.",
      C: "Advanced stage: the cancer has grown into a blood vessel or spread outside the liver, or it limits your daily activities.",
      D: "The liver is working poorly or the illness greatly limits daily life. Care focuses on comfort and quality of life.",
    },
    cnlc: {
      Ia: "Early stage: one tumour of 5 cm or less, and the liver works well.",
      Ib: "Early stage: one tumour larger than 5 cm, or two or three tumours of 3 cm or less.",
      IIa: "Middle stage: two or three tumours, at least one larger than 3 cm.",
      IIb: "Middle stage: four or more tumours in the liver.",
      IIIa: "Advanced stage: the cancer has grown into a blood vessel of the liver.",
      IIIb: "Advanced stage: the cancer has spread outside the liver.",
      IV: "The liver is working poorly or the illness greatly limits daily life. Care focuses on comfort and quality of life.",
    },
    treatmentsHeading: "Treatments your care team may discuss with you",
    treatmentsIntro:
      "These are the options the guidelines suggest for your stage. Your team will talk with you about which suits you best.",
    treatmentsNone: "Your care team will discuss the options with you once all results are in.",
    treatments: {
      resection: "Surgery to remove the part of the liver with the tumour",
      ablation: "Ablation: destroying the tumour with heat or cold through a needle",
      "liver-transplant": "Liver transplant",
      tace: "Chemoembolization (TACE): medicine and blocking the tumour's blood supply",
      tare: "Radioembolization (Y-90): tiny radioactive beads",
      haic: "Arterial infusion chemotherapy (HAIC)",
      radiotherapy: "Radiotherapy",
      systemic: "Medicines that work through the whole body (for example immunotherapy or targeted therapy)",
      supportive: "Care that focuses on comfort, symptoms and quality of life",
    },
    readMore: "Read more",
    historyHeading: "Treatments you have had",
    responseHeading: "How the tumour responded (latest scan)",
    response: {
      CR: "No living tumour can be seen on the scan.",
      PR: "The living part of the tumour has clearly shrunk.",
      SD: "There is not much change.",
      PD: "The tumour has grown or new tumours have appeared. Your team will discuss what to do next.",
    },
    nextHeading: "What happens next",
    next: [
      "Your case may be discussed at a tumour board, where specialists agree on a plan with you.",
      "After a treatment, the first check-up scan and blood tests are usually about four to six weeks later.",
      "Bring a list of your medicines and your questions to each visit.",
    ],
    getHelp: "When to get help straight away",
    print: "Print",
    language: "Language",
  },
  zh: {
    title: "您的治疗小结",
    intro: "本页由您的医疗团队根据您的病历整理，用通俗的语言说明您的情况。",
    stageHeading: "您的肝癌分期",
    bclcLabel: "巴塞罗那分期（BCLC）",
    cnlcLabel: "中国肝癌分期（CNLC）",
    stageUnknown: "尚未确定：医疗团队还需要更多检查结果。",
    asOf: (date) => `截至 ${date}`,
    bclc: {
      "0": "极早期：只有一个小肿瘤（不超过 2 厘米），肝功能良好。",
      A: "早期：一个肿瘤，或不超过三个小肿瘤，肝功能良好。",
      B: "中期：肿瘤有好几个，但仍局限在肝内，肝功能良好。",
      C: "晚期：肿瘤已长进血管或扩散到肝外，或已影响日常活动。",
      D: "肝功能很差，或病情严重影响日常生活。治疗以减轻痛苦、提高生活质量为主。",
    },
    cnlc: {
      Ia: "早期：单个肿瘤，不超过 5 厘米，肝功能良好。",
      Ib: "早期：单个肿瘤大于 5 厘米，或两到三个肿瘤、都不超过 3 厘米。",
      IIa: "中期：两到三个肿瘤，至少一个大于 3 厘米。",
      IIb: "中期：肝内有四个或更多肿瘤。",
      IIIa: "晚期：肿瘤已长进肝脏的血管。",
      IIIb: "晚期：肿瘤已扩散到肝外。",
      IV: "肝功能很差，或病情严重影响日常生活。治疗以减轻痛苦、提高生活质量为主。",
    },
    treatmentsHeading: "医疗团队可能与您讨论的治疗",
    treatmentsIntro: "以下是指南针对您的分期建议的治疗方式。医疗团队会和您一起商量哪种最适合您。",
    treatmentsNone: "所有检查结果出来后，医疗团队会和您讨论治疗选择。",
    treatments: {
      resection: "手术切除有肿瘤的部分肝脏",
      ablation: "消融：经穿刺针用高温或低温破坏肿瘤",
      "liver-transplant": "肝移植",
      tace: "肝动脉化疗栓塞（TACE）：注入药物并堵住肿瘤供血",
      tare: "放射栓塞（钇-90）：带放射性的微球",
      haic: "肝动脉灌注化疗（HAIC）",
      radiotherapy: "放射治疗",
      systemic: "全身用药（例如免疫治疗或靶向治疗）",
      supportive: "以减轻症状、提高生活质量为主的照护",
    },
    readMore: "了解更多",
    historyHeading: "您已接受的治疗",
    responseHeading: "肿瘤对治疗的反应（最近一次检查）",
    response: {
      CR: "检查中看不到存活的肿瘤。",
      PR: "肿瘤存活部分明显缩小。",
      SD: "变化不大。",
      PD: "肿瘤长大或出现了新的肿瘤。医疗团队会和您讨论下一步。",
    },
    nextHeading: "接下来会怎样",
    next: [
      "您的病情可能会在多学科会诊上讨论，由专家和您一起商定方案。",
      "治疗后第一次复查（影像和血液检查）通常在四到六周左右。",
      "每次就诊请带上您的用药清单和想问的问题。",
    ],
    getHelp: "什么时候需要立即求助",
    print: "打印",
    language: "语言",
  },
};

/** Plan option code → the patient's word for it. */
export function treatmentWord(code: string): TreatmentWord | undefined {
  switch (code) {
    case "resection":
    case "ablation":
    case "liver-transplant":
    case "tace":
    case "tare":
    case "haic":
    case "radiotherapy":
      return code;
    case "systemic-therapy":
    case "atezolizumab-bevacizumab":
    case "durvalumab-tremelimumab":
    case "sorafenib":
    case "lenvatinib":
    case "durvalumab":
      return "systemic";
    case "best-supportive-care":
    case "palliative-care":
      return "supportive";
    default:
      return undefined;
  }
}
