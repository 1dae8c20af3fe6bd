/**
 * Treatment option codes of the assessment contract (case-format.md, "Option codes") and the
 * option-level result shared by BCLC and CNLC (staging-treatment.md §7.3: options are separate
 * from stage; the stage can be known while the option is not).
 */
import type { FieldError } from "../result.js";

export const OPTION_CODES = [
  "resection",
  "ablation",
  "liver-transplant",
  "tace",
  "tare",
  "haic",
  "radiotherapy",
  "systemic-therapy",
  "atezolizumab-bevacizumab",
  "durvalumab-tremelimumab",
  "sorafenib",
  "lenvatinib",
  "durvalumab",
  "best-supportive-care",
  "palliative-care",
] as const;

export type OptionCode = (typeof OPTION_CODES)[number];

/** Options that would apply under a stated condition, when an input deciding them is missing. */
export interface ConditionalOptions {
  /** The condition in input terms, e.g. `clinicallySignificantPortalHypertension = false`. */
  readonly when: string;
  readonly options: readonly OptionCode[];
}

/** The option part of a staging result. */
export type OptionsOutcome =
  | {
      readonly optionsStatus: "ok";
      readonly options: readonly OptionCode[];
      readonly alternatives: readonly OptionCode[];
      readonly optionsReason: string;
    }
  | {
      readonly optionsStatus: "indeterminate";
      readonly options: readonly OptionCode[];
      readonly alternatives: readonly OptionCode[];
      readonly optionsMissing: readonly string[];
      readonly conditionalOptions: readonly ConditionalOptions[];
      readonly optionsReason: string;
    }
  | {
      readonly optionsStatus: "invalid";
      readonly options: readonly OptionCode[];
      readonly alternatives: readonly OptionCode[];
      readonly optionsErrors: readonly FieldError[];
      readonly optionsReason: string;
    };
