export * from "./catalogue.js";
export * from "./present.js";
