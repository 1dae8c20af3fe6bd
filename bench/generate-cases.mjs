/**
 * Synthetic cases for benchmarks: deterministic (seeded), realistic ranges, mixed SI/US units,
 * some missing fields and ~1 % invalid values, so every code path is exercised.
 * Usage: node bench/generate-cases.mjs N > cases.ndjson
 */
import { createWriteStream } from "node:fs";

export function* syntheticCases(n, seed = 42) {
  let s = seed >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const r1 = (a, b) => Math.round((a + rnd() * (b - a)) * 10) / 10;
  for (let i = 0; i < n; i++) {
    const si = rnd() < 0.5;
    const bili = r1(0.3, 6);
    const nTum = pick([1, 1, 1, 2, 3, 4, 5]);
    const c = {
      id: `syn-${i}`,
      sex: pick(["male", "female"]),
      ageYears: Math.floor(r1(30, 85)),
      height: { value: r1(150, 190), unit: "cm" },
      weight: { value: r1(45, 110), unit: "kg" },
      ecog: pick([0, 0, 0, 1, 1, 2, 3]),
      labs: {
        bilirubin: si
          ? { value: Math.round(bili * 17.1 * 10) / 10, unit: "umol/L" }
          : { value: bili, unit: "mg/dL" },
        albumin: si ? { value: r1(22, 48), unit: "g/L" } : { value: r1(2.2, 4.8), unit: "g/dL" },
        inr: { value: r1(0.9, 2.6) },
        creatinine: si
          ? { value: Math.round(r1(0.5, 3) * 88.4), unit: "umol/L" }
          : { value: r1(0.5, 3), unit: "mg/dL" },
        sodium: { value: Math.floor(r1(122, 145)), unit: "mmol/L" },
        afp: { value: r1(2, 2000), unit: "ng/mL" },
        platelets: { value: Math.floor(r1(40, 300)), unit: "10*9/L" },
      },
      ascites: pick(["none", "none", "none", "mild", "moderate-severe"]),
      encephalopathy: pick(["none", "none", "none", "none", "grade-1-2"]),
      dialysis: false,
      tumors: Array.from({ length: nTum }, (_, k) => ({ id: `T${k + 1}`, diameterCm: r1(0.8, 9) })),
      infiltrative: false,
      vascularInvasion:
        rnd() < 0.2 ? { present: true, portalVein: pick(["Vp1", "Vp2", "Vp3", "Vp4"]) } : { present: false },
      extrahepaticSpread: rnd() < 0.1,
      transplantCandidate: pick([true, false, null]),
      clinicallySignificantPortalHypertension: pick([true, false, null]),
    };
    if (rnd() < 0.1) delete c.labs.sodium;
    if (rnd() < 0.01) c.labs.albumin = { value: 35, unit: "g/dL" }; // implausible: reported
    yield c;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 1000);
  const out = process.argv[3] ? createWriteStream(process.argv[3]) : process.stdout;
  for (const c of syntheticCases(n)) {
    if (!out.write(`${JSON.stringify(c)}\n`)) await new Promise((r) => out.once("drain", r));
  }
  if (out !== process.stdout) out.end();
}
