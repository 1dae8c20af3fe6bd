/**
 * Where BCLC 2022 and CNLC disagree for one patient, and why (staging-treatment.md §2.4,
 * [CONFLICT]): both systems are shown side by side, never merged; this lists the rows of the
 * §2.4 table that apply, for the CLI report and the web view.
 *
 * Built from the two staging results only (no second computation). Rough prognostic
 * correspondence (§2.4): Ia ≈ 0/A, Ib ≈ A, IIa–IIb ≈ B, IIIa–IIIb ≈ C, IV ≈ D.
 */
import { cite } from "../evidence/index.js";
import type { BclcResult } from "./bclc.js";
import type { CnlcResult } from "./cnlc.js";

export interface StagingDisagreement {
  /** Stable id of the §2.4 row. */
  readonly rule: string;
  readonly text: string;
  readonly citation: string;
}

const CITATION = cite("reig2022Bclc", "cnlc2022", "cnlc2024");

const EARLY_CNLC = new Set(["Ia", "Ib", "IIa", "IIb"]);

function row(rule: string, text: string): StagingDisagreement {
  return { rule, text, citation: CITATION };
}

/** The §2.4 rows that apply to this pair of results (empty when they agree or cannot be compared). */
export function stagingDisagreements(bclc: BclcResult, cnlc: CnlcResult): StagingDisagreement[] {
  const out: StagingDisagreement[] = [];
  if (cnlc.status !== "ok") return out;
  const cs = cnlc.stage;
  if (bclc.status === "indeterminate") {
    if (bclc.missing.includes("liverFunctionPreserved")) {
      out.push(
        row(
          "cp-b-no-decompensation",
          `Child-Pugh B without decompensation: BCLC 2022 gives no rule (clinician must state whether liver function is preserved); CNLC stages I–III are allowed (CNLC ${cs}).`,
        ),
      );
    }
    return out;
  }
  if (bclc.status !== "ok") return out;
  const bs = bclc.stage;
  if (bs === "C" && EARLY_CNLC.has(cs)) {
    out.push(
      row(
        "ecog-1-2-small-tumour",
        `Cancer-related ECOG 1–2: BCLC C (systemic therapy) while CNLC stages by tumour (${cs}); BCLC asks whether the performance status is cancer-related.`,
      ),
    );
  }
  if (bs === "D" && bclc.liverFunction === "not-preserved" && cs !== "IV") {
    out.push(
      row(
        "decompensated-child-pugh-a-b",
        `Decompensation (e.g. Child-Pugh A with mild ascites or encephalopathy): BCLC D (non-preserved liver function) while CNLC stages by Child-Pugh class and tumour (${cs}).`,
      ),
    );
  }
  if (bs !== "D" && cs === "IV") {
    out.push(
      row(
        "ecog-as-given",
        `CNLC IV from ECOG as given (no cancer-related qualifier) while BCLC ${bs} counts only cancer-related performance status.`,
      ),
    );
  }
  if (bs === "A" && cs === "Ib" && cnlc.tumorCount === 1) {
    out.push(
      row(
        "single-large",
        "Single tumour > 5 cm: BCLC A (resection) vs CNLC Ib (resection first, TACE also listed).",
      ),
    );
  }
  if (bs === "B" && cs === "IIa") {
    out.push(
      row(
        "two-three-over-3cm",
        "2–3 nodules with one > 3 cm: BCLC B (TACE or transplant) vs CNLC IIa (resection first); the surgical option appears only under CNLC.",
      ),
      row(
        "intermediate-resection",
        "Resection for intermediate-stage disease: not first line in BCLC; first line in CNLC IIa.",
      ),
    );
  }
  if (bs === "B" && cs === "IIb") {
    out.push(row("four-or-more", "≥ 4 nodules: BCLC B vs CNLC IIb (TACE first, surgery in selected cases)."));
  }
  if (bs === "C" && cs === "IIIa") {
    out.push(
      cnlc.subSituation === "main-trunk-thrombus"
        ? row(
            "main-pvtt",
            "Main portal vein thrombus (Vp4): BCLC C (systemic) vs CNLC IIIa (HAIC, systemic, radiotherapy; TACE only when not completely occluded or with collaterals).",
          )
        : row(
            "branch-pvtt",
            "Vascular invasion without main-trunk thrombus: BCLC C (systemic) vs CNLC IIIa (TACE/HAIC/systemic/radiotherapy, resection in selected); the cn eligibility profile allows TACE.",
          ),
    );
  }
  if (bs === "C" && cs === "IIIb") {
    out.push(
      row(
        "extrahepatic-spread",
        "Extrahepatic spread: BCLC C (systemic) vs CNLC IIIb (systemic ± locoregional therapy).",
      ),
    );
  }
  if (cnlc.options.includes("haic")) {
    out.push(
      row(
        "haic",
        "HAIC (FOLFOX) is a CNLC option but not in the BCLC algorithm; the safety verdict is shown under both profiles, with an endorsement note under intl.",
      ),
    );
  }
  return out;
}
