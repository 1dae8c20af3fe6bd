/**
 * Input terms: every case field a clinician enters or a rule asks for (case-format.md paths), the
 * laboratory analytes, and the enumerated values of the case format.
 */
import type { Ascites, Encephalopathy, Etiology, PortalVeinGrade, Sex } from "../case/types.js";
import { type Lang, type Term, terms } from "./term.js";

/**
 * Laboratory analytes and body measures (the `labs` keys, height and weight); the analyte table
 * (units/analytes.ts) takes its labels from here.
 */
export const LAB_TERMS = terms({
  bilirubin: { en: "total bilirubin", zh: "总胆红素" },
  albumin: { en: "albumin", zh: "白蛋白" },
  creatinine: { en: "creatinine", zh: "肌酐" },
  sodium: { en: "sodium", zh: "血钠" },
  inr: { en: "INR", zh: "国际标准化比值（INR）" },
  ptProlongation: { en: "prothrombin time prolongation above control", zh: "凝血酶原时间延长（较对照）" },
  afp: { en: "alpha-fetoprotein", zh: "甲胎蛋白（AFP）" },
  ast: { en: "AST", zh: "天冬氨酸氨基转移酶（AST）" },
  alt: { en: "ALT", zh: "丙氨酸氨基转移酶（ALT）" },
  platelets: { en: "platelet count", zh: "血小板计数" },
  wbc: { en: "white cell count", zh: "白细胞计数" },
  neutrophils: { en: "neutrophil count", zh: "中性粒细胞计数" },
  crp: { en: "C-reactive protein", zh: "C反应蛋白" },
  creatinineClearance: { en: "creatinine clearance", zh: "肌酐清除率" },
  height: { en: "height", zh: "身高" },
  weight: { en: "weight", zh: "体重" },
  diameter: { en: "tumour diameter", zh: "肿瘤直径" },
});

/**
 * Case paths → what a clinician would enter (the prompt shown when an input is missing, the
 * label of a form field, the display of a stored finding).
 */
const INPUTS: Readonly<Record<string, Term>> = Object.freeze({
  sex: { en: "sex", zh: "性别" },
  ageYears: { en: "age (from the birth date)", zh: "年龄（由出生日期计算）" },
  ageAtListingYears: { en: "age at listing", zh: "列入移植等待名单时年龄" },
  ecog: { en: "ECOG performance status", zh: "ECOG体力状态评分" },
  ecogCancerRelated: { en: "performance status impairment is cancer-related", zh: "体力状态下降由肿瘤所致" },
  cirrhosis: { en: "cirrhosis", zh: "肝硬化" },
  cholestaticDisease: { en: "cholestatic liver disease", zh: "胆汁淤积性肝病" },
  etiology: { en: "aetiology of liver disease", zh: "肝病病因" },
  bilirubinUpperLimitNormal: { en: "bilirubin upper limit of normal", zh: "总胆红素正常值上限" },
  ascites: { en: "ascites grade", zh: "腹水" },
  encephalopathy: { en: "hepatic encephalopathy (West Haven)", zh: "肝性脑病（West Haven分级）" },
  dialysis: { en: "dialysis in the past week", zh: "近一周内透析" },
  "decompensation.jaundice": { en: "jaundice", zh: "黄疸" },
  "decompensation.varicealBleeding": { en: "variceal bleeding", zh: "静脉曲张破裂出血" },
  "decompensation.varicealBleedingDate": {
    en: "date of the last variceal bleed",
    zh: "末次静脉曲张破裂出血日期",
  },
  "decompensation.hepatorenalSyndrome": { en: "hepatorenal syndrome", zh: "肝肾综合征" },
  assessmentDate: { en: "assessment date", zh: "评估日期" },
  childPughClass: { en: "Child-Pugh class", zh: "肝功能Child-Pugh分级" },
  childPughPoints: { en: "Child-Pugh points", zh: "Child-Pugh评分" },
  liverFunctionPreserved: {
    en: "liver function preserved (clinician judgement)",
    zh: "肝功能良好（临床医师判断）",
  },
  clinicallySignificantPortalHypertension: {
    en: "clinically significant portal hypertension",
    zh: "临床显著性门静脉高压",
  },
  portalFlow: { en: "portal venous flow", zh: "门静脉血流方向" },
  tumors: { en: "tumour sizes (an imaging time point)", zh: "肿瘤大小（一次影像学检查）" },
  tumorCountTotal: { en: "total number of nodules", zh: "肿瘤总数" },
  tumorLiverVolumePercent: { en: "tumour volume as % of liver", zh: "肿瘤占肝脏体积百分比" },
  infiltrative: { en: "infiltrative HCC", zh: "浸润型肝癌" },
  vascularInvasion: { en: "macrovascular invasion", zh: "大血管侵犯" },
  "vascularInvasion.present": { en: "macrovascular invasion", zh: "大血管侵犯" },
  "vascularInvasion.portalVein": { en: "portal vein tumour thrombus grade (Vp)", zh: "门静脉癌栓分型（Vp）" },
  "vascularInvasion.hepaticVein": {
    en: "hepatic vein tumour thrombus grade (Vv)",
    zh: "肝静脉癌栓分型（Vv）",
  },
  "vascularInvasion.mainPortalVeinCompleteOcclusion": {
    en: "complete occlusion of the main portal vein",
    zh: "门静脉主干完全阻塞",
  },
  "vascularInvasion.adequateCollaterals": { en: "adequate collateral circulation", zh: "侧支循环充分" },
  "vascularInvasion.microvascular": { en: "microvascular invasion (pathology)", zh: "微血管侵犯（病理）" },
  extrahepaticSpread: { en: "extrahepatic spread", zh: "肝外转移" },
  nodalMetastasis: { en: "nodal metastasis", zh: "淋巴结转移" },
  distantMetastasis: { en: "distant metastasis", zh: "远处转移" },
  adjacentOrganInvasion: { en: "invasion of adjacent organs", zh: "侵犯邻近器官" },
  visceralPeritoneumPerforation: { en: "perforation of the visceral peritoneum", zh: "穿透脏层腹膜" },
  transplantCandidate: { en: "transplant candidacy", zh: "肝移植候选" },
  withinExtendedTransplantCriteria: {
    en: "within extended transplant criteria",
    zh: "符合扩大的肝移植标准",
  },
  extendedTransplantCriterion: { en: "extended transplant criterion", zh: "扩大的肝移植标准" },
  lifeExpectancyMonths: { en: "life expectancy (months)", zh: "预期生存期（月）" },
  bclcStage: { en: "BCLC stage", zh: "BCLC分期" },
  "contraindications.bevacizumab": { en: "contraindication to bevacizumab", zh: "贝伐珠单抗禁忌" },
  "contraindications.immunotherapy": { en: "contraindication to immunotherapy", zh: "免疫治疗禁忌" },
  "contraindications.anthracycline": { en: "contraindication to anthracyclines", zh: "蒽环类药物禁忌" },
  "contraindications.oxaliplatin": { en: "contraindication to oxaliplatin", zh: "奥沙利铂禁忌" },
  "contraindications.uncorrectableCoagulopathy": {
    en: "uncorrectable coagulopathy",
    zh: "不可纠正的凝血功能障碍",
  },
  "contraindications.activeInfection": { en: "active infection", zh: "活动性感染" },
  "contraindications.pregnancy": { en: "pregnancy", zh: "妊娠" },
  "contraindications.severeContrastAllergy": { en: "severe contrast allergy", zh: "严重对比剂过敏" },
  "contraindications.highRiskVaricesUntreated": {
    en: "untreated high-risk varices",
    zh: "未经治疗的高危静脉曲张",
  },
  "contraindications.severeComorbidity": { en: "severe comorbidity", zh: "严重合并症" },
  "contraindications.priorLiverRadiotherapy": { en: "prior liver radiotherapy", zh: "既往肝脏放疗" },
  "biliary.bilioentericAnastomosis": { en: "bilioenteric anastomosis", zh: "胆肠吻合" },
  "biliary.stentOrIncompetentPapilla": {
    en: "biliary stent or incompetent papilla",
    zh: "胆道支架或十二指肠乳头功能不全",
  },
  "biliary.obstruction": { en: "biliary obstruction", zh: "胆道梗阻" },
  "ablation.unsafeLocation": { en: "tumour location unsafe for ablation", zh: "肿瘤位置不宜消融" },
  "ablation.noSafeAccess": { en: "no safe percutaneous access", zh: "无安全穿刺路径" },
  "tace.wellDefinedNodules": { en: "well-defined nodules (BCLC B)", zh: "结节边界清楚（BCLC B期）" },
  "tace.portalFlowPreserved": { en: "portal flow preserved (BCLC B)", zh: "门静脉血流保留（BCLC B期）" },
  "tace.selectiveAccessFeasible": {
    en: "selective access to feeding arteries feasible (BCLC B)",
    zh: "可超选择插管至供血动脉（BCLC B期）",
  },
  "tace.extensiveBilobar": { en: "extensive bilobar involvement (BCLC B)", zh: "双叶广泛受累（BCLC B期）" },
  "tace.childPughScoreBeforeFirst": {
    en: "Child-Pugh score before the first TACE",
    zh: "首次TACE前Child-Pugh评分",
  },
  "tace.childPughScoreBeforeSecond": {
    en: "Child-Pugh score before the second TACE",
    zh: "第二次TACE前Child-Pugh评分",
  },
  "tace.astBeforeFirst": { en: "AST before the first TACE", zh: "首次TACE前AST" },
  "tace.astBeforeSecond": { en: "AST before the second TACE", zh: "第二次TACE前AST" },
  "tace.radiologicResponse": { en: "radiological response after the first TACE", zh: "首次TACE后影像学应答" },
  "tace.mrecistObjectiveResponse": { en: "mRECIST objective response", zh: "mRECIST客观应答" },
  "y90.device": { en: "Y-90 device", zh: "钇-90微球类型" },
  "y90.lungShuntFractionPercent": { en: "lung shunt fraction (%)", zh: "肺分流分数（%）" },
  "y90.extrahepaticDepositionUncorrectable": {
    en: "uncorrectable extrahepatic deposition",
    zh: "不可纠正的肝外沉积",
  },
  "y90.priorLungDoseGy": { en: "prior lung dose (Gy)", zh: "既往肺剂量（Gy）" },
  "y90.plannedActivityGBq": { en: "planned activity (GBq)", zh: "计划活度（GBq）" },
  "y90.liverVolumeMl": { en: "liver volume (mL)", zh: "肝脏体积（mL）" },
  "y90.tumorVolumeMl": { en: "tumour volume (mL)", zh: "肿瘤体积（mL）" },
  "y90.perfusedVolumeMl": { en: "perfused volume (mL)", zh: "灌注体积（mL）" },
  "y90.targetDoseGy": { en: "target dose (Gy)", zh: "目标剂量（Gy）" },
  "y90.tumorToNormalRatio": { en: "tumour-to-normal ratio", zh: "肿瘤/正常肝摄取比" },
  "y90.targetNormalLiverDoseGy": { en: "target normal-liver dose (Gy)", zh: "正常肝组织目标剂量（Gy）" },
  "y90.targetTumorDoseGy": { en: "target tumour dose (Gy)", zh: "肿瘤目标剂量（Gy）" },
  "y90.lungMassKg": { en: "lung mass (kg)", zh: "肺质量（kg）" },
  "taceRefractoriness.consecutiveInsufficientResponses": {
    en: "consecutive insufficient responses to TACE",
    zh: "连续TACE疗效不佳次数",
  },
  "taceRefractoriness.consecutiveIntrahepaticProgressions": {
    en: "consecutive intrahepatic progressions after TACE",
    zh: "连续TACE后肝内进展次数",
  },
  "taceRefractoriness.continuousTumorMarkerElevation": {
    en: "continuous tumour marker elevation",
    zh: "肿瘤标志物持续升高",
  },
  "taceRefractoriness.newVascularInvasion": { en: "new vascular invasion", zh: "新发血管侵犯" },
  "taceRefractoriness.newExtrahepaticSpread": { en: "new extrahepatic spread", zh: "新发肝外转移" },
  postDownstaging: { en: "tumour status after downstaging", zh: "降期治疗后肿瘤状态" },
  // Missing-input names some rules report as the reference vectors spell them (not case paths).
  afp: { en: "alpha-fetoprotein", zh: "甲胎蛋白（AFP）" },
  macrovascularInvasion: { en: "macrovascular invasion", zh: "大血管侵犯" },
  "labs.inr (or labs.ptProlongation)": {
    en: "INR (or prothrombin time prolongation)",
    zh: "国际标准化比值（INR）或凝血酶原时间延长",
  },
});

/** The term of a case path, when the vocabulary has one (labs and tumour rows included). */
export function inputTerm(path: string): Term | undefined {
  const direct = INPUTS[path];
  if (direct) return direct;
  const lab = /^labs\.(\w+)$/.exec(path)?.[1];
  if (lab !== undefined && Object.hasOwn(LAB_TERMS, lab)) return LAB_TERMS[lab as keyof typeof LAB_TERMS];
  if (path === "height" || path === "weight") return LAB_TERMS[path];
  const row = /^tumors\.(\d+)\.(\w+)$/.exec(path);
  if (row) {
    const n = Number(row[1]) + 1;
    return row[2] === "diameterCm"
      ? { en: `tumour ${n} diameter`, zh: `第${n}个肿瘤直径` }
      : { en: `tumour ${n} ${row[2]}`, zh: `第${n}个肿瘤${row[2] === "segment" ? "肝段" : row[2]}` };
  }
  const parent = path.includes(".") ? INPUTS[path.slice(0, path.lastIndexOf("."))] : undefined;
  return parent;
}

/** The label of a case path in a language; the path itself when the vocabulary has no term. */
export function inputLabel(path: string, lang: Lang): string {
  return inputTerm(path)?.[lang] ?? path;
}

export const SEX_TERMS = terms<Sex>({ male: { en: "male", zh: "男" }, female: { en: "female", zh: "女" } });

export const ASCITES_TERMS = terms<Ascites>({
  none: { en: "none", zh: "无" },
  mild: { en: "mild", zh: "轻度" },
  "moderate-severe": { en: "moderate to severe", zh: "中重度" },
});

export const ENCEPHALOPATHY_TERMS = terms<Encephalopathy>({
  none: { en: "none", zh: "无" },
  "grade-1-2": { en: "grade 1–2", zh: "1～2级" },
  "grade-3-4": { en: "grade 3–4", zh: "3～4级" },
});

export const ETIOLOGY_TERMS = terms<Etiology>({
  HBV: { en: "hepatitis B (HBV)", zh: "乙型肝炎病毒（HBV）感染" },
  HCV: { en: "hepatitis C (HCV)", zh: "丙型肝炎病毒（HCV）感染" },
  alcohol: { en: "alcohol", zh: "酒精性肝病" },
  MASLD: { en: "MASLD", zh: "代谢相关脂肪性肝病（MASLD）" },
  other: { en: "other", zh: "其他" },
});

/** Portal vein tumour thrombus grades (Japanese Vp classification, used by the CNLC guideline). */
export const PORTAL_VEIN_TERMS = terms<PortalVeinGrade>({
  Vp1: { en: "Vp1 (third-order branches)", zh: "Vp1（门静脉三级分支）" },
  Vp2: { en: "Vp2 (second-order branches)", zh: "Vp2（门静脉二级分支）" },
  Vp3: { en: "Vp3 (first-order branch)", zh: "Vp3（门静脉一级分支）" },
  Vp4: { en: "Vp4 (main trunk or contralateral branch)", zh: "Vp4（门静脉主干或对侧一级分支）" },
});
