/**
 * The CDS Hooks 2.0 card (https://cds-hooks.hl7.org/2.0/#card-attributes): `uuid`, a `summary`
 * under 140 characters, `indicator`, `source`, `detail` (stages with their rule and source, the
 * interventional options, the inputs used with their dates and where they came from, what is
 * missing), one `suggestion` (record the BCLC stage in the chart) and a `smart` link that launches
 * the web app into the patient. Labels come from the vocabulary (src/clinical/vocabulary).
 */
import { randomUUID } from "node:crypto";
import type { Assessment } from "../../clinical/assess.js";
import { MODALITIES } from "../../clinical/eligibility/index.js";
import type { FindingNote } from "../../clinical/terminology/index.js";
import { inputLabel, MODALITY_TERMS, OPTION_TERMS } from "../../clinical/vocabulary/index.js";
import { BCLC_SYSTEM, STAGE_TYPE_SYSTEM } from "../../fhir/codes.js";
import type { EhrCase } from "./ehr-case.js";

/** CDS Hooks 2.0: "summary: ... SHOULD be less than 140 characters". */
export const SUMMARY_MAX = 139;

type Loose = Record<string, unknown>;
const asRecord = (v: unknown): Loose => (typeof v === "object" && v !== null ? (v as Loose) : {});

const NOTE_TEXT: Readonly<Record<FindingNote, string>> = {
  "ascites-grade-not-coded":
    "ascites is recorded without a grade (mild / moderate / severe): ascites left missing",
  "encephalopathy-grade-not-coded":
    "hepatic encephalopathy is recorded without a West Haven grade: encephalopathy left missing",
  "portal-vein-thrombosis-not-invasion":
    "portal vein thrombosis is recorded, but not as tumour thrombus: macrovascular invasion not inferred",
  "liver-metastasis-intrahepatic":
    "a secondary neoplasm of the liver is intrahepatic: not read as extrahepatic spread",
  "tnm-t-does-not-decide-invasion":
    "the clinical T category does not decide macrovascular invasion (only cT1b excludes it, AJCC 8th ed.)",
};

export interface CardLinks {
  /** The service's public URL (card source). */
  readonly serviceUrl: string;
  /** The SMART launch URL of the web app. */
  readonly launchUrl: string;
  /** Registry patient id when the EHR patient is linked to one by identifier. */
  readonly registryPatientId: string | null;
}

function trimSummary(s: string): string {
  return s.length > SUMMARY_MAX ? `${s.slice(0, SUMMARY_MAX - 1)}…` : s;
}

const stageOf = (r: Loose) => (r.status === "ok" ? String(r.stage) : "undetermined");

/** The card for one assessment of EHR data. */
export function cardOf(a: Assessment, ehr: EhrCase, links: CardLinks, asOf: string): Loose {
  const bclc = asRecord(a.bclc);
  const cnlc = asRecord(a.cnlc);
  const options = (r: Loose) =>
    Array.isArray(r.options) && r.options.length > 0
      ? r.options.map((o) => OPTION_TERMS[o as keyof typeof OPTION_TERMS]?.en ?? String(o)).join(", ")
      : "—";
  const eligible: string[] = [];
  const caution: string[] = [];
  for (const modality of MODALITIES) {
    const intl = a.eligibility[modality].intl;
    if (intl.status !== "ok") continue;
    const label = MODALITY_TERMS[modality].en;
    if (intl.verdict === "eligible") eligible.push(label);
    else if (intl.verdict === "relative-contraindication") caution.push(label);
  }
  const missing = new Set<string>();
  for (const r of [bclc, cnlc])
    if (Array.isArray(r.missing)) for (const m of r.missing) missing.add(inputLabel(String(m), "en"));
  const determined = bclc.status === "ok" && cnlc.status === "ok";
  const summary = trimSummary(
    `HCC: BCLC ${stageOf(bclc)}, CNLC ${stageOf(cnlc)}${eligible.length > 0 ? ` — eligible: ${eligible.slice(0, 3).join(", ")}` : ""}`,
  );
  const used = [
    ...ehr.derived.observationsUsed.map(
      (o) =>
        `${inputLabel(o.path, "en")} ${o.value ?? o.valueCode ?? ""}${o.unit ? ` ${o.unit}` : ""} ${o.effectiveAt.slice(0, 10)} (${o.id})`,
    ),
    ...ehr.fromFindings.map(
      (f) => `${inputLabel(f.path, "en")} ${String(f.value)} ${f.date.slice(0, 10)} (${f.from})`,
    ),
    ...(ehr.derived.imagingUsed
      ? [`tumour size ${ehr.derived.imagingUsed.studyDate} (mCODE TumorSize)`]
      : []),
  ];
  const detail = [
    `**BCLC ${stageOf(bclc)}** — options: ${options(bclc)}. ${typeof bclc.reason === "string" ? bclc.reason : ""}`,
    `**CNLC ${stageOf(cnlc)}** — options: ${options(cnlc)}. ${typeof cnlc.reason === "string" ? cnlc.reason : ""}`,
    `**Interventional options (international profile)** — eligible: ${eligible.join(", ") || "none determined"}${caution.length > 0 ? `; with relative contraindications: ${caution.join(", ")}` : ""}.`,
    ...(missing.size > 0 ? [`**Cannot determine — missing:** ${[...missing].join(", ")}.`] : []),
    ...(ehr.hcc
      ? []
      : ["**No HCC diagnosis** (ICD-10 C22.0 / SNOMED CT 25370001) among the EHR's conditions."]),
    ...(ehr.notes.length > 0
      ? [
          `**Not read:** ${[...new Set(ehr.notes.map((n) => `${NOTE_TEXT[n.note]} (${n.from})`))].join("; ")}.`,
        ]
      : []),
    `**Read from the EHR** (last ${ehr.derived.windowDays} days up to ${asOf}; conditions by their clinical status): ${used.join("; ") || "nothing"}.`,
    `Rules ${a.rulesVersion}. **Sources:** ${[bclc.citation, cnlc.citation, ...ehr.citations].filter((c) => typeof c === "string").join(" · ")}`,
    `_${a.notice}_`,
  ].join("\n\n");
  const suggestions =
    bclc.status === "ok"
      ? [
          {
            label: `Record BCLC stage ${String(bclc.stage)} in the chart`,
            uuid: randomUUID(),
            isRecommended: false,
            actions: [
              {
                type: "create",
                description: `Draft observation: BCLC stage ${String(bclc.stage)} (Hepatica ${a.rulesVersion})`,
                resource: {
                  resourceType: "Observation",
                  status: "preliminary",
                  code: { coding: [{ system: STAGE_TYPE_SYSTEM, code: "bclc", display: "BCLC stage" }] },
                  subject: { reference: `Patient/${ehr.derived.case.id}` },
                  effectiveDateTime: asOf,
                  valueCodeableConcept: { coding: [{ system: BCLC_SYSTEM, code: String(bclc.stage) }] },
                },
              },
            ],
          },
        ]
      : [];
  return {
    uuid: randomUUID(),
    summary,
    indicator: determined && a.status === "ok" ? "info" : "warning",
    detail,
    source: {
      label: "Hepatica — HCC decision support",
      url: links.serviceUrl,
      topic: {
        system: "https://hepatica.dev/fhir/CodeSystem/card-topic",
        code: "hcc-assessment",
        display: "HCC assessment",
      },
    },
    ...(suggestions.length > 0 ? { suggestions, selectionBehavior: "at-most-one" } : {}),
    links: [
      {
        label: "Open the HCC assessment in Hepatica",
        url: links.launchUrl,
        type: "smart",
        ...(links.registryPatientId
          ? { appContext: JSON.stringify({ registryPatientId: links.registryPatientId }) }
          : {}),
      },
    ],
  };
}

/** The card when the patient's data could not be read from the EHR: says what, decides nothing. */
export function unavailableCard(what: readonly string[], links: CardLinks): Loose {
  return {
    uuid: randomUUID(),
    summary: trimSummary(`HCC assessment unavailable: EHR data could not be read (${what.join(", ")})`),
    indicator: "warning",
    detail: `Hepatica could not read ${what.join(", ")} from the EHR's FHIR server, so it did not stage the patient. Nothing was assumed.`,
    source: { label: "Hepatica — HCC decision support", url: links.serviceUrl },
    links: [{ label: "Open Hepatica", url: links.launchUrl, type: "smart" }],
  };
}
