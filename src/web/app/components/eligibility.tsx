import { MODALITY_TERMS, PROFILE_TERMS } from "../../../clinical/vocabulary/index.js";
import type { Assessment, EligibilityResult, Modality, Profile } from "../clinical-types.js";
import { useLang, useText } from "../i18n.js";
import type { UiKey } from "../ui-text.js";
import { Missing } from "./rule.js";

const PROFILES = Object.keys(PROFILE_TERMS) as Profile[];
/** In the order of the vocabulary (the assessment's `eligibility` keys). */
const MODALITIES = Object.keys(MODALITY_TERMS) as Modality[];

function verdictText(r: EligibilityResult): { text: UiKey; tone: string } {
  if (r.status === "ok") {
    const text =
      r.verdict === "eligible"
        ? "eligible"
        : r.verdict === "relative-contraindication"
          ? "caution"
          : "contraindicated";
    return { text, tone: r.verdict };
  }
  if (r.status === "indeterminate") return { text: "cannotDecide", tone: "indeterminate" };
  return { text: "invalidInput", tone: "contraindicated" };
}

/** A reason's source: its short citation, or (compact results) its registry ids. */
function sourceOf(x: { readonly citation?: string; readonly sources?: readonly string[] }): string {
  return x.citation ?? x.sources?.join(", ") ?? "";
}

function Cell({ r }: { r: EligibilityResult }) {
  const text = useText();
  const v = verdictText(r);
  const reasons = r.reasons.filter((x) => x.level !== "note");
  const notes = r.reasons.filter((x) => x.level === "note");
  return (
    <td>
      <span className={`verdict verdict-${v.tone}`}>{text(v.text)}</span>
      {r.status === "indeterminate" && <Missing paths={r.missing} />}
      {(reasons.length > 0 || notes.length > 0 || r.profileDifference) && (
        <details className="why">
          <summary>{text("reasons")}</summary>
          <ul>
            {[...reasons, ...notes].map((x) => (
              <li key={x.rule + x.text}>
                <span className={`level level-${x.level}`}>{text(x.level)}</span> {x.text}{" "}
                <span className="citation">({sourceOf(x)})</span>
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
  const lang = useLang();
  const text = useText();
  return (
    <section className="card" aria-labelledby="elig-h">
      <h2 id="elig-h">{text("eligibilityPerModality")}</h2>
      <div className="scroll">
        <table className="grid eligibility">
          <thead>
            <tr>
              <th scope="col">{text("modality")}</th>
              {PROFILES.map((p) => (
                <th scope="col" key={p}>
                  {PROFILE_TERMS[p][lang]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {MODALITIES.map((m) => {
              const pair = a.eligibility[m];
              if (!pair) return null;
              return (
                <tr key={m}>
                  <th scope="row">{MODALITY_TERMS[m][lang]}</th>
                  {PROFILES.map((p) => (
                    <Cell key={p} r={pair[p]} />
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
