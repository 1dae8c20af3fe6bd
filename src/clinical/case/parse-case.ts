/**
 * Parses an untrusted case (case-format.md) into a {@link ParsedCase}, returning every
 * field-level error at once. Absent fields stay absent: nothing unknown is assumed normal.
 */
import { ABSENT, type Field, type FieldError, present } from "../result.js";
import { LAB_ANALYTES, type LabAnalyte } from "../units/analytes.js";
import type { Quantity } from "../units/quantity.js";
import { readPostDownstaging, readTaceRefractoriness } from "./course-blocks.js";
import { dotted, isRecord, Reader } from "./reader.js";
import { readTherapyInputs } from "./therapy-inputs.js";
import {
  ABLATION_KEYS,
  ASCITES,
  BCLC_STAGES,
  BILIARY_KEYS,
  CHILD_PUGH_CLASSES,
  CONTRAINDICATION_KEYS,
  ENCEPHALOPATHY,
  ETIOLOGIES,
  type Etiology,
  EXTENDED_CRITERIA,
  HEPATIC_VEIN_GRADES,
  type ParsedCase,
  PORTAL_FLOW,
  PORTAL_VEIN_GRADES,
  SEXES,
  TACE_SUITABILITY_KEYS,
  type Tumor,
  type TumorSource,
  Y90_DEVICES,
  type Y90Input,
} from "./types.js";

/** Plausibility of diameters (scores.md §0.3: tumour 0–50 cm). */
export const MAX_TUMOR_DIAMETER_CM = 50;

export interface ParseOutcome {
  readonly parsed: ParsedCase;
  readonly errors: readonly FieldError[];
}

function booleans<const K extends string>(r: Reader, prefix: string, keys: readonly K[]) {
  const out = {} as Record<K, Field<boolean>>;
  for (const k of keys) out[k] = r.bool(dotted(prefix, k));
  return out;
}

function readTumors(r: Reader): Field<readonly Tumor[]> {
  const raw = r.raw("tumors");
  if (raw === undefined || raw === null) return ABSENT;
  if (!Array.isArray(raw)) return r.fail("tumors", "wrong-type", "tumors must be a list of nodules");
  if (raw.length === 0) {
    return r.fail("tumors", "empty-list", "tumors is an empty list; omit it when the tumours are unknown");
  }
  const tumors: Tumor[] = [];
  const errors: FieldError[] = [];
  raw.forEach((t, i) => {
    const path = `tumors.${i}`;
    if (!isRecord(t)) {
      const f = r.fail(path, "wrong-type", `${path} must be an object with diameterCm`);
      if (f.state === "invalid") errors.push(...f.errors);
      return;
    }
    let diameterCm: number | undefined;
    const d = t.diameterCm ?? t.diameter;
    const key = t.diameterCm !== undefined && t.diameterCm !== null ? "diameterCm" : "diameter";
    if (isRecord(d)) {
      const q = r.quantityValue(`${path}.${key}`, d, "diameter");
      if (q.state === "invalid") errors.push(...q.errors);
      else if (q.state === "present") diameterCm = q.value.canonical;
    } else if (d !== undefined && d !== null) {
      const f = r.checkNumber(`${path}.diameterCm`, d, 0, MAX_TUMOR_DIAMETER_CM, { unit: "cm" });
      if (f.state === "invalid") errors.push(...f.errors);
      else if (f.state === "present") {
        if (f.value === 0) {
          const z = r.fail<number>(
            `${path}.diameterCm`,
            "must-be-positive",
            `${path}.diameterCm must be greater than 0`,
          );
          if (z.state === "invalid") errors.push(...z.errors);
        } else diameterCm = f.value;
      }
    }
    const id = typeof t.id === "string" ? t.id : undefined;
    const segment = typeof t.segment === "string" ? t.segment : undefined;
    const source = readTumorSource(t.source, `${path}.source`, errors);
    tumors.push({ id, diameterCm, segment, ...(source ? { source } : {}) });
  });
  return errors.length > 0 ? { state: "invalid", errors } : present(tumors);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `tumors[].source`: `{"kind": "segmentation", "studyDate", "seriesInstanceUid", "volumeMl"}`. */
function readTumorSource(v: unknown, path: string, errors: FieldError[]): TumorSource | undefined {
  if (v === undefined || v === null) return undefined;
  const bad = (field: string, message: string) => {
    errors.push({ path: `${path}${field}`, code: "wrong-type", message });
    return undefined;
  };
  if (!isRecord(v) || v.kind !== "segmentation")
    return bad("", `${path} must be {"kind": "segmentation", ...}`);
  const { studyDate, seriesInstanceUid, volumeMl } = v;
  if (studyDate !== undefined && (typeof studyDate !== "string" || !ISO_DATE.test(studyDate)))
    return bad(".studyDate", `${path}.studyDate must be a date YYYY-MM-DD`);
  if (seriesInstanceUid !== undefined && typeof seriesInstanceUid !== "string")
    return bad(".seriesInstanceUid", `${path}.seriesInstanceUid must be a string`);
  if (volumeMl !== undefined && !(typeof volumeMl === "number" && volumeMl > 0 && volumeMl <= 10000))
    return bad(".volumeMl", `${path}.volumeMl must be a volume in mL, 0–10000`);
  return {
    kind: "segmentation",
    ...(studyDate !== undefined ? { studyDate } : {}),
    ...(seriesInstanceUid !== undefined ? { seriesInstanceUid } : {}),
    ...(volumeMl !== undefined ? { volumeMl } : {}),
  };
}

function readEtiology(r: Reader): Field<readonly Etiology[]> {
  const raw = r.raw("etiology");
  if (raw === undefined || raw === null) return ABSENT;
  const list = Array.isArray(raw) ? raw : [raw];
  const bad = list.filter((e) => !(ETIOLOGIES as readonly unknown[]).includes(e));
  if (bad.length > 0) {
    return r.fail(
      "etiology",
      "not-allowed",
      `etiology ${JSON.stringify(bad)} not allowed; use ${ETIOLOGIES.join(", ")}`,
    );
  }
  return present(list as Etiology[]);
}

/** Union of two known facts: true if either is true, false only if both are false. */
function union(a: Field<boolean>, b: Field<boolean>): Field<boolean> {
  if (a.state === "present" && a.value) return a;
  if (b.state === "present" && b.value) return b;
  if (a.state === "present" && b.state === "present") return present(false);
  return ABSENT;
}

/**
 * The `y90` block (case-format.md). Ranges are implementation guards, not clinical rules:
 * LSF 0–100 %, doses 0–2000 Gy, activity 0–30 GBq, volumes 1–10000 mL, lung mass 0.1–5 kg.
 */
function readY90(r: Reader): Y90Input {
  const p = (k: string) => dotted("y90", k);
  const positive = (k: string, max: number, unit: string): Field<number> => {
    const f = r.num(p(k), 0, max, { unit });
    if (f.state === "present" && f.value === 0) {
      return r.fail(p(k), "must-be-positive", `${p(k)} must be greater than 0`);
    }
    return f;
  };
  return {
    device: r.oneOf(p("device"), Y90_DEVICES),
    lungShuntFractionPercent: r.num(p("lungShuntFractionPercent"), 0, 100, { unit: "%" }),
    extrahepaticDepositionUncorrectable: r.bool(p("extrahepaticDepositionUncorrectable")),
    priorLungDoseGy: r.num(p("priorLungDoseGy"), 0, 2000, { unit: "Gy" }),
    plannedActivityGBq: positive("plannedActivityGBq", 30, "GBq"),
    liverVolumeMl: positive("liverVolumeMl", 10000, "mL"),
    tumorVolumeMl: r.num(p("tumorVolumeMl"), 0, 10000, { unit: "mL" }),
    perfusedVolumeMl: positive("perfusedVolumeMl", 10000, "mL"),
    targetDoseGy: positive("targetDoseGy", 2000, "Gy"),
    tumorToNormalRatio: positive("tumorToNormalRatio", 100, ""),
    targetNormalLiverDoseGy: positive("targetNormalLiverDoseGy", 2000, "Gy"),
    targetTumorDoseGy: positive("targetTumorDoseGy", 2000, "Gy"),
    lungMassKg: r.num(p("lungMassKg"), 0.1, 5, { unit: "kg" }),
  };
}

export function parseCase(input: unknown): ParseOutcome {
  if (!isRecord(input)) {
    const errors: FieldError[] = [
      { path: "", code: "not-an-object", message: "a case must be a JSON object" },
    ];
    return { parsed: parseCase({}).parsed, errors };
  }
  const r = new Reader(input);
  const labs = {} as Record<LabAnalyte, Field<Quantity>>;
  for (const a of LAB_ANALYTES) labs[a] = r.quantity(dotted("labs", a), a);

  const portalVein = r.oneOf("vascularInvasion.portalVein", PORTAL_VEIN_GRADES);
  const hepaticVein = r.oneOf("vascularInvasion.hepaticVein", HEPATIC_VEIN_GRADES);
  let mviPresent = r.bool("vascularInvasion.present");
  if (mviPresent.state === "present" && !mviPresent.value) {
    if (portalVein.state === "present" || hepaticVein.state === "present") {
      mviPresent = r.fail(
        "vascularInvasion.present",
        "inconsistent",
        "vascularInvasion.present is false but a portal or hepatic vein grade is given",
      );
    }
  } else if (
    mviPresent.state === "absent" &&
    (portalVein.state === "present" || hepaticVein.state === "present")
  ) {
    mviPresent = present(true); // a Vp/Vv grade is macrovascular invasion by definition
  }

  const nodalMetastasis = r.bool("nodalMetastasis");
  const distantMetastasis = r.bool("distantMetastasis");
  let extrahepaticSpread = r.bool("extrahepaticSpread");
  if (extrahepaticSpread.state === "absent") extrahepaticSpread = union(nodalMetastasis, distantMetastasis);
  else if (
    extrahepaticSpread.state === "present" &&
    !extrahepaticSpread.value &&
    ((nodalMetastasis.state === "present" && nodalMetastasis.value) ||
      (distantMetastasis.state === "present" && distantMetastasis.value))
  ) {
    extrahepaticSpread = r.fail(
      "extrahepaticSpread",
      "inconsistent",
      "extrahepaticSpread is false but nodal or distant metastasis is true",
    );
  }

  const tumors = readTumors(r);
  let tumorCountTotal = r.num("tumorCountTotal", 1, 1000, { integer: true });
  if (
    tumorCountTotal.state === "present" &&
    tumors.state === "present" &&
    tumorCountTotal.value < tumors.value.length
  ) {
    tumorCountTotal = r.fail(
      "tumorCountTotal",
      "inconsistent",
      `tumorCountTotal ${tumorCountTotal.value} is smaller than the ${tumors.value.length} nodules listed in tumors`,
    );
  }

  const ageYears = r.num("ageYears", 0, 120, { unit: "years" });
  const parsed: ParsedCase = {
    id: typeof input.id === "string" || typeof input.id === "number" ? String(input.id) : undefined,
    sex: r.oneOf("sex", SEXES),
    ageYears,
    ageAtListingYears: r.num("ageAtListingYears", 0, 120, { unit: "years" }),
    height: r.quantity("height", "height"),
    weight: r.quantity("weight", "weight"),
    ecog: r.num("ecog", 0, 4, { integer: true }),
    ecogCancerRelated: r.bool("ecogCancerRelated"),
    cirrhosis: r.bool("cirrhosis"),
    cholestaticDisease: r.bool("cholestaticDisease"),
    etiology: readEtiology(r),
    labs,
    bilirubinUpperLimitNormal: r.quantity("bilirubinUpperLimitNormal", "bilirubin"),
    ascites: r.oneOf("ascites", ASCITES),
    encephalopathy: r.oneOf("encephalopathy", ENCEPHALOPATHY),
    dialysis: r.bool("dialysis"),
    decompensation: {
      ...booleans(r, "decompensation", ["jaundice", "varicealBleeding", "hepatorenalSyndrome"] as const),
      varicealBleedingDate: r.date("decompensation.varicealBleedingDate"),
    },
    assessmentDate: r.date("assessmentDate"),
    childPughClass: r.oneOf("childPughClass", CHILD_PUGH_CLASSES),
    childPughPoints: r.num("childPughPoints", 5, 15, { integer: true }),
    liverFunctionPreserved: r.bool("liverFunctionPreserved"),
    clinicallySignificantPortalHypertension: r.bool("clinicallySignificantPortalHypertension"),
    portalFlow: r.oneOf("portalFlow", PORTAL_FLOW),
    tumors,
    tumorCountTotal,
    tumorLiverVolumePercent: r.num("tumorLiverVolumePercent", 0, 100, { unit: "%" }),
    infiltrative: r.bool("infiltrative"),
    vascularInvasion: {
      present: mviPresent,
      portalVein,
      hepaticVein,
      mainPortalVeinCompleteOcclusion: r.bool("vascularInvasion.mainPortalVeinCompleteOcclusion"),
      adequateCollaterals: r.bool("vascularInvasion.adequateCollaterals"),
      microvascular: r.bool("vascularInvasion.microvascular"),
    },
    extrahepaticSpread,
    nodalMetastasis,
    distantMetastasis,
    adjacentOrganInvasion: r.bool("adjacentOrganInvasion"),
    visceralPeritoneumPerforation: r.bool("visceralPeritoneumPerforation"),
    transplantCandidate: r.bool("transplantCandidate"),
    withinExtendedTransplantCriteria: r.bool("withinExtendedTransplantCriteria"),
    extendedTransplantCriterion: r.oneOf("extendedTransplantCriterion", EXTENDED_CRITERIA),
    contraindications: booleans(r, "contraindications", CONTRAINDICATION_KEYS),
    biliary: booleans(r, "biliary", BILIARY_KEYS),
    ablation: booleans(r, "ablation", ABLATION_KEYS),
    tace: {
      ...booleans(r, "tace", TACE_SUITABILITY_KEYS),
      childPughScoreBeforeFirst: r.num("tace.childPughScoreBeforeFirst", 5, 15, { integer: true }),
      childPughScoreBeforeSecond: r.num("tace.childPughScoreBeforeSecond", 5, 15, { integer: true }),
      astBeforeFirst: r.quantity("tace.astBeforeFirst", "ast"),
      astBeforeSecond: r.quantity("tace.astBeforeSecond", "ast"),
      radiologicResponse: r.bool("tace.radiologicResponse"),
      mrecistObjectiveResponse: r.bool("tace.mrecistObjectiveResponse"),
    },
    y90: readY90(r),
    lifeExpectancyMonths: r.num("lifeExpectancyMonths", 0, 1200, { unit: "months" }),
    bclcStage: r.oneOf("bclcStage", BCLC_STAGES),
    taceRefractoriness: readTaceRefractoriness(r),
    postDownstaging: readPostDownstaging(r),
    therapy: readTherapyInputs(r),
  };
  return { parsed, errors: r.errors };
}
