/**
 * Treatment lines derived from the record: a patient's locoregional procedures and systemic
 * regimens, in time, cut into lines so that a course reads "TACE alone", then "TACE +
 * lenvatinib". Pure.
 *
 * Rule [DECISION — no published algorithm defines it; the choice follows how combination trials
 * count treatment: LAUNCH gave TACE on day 1 of lenvatinib, EMERALD-1 and LEAP-012 started the
 * drugs within weeks of the first TACE]:
 * - a systemic regimen is active from its start to its stop (or to the end of the record when it
 *   has none); a procedure up to {@link COMBINATION_WINDOW_DAYS} days before a regimen starts
 *   belongs to that regimen's line (the drug was planned with it);
 * - the timeline is cut where a regimen starts or stops; each piece holding at least one
 *   treatment is a line; consecutive pieces without a regimen form one line;
 * - a line is labelled by its locoregional families (TACE, HAIC, TARE, ablation, resection,
 *   transplant, radiotherapy) and its regimen: "TACE + lenvatinib", "TACE alone",
 *   "lenvatinib alone".
 */

/** A procedure within this many days before a regimen starts is part of the regimen's line. */
export const COMBINATION_WINDOW_DAYS = 30;

/** Families a line code is made of; `systemic-uncoded` stands for a regimen recorded as free text. */
export type LocoregionalFamily =
  | "TACE"
  | "HAIC"
  | "TARE"
  | "ablation"
  | "resection"
  | "transplant"
  | "radiotherapy"
  | "other"
  | "systemic-uncoded";

/** The regimen code of a systemic therapy recorded without a catalogue regimen (free text never leaves). */
export const UNCODED_REGIMEN = "systemic-uncoded";

/** Locoregional families of the stored procedure modalities (src/store/entities.ts). */
export const LOCOREGIONAL_FAMILY: Readonly<Record<string, LocoregionalFamily>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, LocoregionalFamily>, {
    ctace: "TACE",
    debtace: "TACE",
    tae: "TACE",
    haic: "HAIC",
    "tare-resin": "TARE",
    "tare-glass": "TARE",
    "thermal-ablation": "ablation",
    "radiofrequency-ablation": "ablation",
    "microwave-ablation": "ablation",
    cryoablation: "ablation",
    resection: "resection",
    "liver-transplant": "transplant",
    radiotherapy: "radiotherapy",
  }),
);

export interface ProcedureEvent {
  readonly modality: string;
  /** YYYY-MM-DD. */
  readonly on: string;
}

export interface RegimenEvent {
  /** Catalogue regimen code, or the recorded agent when no regimen is coded. */
  readonly regimen: string;
  readonly start: string;
  readonly stop: string | null;
}

export interface TreatmentLine {
  /** 1-based. */
  readonly number: number;
  readonly start: string;
  /** The last treatment date of the line (a regimen's stop, or its start when still running). */
  readonly end: string;
  readonly locoregional: readonly string[];
  readonly regimen: string | null;
  /** `locoregional-alone` / `combined` / `systemic-alone`. */
  readonly kind: "locoregional-alone" | "combined" | "systemic-alone";
  /** Codes joined for grouping: "TACE+lenvatinib", "TACE", "lenvatinib". */
  readonly code: string;
}

const DAY_MS = 86_400_000;
function addDays(d: string, n: number): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

const FAMILY_ORDER: readonly string[] = [
  "TACE",
  "HAIC",
  "TARE",
  "ablation",
  "resection",
  "transplant",
  "radiotherapy",
  "other",
];

function lineOf(
  number: number,
  procs: readonly ProcedureEvent[],
  regimen: RegimenEvent | null,
): TreatmentLine {
  const families = [...new Set(procs.map((p) => LOCOREGIONAL_FAMILY[p.modality] ?? "other"))].sort(
    (a, b) => FAMILY_ORDER.indexOf(a) - FAMILY_ORDER.indexOf(b),
  );
  const dates = [
    ...procs.map((p) => p.on),
    ...(regimen ? [regimen.start, regimen.stop ?? regimen.start] : []),
  ].sort();
  const kind = regimen === null ? "locoregional-alone" : families.length > 0 ? "combined" : "systemic-alone";
  return {
    number,
    start: dates[0] as string,
    end: dates[dates.length - 1] as string,
    locoregional: families,
    regimen: regimen?.regimen ?? null,
    kind,
    code: [...families, ...(regimen ? [regimen.regimen] : [])].join("+"),
  };
}

/** The treatment lines of a patient's record, oldest first. */
export function treatmentLines(
  procedures: readonly ProcedureEvent[],
  regimens: readonly RegimenEvent[],
): TreatmentLine[] {
  const procs = [...procedures]
    .map((p) => ({ ...p, on: p.on.slice(0, 10) }))
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const regs = [...regimens]
    .map((r) => ({ ...r, start: r.start.slice(0, 10), stop: r.stop?.slice(0, 10) ?? null }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  // Each procedure goes to the first regimen whose window [start − 30 d, stop] holds it.
  const owner = procs.map((p) =>
    regs.findIndex(
      (r) => p.on >= addDays(r.start, -COMBINATION_WINDOW_DAYS) && (r.stop === null || p.on <= r.stop),
    ),
  );
  type Piece = { start: string; regimen: number | null; procs: ProcedureEvent[] };
  const pieces: Piece[] = regs.map((r, i) => ({ start: r.start, regimen: i, procs: [] }));
  const loose: ProcedureEvent[] = [];
  procs.forEach((p, i) => {
    const o = owner[i] as number;
    if (o >= 0) (pieces[o] as Piece).procs.push(p);
    else loose.push(p);
  });
  // Procedures outside any regimen: consecutive ones (not interrupted by a regimen) form one line.
  for (const p of loose) {
    const last = pieces
      .filter((x) => x.start <= p.on)
      .sort((a, b) => (a.start < b.start ? -1 : 1))
      .at(-1);
    if (last && last.regimen === null) last.procs.push(p);
    else pieces.push({ start: p.on, regimen: null, procs: [p] });
  }
  pieces.sort((a, b) => {
    const sa = a.procs[0]?.on && a.procs[0].on < a.start ? a.procs[0].on : a.start;
    const sb = b.procs[0]?.on && b.procs[0].on < b.start ? b.procs[0].on : b.start;
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  });
  return pieces.map((x, i) =>
    lineOf(i + 1, x.procs, x.regimen === null ? null : (regs[x.regimen] as RegimenEvent)),
  );
}
