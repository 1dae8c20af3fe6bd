/**
 * Therapy terms: systemic agents, cell therapy and regimens of the therapy catalogue
 * (src/clinical/therapy/catalogue.ts), with each regimen's usual schedule as its trial gave it.
 * Generic names in Chinese as the national guideline 原发性肝癌诊疗指南（2024年版）writes them.
 */
import type { AgentClass, AgentCode, RegimenCode } from "../therapy/catalogue.js";
import type { LocoregionalFamily, TreatmentLine } from "../therapy/lines.js";
import { type Lang, terms } from "./term.js";

export const AGENT_CLASS_TERMS = terms<AgentClass>({
  "checkpoint-inhibitor": { en: "immune checkpoint inhibitor", zh: "免疫检查点抑制剂" },
  "anti-vegf-antibody": { en: "anti-VEGF antibody", zh: "抗 VEGF 单克隆抗体" },
  "multikinase-inhibitor": { en: "multikinase inhibitor", zh: "多靶点酪氨酸激酶抑制剂" },
  chemotherapy: { en: "chemotherapy", zh: "化学治疗" },
  "cell-therapy": { en: "cell therapy", zh: "细胞治疗" },
});

export const AGENT_TERMS = terms<AgentCode>({
  atezolizumab: { en: "atezolizumab", zh: "阿替利珠单抗" },
  durvalumab: { en: "durvalumab", zh: "度伐利尤单抗" },
  tremelimumab: { en: "tremelimumab", zh: "替西木单抗" },
  pembrolizumab: { en: "pembrolizumab", zh: "帕博利珠单抗" },
  camrelizumab: { en: "camrelizumab", zh: "卡瑞利珠单抗" },
  sintilimab: { en: "sintilimab", zh: "信迪利单抗" },
  tislelizumab: { en: "tislelizumab", zh: "替雷利珠单抗" },
  bevacizumab: { en: "bevacizumab", zh: "贝伐珠单抗" },
  "bevacizumab-biosimilar-ibi305": {
    en: "bevacizumab biosimilar (IBI305)",
    zh: "贝伐珠单抗生物类似药（IBI305）",
  },
  lenvatinib: { en: "lenvatinib", zh: "仑伐替尼" },
  sorafenib: { en: "sorafenib", zh: "索拉非尼" },
  donafenib: { en: "donafenib", zh: "多纳非尼" },
  rivoceranib: { en: "rivoceranib (apatinib)", zh: "阿帕替尼" },
  oxaliplatin: { en: "oxaliplatin", zh: "奥沙利铂" },
  fluorouracil: { en: "fluorouracil", zh: "氟尿嘧啶" },
  leucovorin: { en: "leucovorin", zh: "亚叶酸钙" },
  "cik-cells": { en: "CIK cells (cytokine-induced killer cells)", zh: "CIK 细胞（细胞因子诱导的杀伤细胞）" },
});

export const REGIMEN_TERMS = terms<RegimenCode>({
  durvalumab: { en: "durvalumab", zh: "度伐利尤单抗" },
  "atezolizumab-bevacizumab": { en: "atezolizumab + bevacizumab", zh: "阿替利珠单抗联合贝伐珠单抗" },
  "durvalumab-tremelimumab": {
    en: "durvalumab + tremelimumab (STRIDE)",
    zh: "度伐利尤单抗联合替西木单抗（STRIDE）",
  },
  lenvatinib: { en: "lenvatinib", zh: "仑伐替尼" },
  sorafenib: { en: "sorafenib", zh: "索拉非尼" },
  donafenib: { en: "donafenib", zh: "多纳非尼" },
  "camrelizumab-rivoceranib": { en: "camrelizumab + rivoceranib", zh: "卡瑞利珠单抗联合阿帕替尼" },
  "sintilimab-bevacizumab-biosimilar": {
    en: "sintilimab + bevacizumab biosimilar (IBI305)",
    zh: "信迪利单抗联合贝伐珠单抗生物类似药",
  },
  tislelizumab: { en: "tislelizumab", zh: "替雷利珠单抗" },
  folfox4: { en: "FOLFOX4 (systemic)", zh: "FOLFOX4 方案（系统化疗）" },
  "lenvatinib-pembrolizumab": { en: "lenvatinib + pembrolizumab", zh: "仑伐替尼联合帕博利珠单抗" },
  "durvalumab-bevacizumab": { en: "durvalumab + bevacizumab", zh: "度伐利尤单抗联合贝伐珠单抗" },
  "cik-cells": { en: "CIK cell therapy", zh: "CIK 细胞治疗" },
});

export const REGIMEN_SCHEDULE_TERMS = terms<RegimenCode>({
  durvalumab: { en: "1500 mg IV every 4 weeks", zh: "1500 mg 静脉滴注，每 4 周 1 次" },
  "atezolizumab-bevacizumab": {
    en: "atezolizumab 1200 mg + bevacizumab 15 mg/kg IV every 3 weeks",
    zh: "阿替利珠单抗 1200 mg + 贝伐珠单抗 15 mg/kg 静脉滴注，每 3 周 1 次",
  },
  "durvalumab-tremelimumab": {
    en: "tremelimumab 300 mg once + durvalumab 1500 mg IV every 4 weeks",
    zh: "替西木单抗 300 mg 单次 + 度伐利尤单抗 1500 mg 静脉滴注，每 4 周 1 次",
  },
  lenvatinib: {
    en: "12 mg once daily if ≥ 60 kg, 8 mg if < 60 kg",
    zh: "体重 ≥ 60 kg 12 mg、< 60 kg 8 mg，每日 1 次口服",
  },
  sorafenib: { en: "400 mg twice daily", zh: "400 mg，每日 2 次口服" },
  donafenib: { en: "200 mg twice daily", zh: "200 mg，每日 2 次口服" },
  "camrelizumab-rivoceranib": {
    en: "camrelizumab 200 mg IV every 2 weeks + rivoceranib 250 mg once daily",
    zh: "卡瑞利珠单抗 200 mg 静脉滴注每 2 周 1 次 + 阿帕替尼 250 mg 每日 1 次口服",
  },
  "sintilimab-bevacizumab-biosimilar": {
    en: "sintilimab 200 mg + IBI305 15 mg/kg IV every 3 weeks",
    zh: "信迪利单抗 200 mg + IBI305 15 mg/kg 静脉滴注，每 3 周 1 次",
  },
  tislelizumab: { en: "200 mg IV every 3 weeks", zh: "200 mg 静脉滴注，每 3 周 1 次" },
  folfox4: {
    en: "oxaliplatin 85 mg/m² day 1, leucovorin 200 mg/m² and 5-FU bolus 400 mg/m² + 600 mg/m² over 22 h days 1–2, every 2 weeks",
    zh: "奥沙利铂 85 mg/m² 第 1 天，亚叶酸钙 200 mg/m² 与氟尿嘧啶 400 mg/m² 推注 + 600 mg/m² 22 小时输注第 1–2 天，每 2 周 1 次",
  },
  "lenvatinib-pembrolizumab": {
    en: "lenvatinib 12/8 mg daily by weight + pembrolizumab 400 mg IV every 6 weeks (with TACE in LEAP-012)",
    zh: "仑伐替尼按体重 12/8 mg 每日 + 帕博利珠单抗 400 mg 每 6 周 1 次（LEAP-012 中联合 TACE）",
  },
  "durvalumab-bevacizumab": {
    en: "durvalumab 1500 mg every 4 weeks + bevacizumab 15 mg/kg every 3 weeks, after TACE (EMERALD-1)",
    zh: "TACE 后度伐利尤单抗 1500 mg 每 4 周 + 贝伐珠单抗 15 mg/kg 每 3 周（EMERALD-1）",
  },
  "cik-cells": {
    en: "autologous CIK cells 6.4 × 10⁹ per injection, 16 injections over 60 weeks (adjuvant, Lee 2015)",
    zh: "自体 CIK 细胞每次 6.4 × 10⁹ 个，60 周内共 16 次（辅助治疗，Lee 2015）",
  },
});

/** Kinds of treatment line (src/clinical/therapy/lines.ts). */
export const LINE_KIND_TERMS = terms<TreatmentLine["kind"]>({
  "locoregional-alone": { en: "locoregional alone", zh: "单纯局部治疗" },
  combined: { en: "locoregional + systemic", zh: "局部联合系统治疗" },
  "systemic-alone": { en: "systemic alone", zh: "单纯系统治疗" },
});

/** Locoregional families a line code is made of (src/clinical/therapy/lines.ts). */
export const LOCOREGIONAL_FAMILY_TERMS = terms<LocoregionalFamily>({
  TACE: { en: "TACE", zh: "TACE" },
  HAIC: { en: "HAIC", zh: "HAIC" },
  TARE: { en: "TARE", zh: "TARE" },
  ablation: { en: "ablation", zh: "消融" },
  resection: { en: "resection", zh: "手术切除" },
  transplant: { en: "transplant", zh: "肝移植" },
  radiotherapy: { en: "radiotherapy", zh: "放射治疗" },
  other: { en: "other procedure", zh: "其他操作" },
  "systemic-uncoded": { en: "systemic (uncoded)", zh: "系统治疗（未编码）" },
});

/** "TACE+lenvatinib" → "TACE + lenvatinib" / "TACE + 仑伐替尼". Unknown parts stay as they are. */
export function lineLabel(code: string, lang: Lang): string {
  return code
    .split("+")
    .map((part) =>
      Object.hasOwn(REGIMEN_TERMS, part)
        ? REGIMEN_TERMS[part as RegimenCode][lang]
        : Object.hasOwn(LOCOREGIONAL_FAMILY_TERMS, part)
          ? LOCOREGIONAL_FAMILY_TERMS[part as LocoregionalFamily][lang]
          : part,
    )
    .join(" + ");
}

/** Status of a combination for this patient (src/clinical/therapy/combinations.ts). */
export const COMBINATION_STATUS_TERMS = terms<"worth-discussing" | "not-applicable" | "cannot-decide">({
  "worth-discussing": { en: "worth discussing", zh: "值得讨论" },
  "not-applicable": { en: "not applicable", zh: "不适用" },
  "cannot-decide": { en: "cannot decide", zh: "无法判断" },
});

/** A guideline's position on a combination. */
export const STANCE_TERMS = terms<"endorsed" | "in-trials" | "not-recommended" | "not-addressed">({
  endorsed: { en: "endorsed", zh: "推荐" },
  "in-trials": { en: "in trials", zh: "临床研究中" },
  "not-recommended": { en: "not recommended", zh: "不推荐" },
  "not-addressed": { en: "not addressed", zh: "未涉及" },
});
