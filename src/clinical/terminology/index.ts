/** The one terminology table: the EHR's standard codes → Hepatica's case inputs. */
export * from "./check.js";
export * from "./ehr-findings.js";
export * from "./findings.js";
export * from "./labs.js";
export * from "./lookup.js";
export * from "./systems.js";
