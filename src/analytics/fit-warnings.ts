/**
 * Warnings about a regression fit, as data: the codes R gives (coxph: "Loglik converged before
 * variable …; coefficient may be infinite", "Ran out of iterations and did not converge";
 * crr: `converged = FALSE`) and the events-per-parameter rule R does not check. Words are
 * rendered at the edge (CLI, web) from the code and its numbers.
 */

/**
 * Fewer than 10 events per estimated coefficient makes Cox coefficients biased and their
 * intervals unreliable (Peduzzi P, Concato J, Feinstein AR, Holford TR. Importance of events
 * per independent variable in proportional hazards regression analysis. II. Accuracy and
 * precision of regression estimates. J Clin Epidemiol 1995;48:1503–1510).
 */
export const MIN_EVENTS_PER_PARAMETER = 10;
export const EVENTS_PER_PARAMETER_SOURCE =
  "Peduzzi P et al. J Clin Epidemiol 1995;48:1503–1510 (10 events per coefficient)";

export type FitWarning =
  /** Monotone likelihood: the coefficient runs off to ±∞; its hazard ratio and CI are meaningless. */
  | { readonly code: "infinite-coefficient"; readonly terms: readonly string[] }
  | { readonly code: "not-converged"; readonly iterations: number }
  | {
      readonly code: "few-events-per-parameter";
      readonly events: number;
      readonly parameters: number;
      readonly minimum: number;
      readonly source: string;
    };

/** The events-per-parameter warning, or none. */
export function eventsPerParameter(events: number, parameters: number): FitWarning[] {
  if (parameters === 0 || events >= MIN_EVENTS_PER_PARAMETER * parameters) return [];
  return [
    {
      code: "few-events-per-parameter",
      events,
      parameters,
      minimum: MIN_EVENTS_PER_PARAMETER,
      source: EVENTS_PER_PARAMETER_SOURCE,
    },
  ];
}

/** English wording for the CLI and the web (the one place the sentences live). */
export function fitWarningText(w: FitWarning): string {
  switch (w.code) {
    case "infinite-coefficient":
      return `monotone likelihood: the coefficient of ${w.terms.join(", ")} may be infinite (R: "Loglik converged before variable"); its hazard ratio and CI are not shown`;
    case "not-converged":
      return `the fit did not converge in ${w.iterations} iterations; estimates are unreliable`;
    case "few-events-per-parameter":
      return `${w.events} events for ${w.parameters} coefficients (${(w.events / w.parameters).toFixed(1)} per coefficient, fewer than ${w.minimum}): estimates may be biased — ${w.source}`;
  }
}

/** Terms whose hazard ratio must not be shown. */
export function unreliableTerms(warnings: readonly FitWarning[]): Set<string> {
  const out = new Set<string>();
  for (const w of warnings) if (w.code === "infinite-coefficient") for (const t of w.terms) out.add(t);
  return out;
}
