/**
 * AJCC 8th edition TNM for hepatocellular carcinoma (staging-treatment.md §3.1).
 *
 * T1a solitary ≤ 2 cm (with or without vascular invasion); T1b solitary > 2 cm without
 * vascular invasion; T2 solitary > 2 cm with vascular invasion, or multiple none > 5 cm; T3
 * multiple with at least one > 5 cm; T4 involvement of a major branch of the portal or hepatic
 * vein, direct invasion of adjacent organs other than the gallbladder, or perforation of the
 * visceral peritoneum. N1 regional nodes; M1 distant metastasis.
 * Groups: IA T1a N0 M0; IB T1b N0 M0; II T2 N0 M0; IIIA T3 N0 M0; IIIB T4 N0 M0; IVA any T N1 M0;
 * IVB any T any N M1.
 *
 * [DECISION] §3.1: major branch = Vp3/Vp4 or Vv2/Vv3; Vp1–2/Vv1 are vascular invasion without
 * major-branch involvement (→ T2 for a solitary > 2 cm tumour; multiple tumours are T2/T3 by
 * size anyway).
 * [JUDGEMENT] §3.1 [review 2026-11-28]: "vascular invasion" in T1b/T2 includes microscopic
 * invasion. A clinically staged solitary > 2 cm tumour without pathology
 * (`vascularInvasion.microvascular` not given, no macrovascular invasion) is cT1b, stage IB, by
 * TNM's rule "when in doubt, assign the lower category"; the output says pathology may upgrade
 * it to T2 (earlier drafts returned indeterminate).
 * [DECISION] `nodalMetastasis`/`distantMetastasis` are read as N0/M0 when `extrahepaticSpread`
 * is false (the parser derives extrahepatic spread as their union).
 */
import type { ParsedCase } from "../case/types.js";
import { describeBurden, sizesMissingPath, type TumorBurden, tumorBurden } from "../criteria/burden.js";
import { cite } from "../evidence/index.js";
import { type Field, type FieldError, indeterminate, invalid, type RuleResult } from "../result.js";

export const AJCC8_RULE = "ajcc8";
const CITATION = cite("ajcc8Liver");

export type AjccT = "T1a" | "T1b" | "T2" | "T3" | "T4";
export type AjccN = "N0" | "N1";
export type AjccM = "M0" | "M1";
export type AjccStageGroup = "IA" | "IB" | "II" | "IIIA" | "IIIB" | "IVA" | "IVB";

/** T1a: solitary ≤ 2.0 cm (inclusive). */
export const AJCC_T1A_MAX_CM = 2.0;
/** T2 vs T3 for multiple tumours: none > 5.0 cm. */
export const AJCC_T3_CM = 5.0;

export interface Ajcc8Values {
  /** T category; `null` only when M1 decides the group without it. */
  readonly T: AjccT | null;
  readonly N: AjccN | null;
  readonly M: AjccM;
  readonly stageGroup: AjccStageGroup;
  /** Clinical (imaging) T for a solitary > 2 cm tumour without pathology: pathology may upgrade. */
  readonly clinicalOnly: boolean;
}

export type Ajcc8Result = RuleResult<Ajcc8Values>;

type Part<T> = { readonly value: T; readonly why: string } | { readonly missing: readonly string[] };

const MAJOR_PORTAL = new Set(["Vp3", "Vp4"]);
const MAJOR_HEPATIC = new Set(["Vv2", "Vv3"]);

function tCategory(c: ParsedCase, b: TumorBurden | undefined): Part<AjccT> & { clinicalOnly?: boolean } {
  const vi = c.vascularInvasion;
  const t4: string[] = [];
  if (vi.portalVein.state === "present" && MAJOR_PORTAL.has(vi.portalVein.value)) {
    t4.push(`portal vein ${vi.portalVein.value} (major branch)`);
  }
  if (vi.hepaticVein.state === "present" && MAJOR_HEPATIC.has(vi.hepaticVein.value)) {
    t4.push(`hepatic vein ${vi.hepaticVein.value} (major branch)`);
  }
  if (c.adjacentOrganInvasion.state === "present" && c.adjacentOrganInvasion.value) {
    t4.push("invasion of adjacent organs");
  }
  if (c.visceralPeritoneumPerforation.state === "present" && c.visceralPeritoneumPerforation.value) {
    t4.push("perforation of visceral peritoneum");
  }
  if (t4.length > 0) return { value: "T4", why: `T4: ${t4.join(", ")}` };

  // T4 must be excluded: no macrovascular invasion, or a grade that is not a major branch.
  const missing: string[] = [];
  const macro = vi.present;
  const gradedMinor = vi.portalVein.state === "present" || vi.hepaticVein.state === "present";
  if (macro.state === "absent") missing.push("vascularInvasion.present");
  else if (macro.state === "present" && macro.value && !gradedMinor)
    missing.push("vascularInvasion.portalVein");
  if (c.adjacentOrganInvasion.state === "absent") missing.push("adjacentOrganInvasion");
  if (c.visceralPeritoneumPerforation.state === "absent") missing.push("visceralPeritoneumPerforation");

  if (!b) return { missing: ["tumors", ...missing] };
  const d = describeBurden(b);
  const largest = b.largestKnownCm;
  let size: Part<AjccT> & { clinicalOnly?: boolean };
  if (b.count === 1) {
    if (largest === undefined) size = { missing: [sizesMissingPath(b)] };
    else if (largest <= AJCC_T1A_MAX_CM)
      size = { value: "T1a", why: `T1a: solitary ${largest} cm (≤ ${AJCC_T1A_MAX_CM} cm)` };
    else if (macro.state === "present" && macro.value) {
      size = {
        value: "T2",
        why: `T2: solitary ${largest} cm (> ${AJCC_T1A_MAX_CM} cm) with vascular invasion (not a major branch)`,
      };
    } else {
      const micro = vi.microvascular;
      if (micro.state === "present" && micro.value) {
        size = {
          value: "T2",
          why: `T2: solitary ${largest} cm (> ${AJCC_T1A_MAX_CM} cm) with microvascular invasion on pathology`,
        };
      } else if (micro.state === "present") {
        size = {
          value: "T1b",
          why: `T1b: solitary ${largest} cm (> ${AJCC_T1A_MAX_CM} cm) without vascular invasion (pathology)`,
        };
      } else {
        size = {
          value: "T1b",
          why: `cT1b: solitary ${largest} cm (> ${AJCC_T1A_MAX_CM} cm), no macrovascular invasion on imaging, microvascular invasion unknown — lower category when in doubt; pathology may upgrade to T2`,
          clinicalOnly: true,
        };
      }
    }
  } else if (largest !== undefined && largest > AJCC_T3_CM) {
    size = { value: "T3", why: `T3: ${d}, at least one > ${AJCC_T3_CM} cm` };
  } else if (b.unmeasured > 0) size = { missing: [sizesMissingPath(b)] };
  else size = { value: "T2", why: `T2: ${d}, none > ${AJCC_T3_CM} cm` };

  if ("missing" in size || missing.length > 0) {
    return { missing: [...("missing" in size ? size.missing : []), ...missing] };
  }
  return size;
}

function nodal(c: ParsedCase): Part<AjccN> {
  const n = c.nodalMetastasis;
  if (n.state === "present")
    return n.value ? { value: "N1", why: "N1: regional nodes" } : { value: "N0", why: "N0" };
  if (c.extrahepaticSpread.state === "present" && !c.extrahepaticSpread.value) {
    return { value: "N0", why: "N0 (no extrahepatic spread)" };
  }
  return { missing: ["nodalMetastasis"] };
}

function distant(c: ParsedCase): Part<AjccM> {
  const m = c.distantMetastasis;
  if (m.state === "present")
    return m.value ? { value: "M1", why: "M1: distant metastasis" } : { value: "M0", why: "M0" };
  if (c.extrahepaticSpread.state === "present" && !c.extrahepaticSpread.value) {
    return { value: "M0", why: "M0 (no extrahepatic spread)" };
  }
  return { missing: ["distantMetastasis"] };
}

const T_GROUP: Readonly<Record<AjccT, AjccStageGroup>> = {
  T1a: "IA",
  T1b: "IB",
  T2: "II",
  T3: "IIIA",
  T4: "IIIB",
};

export function ajcc8(c: ParsedCase): Ajcc8Result {
  const burden = tumorBurden(c);
  const vi = c.vascularInvasion;
  const read: Field<unknown>[] = [
    burden,
    vi.present,
    vi.portalVein,
    vi.hepaticVein,
    vi.microvascular,
    c.adjacentOrganInvasion,
    c.visceralPeritoneumPerforation,
    c.nodalMetastasis,
    c.distantMetastasis,
    c.extrahepaticSpread,
  ];
  const errors: FieldError[] = read.flatMap((f) => (f.state === "invalid" ? [...f.errors] : []));
  if (errors.length > 0) return invalid(AJCC8_RULE, CITATION, errors);

  const b = burden.state === "present" ? burden.value : undefined;
  const t = tCategory(c, b);
  const n = nodal(c);
  const m = distant(c);
  const tValue = "value" in t ? t.value : null;
  const nValue = "value" in n ? n.value : null;
  const ok = (
    T: AjccT | null,
    N: AjccN | null,
    M: AjccM,
    group: AjccStageGroup,
    why: string,
  ): Ajcc8Result => ({
    status: "ok",
    rule: AJCC8_RULE,
    T,
    N,
    M,
    stageGroup: group,
    clinicalOnly: "value" in t && t.clinicalOnly === true,
    reason: `AJCC 8th stage ${group}: ${why}.`,
    citation: CITATION,
    ...("value" in t && t.clinicalOnly
      ? {
          assumptions: [
            "microvascular invasion not known (no pathology): clinical T1b assigned (AJCC 8th ed.: the lower category when in doubt); pathology may upgrade to T2/stage II",
          ],
        }
      : {}),
  });

  if ("value" in m && m.value === "M1") {
    return ok(tValue, nValue, "M1", "IVB", `${m.why} → IVB (any T, any N)`);
  }
  if ("value" in n && n.value === "N1" && "value" in m) {
    return ok(tValue, "N1", "M0", "IVA", `${n.why}, M0 → IVA (any T)`);
  }
  const missing = [
    ...("missing" in t ? t.missing : []),
    ...("missing" in n ? n.missing : []),
    ...("missing" in m ? m.missing : []),
  ];
  if (missing.length > 0 || tValue === null || nValue === null || !("value" in m)) {
    return indeterminate(AJCC8_RULE, CITATION, [...new Set(missing)]);
  }
  const group = T_GROUP[tValue];
  return ok(tValue, nValue, m.value, group, `${"why" in t ? t.why : ""}; ${nValue}; ${m.value}`);
}
