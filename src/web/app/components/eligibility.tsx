import type { Assessment, EligibilityResult, Modality, Profile } from "../clinical-types.js";
import { Missing } from "./rule.js";

export const MODALITY_LABEL: Readonly<Record<Modality, string>> = {
  ctace: "cTACE",
  debtace: "DEB-TACE",
  tae: "TAE",
  haic: "HAIC",
  tareResin: "TARE resin",
  tareGlass: "TARE glass",
  thermalAblation: "Thermal ablation (RFA/MWA)",
  cryoablation: "Cryoablation",
};

const PROFILES: readonly { id: Profile; label: string }[] = [
  { id: "intl", label: "International (EASL/AASLD/CIRSE)" },
  { id: "cn", label: "China (national guideline)" },
];

function verdictText(r: EligibilityResult): { text: string; tone: string } {
  if (r.status === "ok") {
    const text =
      r.verdict === "eligible"
        ? "eligible"
        : r.verdict === "relative-contraindication"
          ? "caution"
          : "contraindicated";
    return { text, tone: r.verdict };
  }
  if (r.status === "indeterminate") return { text: "cannot decide", tone: "indeterminate" };
  return { text: "invalid input", tone: "contraindicated" };
}

function Cell({ r }: { r: EligibilityResult }) {
  const v = verdictText(r);
  const reasons = r.reasons.filter((x) => x.level !== "note");
  const notes = r.reasons.filter((x) => x.level === "note");
  return (
    <td>
      <span className={`verdict verdict-${v.tone}`}>{v.text}</span>
      {r.status === "indeterminate" && <Missing paths={r.missing} />}
      {(reasons.length > 0 || notes.length > 0 || r.profileDifference) && (
        <details className="why">
          <summary>Reasons</summary>
          <ul>
            {[...reasons, ...notes].map((x) => (
              <li key={x.rule + x.text}>
                <span className={`level level-${x.level}`}>{x.level}</span> {x.text}{" "}
                <span className="citation">({x.citation})</span>
              </li>
            ))}
          </ul>
          {r.profileDifference && <p>{r.profileDifference}</p>}
        </details>
      )}
    </td>
  );
}

/** Eligibility per modality under both profiles, never merged. */
export function EligibilityTable({ a }: { a: Assessment }) {
  const modalities = Object.keys(MODALITY_LABEL) as Modality[];
  return (
    <section className="card" aria-labelledby="elig-h">
      <h2 id="elig-h">Eligibility per modality</h2>
      <div className="scroll">
        <table className="grid eligibility">
          <thead>
            <tr>
              <th scope="col">Modality</th>
              {PROFILES.map((p) => (
                <th scope="col" key={p.id}>
                  {p.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {modalities.map((m) => {
              const pair = a.eligibility[m];
              if (!pair) return null;
              return (
                <tr key={m}>
                  <th scope="row">{MODALITY_LABEL[m]}</th>
                  {PROFILES.map((p) => (
                    <Cell key={p.id} r={pair[p.id]} />
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
