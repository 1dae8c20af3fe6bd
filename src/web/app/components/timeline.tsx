import { isRegimenCode } from "../../../clinical/therapy/catalogue.js";
import { treatmentLines, UNCODED_REGIMEN } from "../../../clinical/therapy/lines.js";
import {
  inputLabel,
  type Lang,
  LINE_KIND_TERMS,
  lineLabel,
  REGIMEN_TERMS,
} from "../../../clinical/vocabulary/index.js";
import { ECOG_LOINC, FINDINGS } from "../../../fhir/codes.js";
import type { ApiRecord } from "../api.js";
import { date, num, str } from "../format.js";
import { useLang } from "../i18n.js";
import { ANALYTE_OF_CODE, capitalised, labLabel, unitLabel } from "../labs.js";

export interface PatientRecords {
  readonly observations: readonly ApiRecord[];
  readonly imaging: readonly ApiRecord[];
  readonly procedures: readonly ApiRecord[];
  readonly systemic: readonly ApiRecord[];
}

interface Event {
  readonly when: string;
  readonly kind: "labs" | "imaging" | "procedure" | "systemic" | "toxicity";
  readonly text: string;
}

const KIND_LABEL: Readonly<Record<Event["kind"], string>> = {
  labs: "Labs and findings",
  imaging: "Imaging",
  procedure: "Procedure",
  systemic: "Systemic therapy",
  toxicity: "Adverse event",
};

const list = (x: unknown): readonly ApiRecord[] => (Array.isArray(x) ? (x as ApiRecord[]) : []);

function regimenName(s: ApiRecord, lang: Lang): string {
  const code = str(s.regimen);
  return code !== undefined && isRegimenCode(code)
    ? REGIMEN_TERMS[code][lang]
    : (str(s.agent) ?? "systemic therapy");
}

/** "lenvatinib: 5 cycles, reduced from cycle 3 (CTCAE grade 3); stopped 2024-04-20 (progression)". */
function systemicText(s: ApiRecord, lang: Lang): string {
  const cycles = list(s.cycles);
  const numbers = new Set(cycles.map((c) => num(c.number)));
  const changes = cycles
    .filter((c) => str(c.doseChange) !== undefined && str(c.doseChange) !== "standard")
    .map(
      (c) =>
        `${str(c.doseChange)} at cycle ${num(c.number)}${num(c.ctcaeGrade) ? ` (CTCAE grade ${num(c.ctcaeGrade)})` : ""}`,
    );
  const unique = [...new Set(changes)];
  const stop = s.stoppedOn
    ? `, stopped ${date(s.stoppedOn)}${str(s.stopReasonCode) ? ` (${str(s.stopReasonCode)})` : ""}`
    : "";
  const detail =
    numbers.size > 0 ? `: ${numbers.size} cycle(s)${unique.length > 0 ? `, ${unique.join(", ")}` : ""}` : "";
  return `${regimenName(s, lang)} started${detail}${stop}`;
}

function observationText(o: ApiRecord, lang: Lang): string {
  const code = str(o.code) ?? "";
  const analyte = ANALYTE_OF_CODE.get(code);
  const label =
    code === ECOG_LOINC
      ? "ECOG"
      : analyte
        ? labLabel(analyte, lang)
        : FINDINGS[code]
          ? capitalised(inputLabel(FINDINGS[code].path, lang))
          : code;
  const value = num(o.value);
  if (value !== undefined) return `${label} ${value}${o.unit ? ` ${unitLabel(String(o.unit))}` : ""}`;
  const v = str(o.valueCode);
  return `${label}: ${v === "true" ? "yes" : v === "false" ? "no" : (v ?? "—")}`;
}

/** Labs, imaging, procedures and systemic therapy on one dated list (newest first). */
export function Timeline({ records }: { records: PatientRecords }) {
  const lang = useLang();
  const labsByDay = new Map<string, string[]>();
  for (const o of records.observations) {
    const day = date(o.effectiveAt);
    labsByDay.set(day, [...(labsByDay.get(day) ?? []), observationText(o, lang)]);
  }
  const events: Event[] = [
    ...[...labsByDay].map(([when, items]) => ({ when, kind: "labs" as const, text: items.join(" · ") })),
    ...records.imaging.map((i) => ({
      when: date(i.studyDate),
      kind: "imaging" as const,
      text: `${str(i.modality) ?? "imaging"}${i.phase ? ` (${String(i.phase)})` : ""}: ${Array.isArray(i.measurements) ? i.measurements.length : 0} lesion(s) measured`,
    })),
    ...records.procedures.map((p) => ({
      when: date(p.performedOn),
      kind: "procedure" as const,
      text: [str(p.modality)?.toUpperCase(), str(p.selectivity), str(p.embolicAgent), str(p.embolicEndPoint)]
        .filter(Boolean)
        .join(" · "),
    })),
    ...records.systemic.map((s) => ({
      when: date(s.startedOn),
      kind: "systemic" as const,
      text: systemicText(s, lang),
    })),
    ...records.systemic.flatMap((s) =>
      list(s.adverseEvents).map((e) => ({
        when: date(e.onsetOn),
        kind: "toxicity" as const,
        text: `${str(e.ctcaeTerm) ?? "adverse event"}, CTCAE grade ${num(e.grade) ?? "?"} (${regimenName(s, lang)})`,
      })),
    ),
    ...records.procedures.flatMap((p) =>
      list(p.complications).map((c) => ({
        when: date(c.onsetOn ?? p.performedOn),
        kind: "toxicity" as const,
        text: `${str(c.description) ?? "complication"}, CIRSE grade ${num(c.cirseGrade) ?? "?"} (${str(p.modality)?.toUpperCase() ?? "procedure"})`,
      })),
    ),
  ].sort((a, b) => (a.when < b.when ? 1 : a.when > b.when ? -1 : 0));

  const lines = treatmentLines(
    records.procedures.map((p) => ({ modality: str(p.modality) ?? "other", on: date(p.performedOn) })),
    records.systemic.map((s) => ({
      regimen: str(s.regimen) ?? UNCODED_REGIMEN,
      start: date(s.startedOn),
      stop: s.stoppedOn ? date(s.stoppedOn) : null,
    })),
  );
  return (
    <section className="card" aria-labelledby="timeline-h">
      <h2 id="timeline-h">Timeline</h2>
      {lines.length > 0 && (
        <ol className="lines" data-testid="treatment-lines" aria-label="Treatment lines">
          {lines.map((l) => (
            <li key={l.number}>
              Line {l.number}: <strong>{lineLabel(l.code, lang)}</strong> ({LINE_KIND_TERMS[l.kind][lang]}),{" "}
              {l.start} – {l.end}
            </li>
          ))}
        </ol>
      )}
      {events.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <ol className="timeline">
          {events.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: events of a day may repeat text
            <li key={i} className={`ev ev-${e.kind}`}>
              <time dateTime={e.when}>{e.when}</time> <span className="ev-kind">{KIND_LABEL[e.kind]}</span>{" "}
              {e.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
