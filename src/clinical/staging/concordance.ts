/**
 * Where BCLC 2022 and CNLC disagree for one patient, and why (staging-treatment.md §2.4,
 * [CONFLICT]): both systems are shown side by side, never merged; this lists the rows of the
 * §2.4 table that apply, for the CLI report and the web view.
 *
 * Built from the two staging results only (no second computation). Rough prognostic
 * correspondence (§2.4): Ia ≈ 0/A, Ib ≈ A, IIa–IIb ≈ B, IIIa–IIIb ≈ C, IV ≈ D.
 */
import { cite } from "../evidence/index.js";
import { type Message, type MessageCode, message, type ParamsOf, render } from "../messages/catalogue.js";
import type { BclcResult } from "./bclc.js";
import type { CnlcResult } from "./cnlc.js";

export interface StagingDisagreement {
  /** Stable id of the §2.4 row. */
  readonly rule: string;
  readonly text: string;
  /** The row as data, for rendering in another language at the edge. */
  readonly message: Message;
  readonly citation: string;
}

const CITATION = cite("reig2022Bclc", "cnlc2022", "cnlc2024");

const EARLY_CNLC = new Set(["Ia", "Ib", "IIa", "IIb"]);

type RowCode = Extract<MessageCode, `concordance.${string}`>;

function row<C extends RowCode>(
  code: C,
  ...params: ParamsOf<C> extends Readonly<Record<string, never>> ? [] : [ParamsOf<C>]
): StagingDisagreement {
  const m = message(code, (params[0] ?? {}) as ParamsOf<C>);
  return { rule: code.slice("concordance.".length), text: render(m, "en"), message: m, citation: CITATION };
}

/** The §2.4 rows that apply to this pair of results (empty when they agree or cannot be compared). */
export function stagingDisagreements(bclc: BclcResult, cnlc: CnlcResult): StagingDisagreement[] {
  const out: StagingDisagreement[] = [];
  if (cnlc.status !== "ok") return out;
  const cs = cnlc.stage;
  if (bclc.status === "indeterminate") {
    if (bclc.missing.includes("liverFunctionPreserved")) {
      out.push(row("concordance.cp-b-no-decompensation", { cnlc: cs }));
    }
    return out;
  }
  if (bclc.status !== "ok") return out;
  const bs = bclc.stage;
  if (bs === "C" && EARLY_CNLC.has(cs)) {
    out.push(row("concordance.ecog-1-2-small-tumour", { cnlc: cs }));
  }
  if (bs === "D" && bclc.liverFunction === "not-preserved" && cs !== "IV") {
    out.push(row("concordance.decompensated-child-pugh-a-b", { cnlc: cs }));
  }
  if (bs !== "D" && cs === "IV") {
    out.push(row("concordance.ecog-as-given", { bclc: bs }));
  }
  if (bs === "A" && cs === "Ib" && cnlc.tumorCount === 1) {
    out.push(row("concordance.single-large"));
  }
  if (bs === "B" && cs === "IIa") {
    out.push(row("concordance.two-three-over-3cm"), row("concordance.intermediate-resection"));
  }
  if (bs === "B" && cs === "IIb") {
    out.push(row("concordance.four-or-more"));
  }
  if (bs === "C" && cs === "IIIa") {
    out.push(
      cnlc.subSituation === "main-trunk-thrombus"
        ? row("concordance.main-pvtt")
        : row("concordance.branch-pvtt"),
    );
  }
  if (bs === "C" && cs === "IIIb") {
    out.push(row("concordance.extrahepatic-spread"));
  }
  if (cnlc.options.includes("haic")) {
    out.push(row("concordance.haic"));
  }
  return out;
}
