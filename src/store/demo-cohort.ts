/**
 * A synthetic demo cohort: N patients with plausible distributions (not real data; names are
 * "Demo Patient NNNN"). Deterministic for a seed. Per patient: baseline labs and findings,
 * tumours, baseline imaging, one to four TACE sessions with drugs, embolic agent and CIRSE-graded
 * complications, follow-up visits every ~3 months for 1–4 years as a clinic records them (labs;
 * ECOG, ascites and encephalopathy at the visit; imaging with mRECIST-style viable diameters and
 * the radiology report's vascular invasion and extrahepatic spread), and outcomes (progression,
 * death, resection, transplant). About 4 % of patients are lost to clinic follow-up: their
 * visits and scans stop while outside lab results keep arriving for a few months, so their
 * findings show as stale at their newest data.
 *
 * Distributions are rough, for demonstration: Child-Pugh A ~70 % / B ~25 % / C ~5 %; aetiology
 * HBV-predominant; ECOG 0–2; 1–5 nodules with log-normal size (median ~3.5 cm); macrovascular
 * invasion ~15 %, extrahepatic spread ~8 %.
 */
import type { Kysely } from "kysely";
import { type Actor, appendAudit } from "./audit.js";
import { ENTITIES } from "./entities.js";
import { insertRecord } from "./records.js";
import type { Database } from "./schema.js";

const LOINC = "http://loinc.org";
const FINDING = "https://hepatica.dev/fhir/CodeSystem/finding";
/** Follow-up never runs past this date, so that a seed always gives the same cohort. */
const END = Date.UTC(2026, 5, 30);
const DAY = 86_400_000;

type Body = Record<string, unknown>;

export interface DemoPatient {
  readonly patient: Body;
  readonly observations: Body[];
  readonly tumours: Body[];
  readonly imaging: Body[];
  readonly procedures: Body[];
  readonly systemicTherapies: Body[];
  readonly outcomes: Body[];
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function tools(r: () => number) {
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * r();
  const normal = (mean: number, sd: number) => {
    const u = Math.max(r(), 1e-12);
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
  };
  const pick = <T>(items: readonly (readonly [T, number])[]): T => {
    let x = r() * items.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of items) {
      x -= w;
      if (x <= 0) return v;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  };
  const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
  const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
  return { uniform, normal, pick, round, clamp };
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

export function generateCohort(n: number, seed = 1): DemoPatient[] {
  const r = prng(seed);
  const { uniform, normal, pick, round, clamp } = tools(r);
  const out: DemoPatient[] = [];
  for (let i = 1; i <= n; i++) {
    const label = String(i).padStart(4, "0");
    const sex = r() < 0.8 ? "male" : "female";
    const age = Math.round(clamp(normal(63, 10), 30, 88));
    const start = Date.UTC(2021, 6, 1) + Math.floor(uniform(0, 4 * 365)) * DAY;
    const birth = start - age * 365.25 * DAY - Math.floor(uniform(0, 365)) * DAY;
    const cp = pick([
      ["A", 70],
      ["B", 25],
      ["C", 5],
    ] as const);
    const etiology = pick([
      ["HBV", 50],
      ["HCV", 20],
      ["alcohol", 15],
      ["MASLD", 10],
      ["other", 5],
    ] as const);
    const nodules = pick([
      [1, 40],
      [2, 25],
      [3, 15],
      [4, 10],
      [5, 10],
    ] as const);
    const macro = r() < 0.15;
    const ehs = r() < 0.08;
    const ecog = pick([
      [0, 60],
      [1, 30],
      [2, 10],
    ] as const);
    // Response pattern drives sizes and outcomes.
    const pattern = pick([
      ["responder", 45],
      ["stable", 30],
      ["progressor", 25],
    ] as const);

    // Visits draw from their own stream, so the rest of the cohort is the same for a seed.
    const rv = prng(seed * 7919 + i);
    const lostAfterVisits = rv() < 0.07 ? 1 + Math.floor(rv() * 3) : Number.POSITIVE_INFINITY;
    let visits = 0;
    let ecogNow: number = ecog;
    const observations: Body[] = [];
    const lab = (code: string, value: number, unit: string | null, t: number) =>
      observations.push({ system: LOINC, code, value, unit, effectiveAt: iso(t) });
    const finding = (code: string, valueCode: string, t: number) =>
      observations.push({ system: FINDING, code, valueCode, effectiveAt: iso(t) });
    const labsAt = (t: number, drift: number) => {
      const bili = cp === "A" ? uniform(0.4, 1.6) : cp === "B" ? uniform(1.5, 2.8) : uniform(2.5, 5);
      const alb = cp === "A" ? uniform(3.6, 4.6) : cp === "B" ? uniform(2.9, 3.5) : uniform(2.3, 3);
      const inr = cp === "A" ? uniform(0.95, 1.25) : cp === "B" ? uniform(1.2, 1.8) : uniform(1.6, 2.4);
      lab("1975-2", round(bili * drift * 17.1, 0), "umol/L", t);
      lab("1751-7", round((alb / drift) * 10, 0), "g/L", t);
      lab("6301-6", round(inr * drift, 2), null, t);
      lab("2160-0", round(uniform(0.6, 1.3), 2), "mg/dL", t);
      lab("2951-2", Math.round(uniform(131, 143)), "mmol/L", t);
      lab("777-3", Math.round(uniform(60, 260)), "10*9/L", t);
      lab("1920-8", Math.round(uniform(20, 120)), "U/L", t);
      lab("1742-6", Math.round(uniform(15, 100)), "U/L", t);
      lab("1834-1", round(Math.exp(normal(Math.log(40), 1.8)), 1), "ng/mL", t);
    };
    labsAt(start, 1);
    lab("89247-1", ecog, null, start);
    lab("8302-2", Math.round(sex === "male" ? normal(171, 7) : normal(159, 6)), "cm", start);
    lab("29463-7", Math.round(sex === "male" ? normal(70, 11) : normal(58, 9)), "kg", start);
    finding("cirrhosis", r() < 0.85 ? "true" : "false", start);
    finding("etiology", etiology, start);
    finding(
      "ascites",
      cp === "A"
        ? "none"
        : cp === "B"
          ? pick([
              ["none", 50],
              ["mild", 50],
            ] as const)
          : "moderate-severe",
      start,
    );
    finding("encephalopathy", cp === "C" && r() < 0.5 ? "grade-1-2" : "none", start);
    finding("macrovascular-invasion", String(macro), start);
    if (macro)
      finding(
        "portal-vein-invasion",
        pick([
          ["Vp2", 40],
          ["Vp3", 40],
          ["Vp4", 20],
        ] as const),
        start,
      );
    finding("extrahepatic-spread", String(ehs), start);
    const portalVein = observations.find((o) => o.code === "portal-vein-invasion")?.valueCode;
    const weight = observations.find((o) => o.code === "29463-7")?.value as number;
    // The clinician's BCLC judgement of liver function (Reig et al. 2022), recorded at each visit.
    const preserved = cp === "A" ? "true" : cp === "B" && rv() < 0.5 ? "true" : "false";
    finding("liver-function-preserved", preserved, start);
    /** A follow-up visit: the clinician's findings, and the radiology report of the visit's scan. */
    const visitAt = (t: number) => {
      if (pattern === "progressor" && rv() < 0.2) ecogNow = Math.min(4, ecogNow + 1);
      lab("89247-1", ecogNow, null, t);
      lab("29463-7", Math.round(weight + 2 * rv() - 1), "kg", t);
      finding("liver-function-preserved", preserved, t);
      finding("ascites", observations.find((o) => o.code === "ascites")?.valueCode as string, t);
      finding(
        "encephalopathy",
        observations.find((o) => o.code === "encephalopathy")?.valueCode as string,
        t,
      );
      finding("macrovascular-invasion", String(macro), t);
      if (typeof portalVein === "string") finding("portal-vein-invasion", portalVein, t);
      finding("extrahepatic-spread", String(ehs), t);
    };
    /** Whether the patient still attends (lost to follow-up: only outside labs arrive after). */
    const attends = () => visits++ < lostAfterVisits;

    const segments = ["S2", "S3", "S4", "S5", "S6", "S7", "S8"];
    const tumours: Body[] = [];
    const sizes: number[] = [];
    for (let k = 1; k <= nodules; k++) {
      tumours.push({
        label: `T${k}`,
        segment: segments[Math.floor(r() * segments.length)],
        diagnosedOn: iso(start - 14 * DAY),
        icd10: "C22.0",
        histology: "hepatocellular carcinoma",
      });
      sizes.push(round(clamp(Math.exp(normal(Math.log(k === 1 ? 40 : 20), 0.5)), 10, 150), 0));
    }

    const imaging: Body[] = [];
    // Drawn even when not kept (a missed visit), so that the other patients stay the same.
    const scan = (t: number, phase: "baseline" | "follow-up", factor: number, kept = true) => {
      const body = {
        studyDate: iso(t),
        modality: pick([
          ["CT", 60],
          ["MRI", 40],
        ] as const),
        phase,
        measurements: sizes.map((d, k) => ({
          lesionLabel: `T${k + 1}`,
          role: k < 2 ? "target" : "non-target",
          organ: "liver",
          longestDiameterMm: round(Math.min(d * Math.max(factor, 0.6), 250), 0),
          viableDiameterMm: round(Math.min(d * factor, 250), 0),
        })),
      };
      if (kept) imaging.push(body);
    };
    scan(start - 7 * DAY, "baseline", 1);

    const procedures: Body[] = [];
    const sessions =
      pattern === "progressor"
        ? pick([
            [1, 50],
            [2, 50],
          ] as const)
        : pick([
            [1, 30],
            [2, 35],
            [3, 25],
            [4, 10],
          ] as const);
    let t = start;
    const followUpYears = uniform(1, 4);
    const last = Math.min(END, start + followUpYears * 365 * DAY);
    let factor = 1;
    let progressedOn: number | undefined;
    for (let s = 0; s < sessions && t < last; s++) {
      const deb = r() < 0.3;
      const drug = deb
        ? "doxorubicin"
        : pick([
            ["epirubicin", 60],
            ["doxorubicin", 30],
            ["cisplatin", 10],
          ] as const);
      procedures.push({
        modality: deb ? "debtace" : "ctace",
        performedOn: iso(t),
        operator: pick([
          ["Interventional radiologist A", 1],
          ["Interventional radiologist B", 1],
          ["Interventional radiologist C", 1],
        ] as const),
        accessRoute: r() < 0.3 ? "radial" : "femoral",
        selectivity: pick([
          ["lobar", 15],
          ["segmental", 35],
          ["subsegmental", 30],
          ["superselective", 20],
        ] as const),
        guidanceImaging: r() < 0.6 ? "CBCT" : "DSA",
        embolicAgent: deb ? "drug-eluting microspheres 100-300 um" : "lipiodol + gelatin sponge",
        embolicEndPoint: pick([
          ["near-stasis", 50],
          ["complete-stasis", 25],
          ["substasis", 25],
        ] as const),
        drugs: deb
          ? [{ drug: "doxorubicin", dose: 75, unit: "mg" }]
          : [
              { drug, dose: drug === "cisplatin" ? 50 : 50, unit: "mg" },
              { drug: "lipiodol", dose: Math.round(uniform(5, 15)), unit: "mL" },
            ],
        complications: [
          ...(r() < 0.35
            ? [{ description: "post-embolisation syndrome", cirseGrade: 1, onsetOn: iso(t + DAY) }]
            : []),
          ...(r() < 0.05
            ? [{ description: "liver abscess", cirseGrade: 3, onsetOn: iso(t + 10 * DAY) }]
            : []),
        ],
      });
      const gap = uniform(42, 70) * DAY;
      factor *=
        pattern === "responder"
          ? uniform(0.3, 0.7)
          : pattern === "stable"
            ? uniform(0.85, 1.05)
            : uniform(1.15, 1.4);
      const attended = attends();
      scan(t + gap * 0.6, "follow-up", factor, attended);
      labsAt(t + gap * 0.6, cp === "A" ? uniform(0.95, 1.1) : uniform(1, 1.25));
      if (attended) visitAt(t + gap * 0.6);
      if (progressedOn === undefined && factor >= 1.2) progressedOn = t + gap * 0.6;
      t += gap;
    }
    while (t + 90 * DAY < last) {
      t += Math.round(uniform(80, 100)) * DAY;
      factor *=
        pattern === "progressor"
          ? uniform(1.1, 1.3)
          : pattern === "stable"
            ? uniform(0.95, 1.15)
            : uniform(0.9, 1.1);
      const attended = attends();
      scan(t, "follow-up", factor, attended);
      labsAt(t, uniform(0.95, 1.15));
      if (attended) visitAt(t);
      if (progressedOn === undefined && factor >= 1.2) progressedOn = t;
    }

    const systemicTherapies: Body[] = [];
    const outcomes: Body[] = [];
    if (progressedOn !== undefined) {
      outcomes.push({ kind: "progression", occurredOn: iso(progressedOn) });
      if (r() < 0.6) {
        systemicTherapies.push({
          agent: pick([
            ["atezolizumab + bevacizumab", 50],
            ["lenvatinib", 30],
            ["durvalumab + tremelimumab", 20],
          ] as const),
          startedOn: iso(progressedOn + 21 * DAY),
          stoppedOn: r() < 0.5 ? iso(Math.min(END, progressedOn + uniform(90, 400) * DAY)) : null,
        });
      }
    } else if (pattern === "responder" && r() < 0.15) {
      outcomes.push({
        kind: r() < 0.5 ? "transplant" : "resection",
        occurredOn: iso(Math.min(last, start + uniform(120, 500) * DAY)),
      });
    }
    const deathRisk = (pattern === "progressor" ? 0.6 : 0.2) + (cp === "C" ? 0.3 : cp === "B" ? 0.1 : 0);
    if (r() < deathRisk && last < END) outcomes.push({ kind: "death", occurredOn: iso(last + 30 * DAY) });

    out.push({
      patient: {
        mrn: `DEMO-${label}`,
        familyName: "Demo",
        givenName: `Patient ${label}`,
        birthDate: iso(birth),
        sex,
      },
      observations,
      tumours,
      imaging,
      procedures,
      systemicTherapies,
      outcomes,
    });
  }
  return out;
}

export const DEMO_ACTOR: Actor = { userId: null, username: "demo-generator", role: "system" };

/**
 * Writes a generated cohort, one transaction per patient, with one audit row per patient (the
 * records are synthetic and written together). Returns the number of patients written.
 */
export async function writeCohort(
  db: Kysely<Database>,
  cohort: readonly DemoPatient[],
  actor = DEMO_ACTOR,
): Promise<number> {
  const quiet = { audit: false } as const;
  for (const p of cohort) {
    await db.transaction().execute(async (trx) => {
      const patientId = await insertRecord(trx, ENTITIES.patient, p.patient, actor, quiet);
      const options = { patientId, ...quiet };
      for (const b of p.observations) await insertRecord(trx, ENTITIES.observation, b, actor, options);
      for (const b of p.tumours) await insertRecord(trx, ENTITIES.tumour, b, actor, options);
      for (const b of p.imaging) await insertRecord(trx, ENTITIES.imaging, b, actor, options);
      for (const b of p.procedures) await insertRecord(trx, ENTITIES.procedure, b, actor, options);
      for (const b of p.systemicTherapies)
        await insertRecord(trx, ENTITIES.systemicTherapy, b, actor, options);
      for (const b of p.outcomes) await insertRecord(trx, ENTITIES.outcome, b, actor, options);
      await appendAudit(trx, actor, {
        action: "import",
        entity: "patient",
        entityId: patientId,
        patientId,
        detail: "synthetic demo patient",
      });
    });
  }
  return cohort.length;
}
