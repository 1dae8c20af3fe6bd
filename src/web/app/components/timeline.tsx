import { inputLabel, type Lang } from "../../../clinical/vocabulary/index.js";
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
  readonly kind: "labs" | "imaging" | "procedure" | "systemic";
  readonly text: string;
}

const KIND_LABEL: Readonly<Record<Event["kind"], string>> = {
  labs: "Labs and findings",
  imaging: "Imaging",
  procedure: "Procedure",
  systemic: "Systemic therapy",
};

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
      text: `${str(s.agent) ?? "systemic therapy"} started${s.stoppedOn ? `, stopped ${date(s.stoppedOn)}` : ""}`,
    })),
  ].sort((a, b) => (a.when < b.when ? 1 : a.when > b.when ? -1 : 0));

  return (
    <section className="card" aria-labelledby="timeline-h">
      <h2 id="timeline-h">Timeline</h2>
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
