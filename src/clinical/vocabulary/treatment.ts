/**
 * Treatment terms: interventional modalities (the `eligibility` keys), treatment option codes of
 * BCLC/CNLC (case-format.md, "Option codes") and the two guideline profiles.
 */

import type { Profile } from "../eligibility/common.js";
import type { Modality } from "../eligibility/index.js";
import type { OptionCode } from "../staging/options.js";
import { terms } from "./term.js";

/** Interventional modalities assessed for eligibility. */
export const MODALITY_TERMS = terms<Modality>({
  ctace: { en: "cTACE", zh: "常规TACE（cTACE）" },
  debtace: { en: "DEB-TACE", zh: "药物洗脱微球TACE（DEB-TACE）" },
  tae: { en: "Bland TAE", zh: "单纯经动脉栓塞（TAE）" },
  haic: { en: "HAIC (FOLFOX)", zh: "肝动脉灌注化疗（HAIC，FOLFOX）" },
  tareResin: { en: "TARE, resin", zh: "经动脉放射栓塞（TARE，树脂微球）" },
  tareGlass: { en: "TARE, glass", zh: "经动脉放射栓塞（TARE，玻璃微球）" },
  thermalAblation: { en: "Thermal ablation (RFA/MWA)", zh: "热消融（射频消融/微波消融）" },
  cryoablation: { en: "Cryoablation (argon-helium)", zh: "氩氦刀冷冻消融" },
});

/** Treatment options the staging systems recommend. Drug names keep their generic names. */
export const OPTION_TERMS = terms<OptionCode>({
  resection: { en: "resection", zh: "手术切除" },
  ablation: { en: "ablation", zh: "局部消融" },
  "liver-transplant": { en: "liver transplant", zh: "肝移植" },
  tace: { en: "TACE", zh: "经动脉化疗栓塞（TACE）" },
  tare: { en: "TARE (Y-90)", zh: "经动脉放射栓塞（TARE，钇-90）" },
  haic: { en: "HAIC", zh: "肝动脉灌注化疗（HAIC）" },
  radiotherapy: { en: "radiotherapy", zh: "放射治疗" },
  "systemic-therapy": { en: "systemic therapy", zh: "系统抗肿瘤治疗" },
  "atezolizumab-bevacizumab": { en: "atezolizumab + bevacizumab", zh: "阿替利珠单抗联合贝伐珠单抗" },
  "durvalumab-tremelimumab": { en: "durvalumab + tremelimumab", zh: "度伐利尤单抗联合替西木单抗" },
  sorafenib: { en: "sorafenib", zh: "索拉非尼" },
  lenvatinib: { en: "lenvatinib", zh: "仑伐替尼" },
  durvalumab: { en: "durvalumab", zh: "度伐利尤单抗" },
  "best-supportive-care": { en: "best supportive care", zh: "最佳支持治疗" },
  "palliative-care": { en: "palliative care", zh: "姑息治疗" },
});

/** The two rule profiles every eligibility result is computed under. */
export const PROFILE_TERMS = terms<Profile>({
  intl: { en: "International (EASL/AASLD/CIRSE)", zh: "国际（EASL/AASLD/CIRSE）" },
  cn: { en: "China (national guideline)", zh: "中国（国家诊疗指南）" },
});

/** Eligibility verdicts. */
export const VERDICT_TERMS = terms<"eligible" | "relative-contraindication" | "contraindicated">({
  eligible: { en: "eligible", zh: "适合" },
  "relative-contraindication": { en: "relative contraindication", zh: "相对禁忌" },
  contraindicated: { en: "contraindicated", zh: "禁忌" },
});
