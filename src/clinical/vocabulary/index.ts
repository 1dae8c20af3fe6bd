/**
 * The one vocabulary of Hepatica: every modality, treatment option, input, finding, stage and
 * response term with its English and Chinese label. The CLI, the web app, CDS Hooks cards and FHIR
 * displays read their labels here; no label is declared anywhere else.
 */
export * from "./inputs.js";
export * from "./stage.js";
export * from "./term.js";
export * from "./therapy.js";
export * from "./treatment.js";
