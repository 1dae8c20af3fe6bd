/**
 * The therapy catalogue: every systemic agent and cell therapy Hepatica plans, records and
 * analyses, with its class and target, and the standard regimens for HCC with the trial that
 * established each. Pure data; labels and schedules in English and Chinese are in the vocabulary
 * (`vocabulary/therapy.ts`); the contraindication rules that read the record live in
 * `contraindications.ts`, keyed by agent class or agent.
 */
import type { SourceId } from "../evidence/index.js";

export const AGENT_CLASSES = [
  "checkpoint-inhibitor",
  "anti-vegf-antibody",
  "multikinase-inhibitor",
  "chemotherapy",
  "cell-therapy",
] as const;
export type AgentClass = (typeof AGENT_CLASSES)[number];

export interface Agent {
  readonly class: AgentClass;
  /** Molecular target or mechanism, as data (e.g. `PD-L1`, `VEGF-A`, `VEGFR/FGFR`). */
  readonly target: string;
}

export const AGENTS = {
  atezolizumab: { class: "checkpoint-inhibitor", target: "PD-L1" },
  durvalumab: { class: "checkpoint-inhibitor", target: "PD-L1" },
  tremelimumab: { class: "checkpoint-inhibitor", target: "CTLA-4" },
  pembrolizumab: { class: "checkpoint-inhibitor", target: "PD-1" },
  camrelizumab: { class: "checkpoint-inhibitor", target: "PD-1" },
  sintilimab: { class: "checkpoint-inhibitor", target: "PD-1" },
  tislelizumab: { class: "checkpoint-inhibitor", target: "PD-1" },
  bevacizumab: { class: "anti-vegf-antibody", target: "VEGF-A" },
  "bevacizumab-biosimilar-ibi305": { class: "anti-vegf-antibody", target: "VEGF-A" },
  lenvatinib: { class: "multikinase-inhibitor", target: "VEGFR1-3/FGFR1-4/PDGFRα/RET/KIT" },
  sorafenib: { class: "multikinase-inhibitor", target: "RAF/VEGFR/PDGFR" },
  donafenib: { class: "multikinase-inhibitor", target: "RAF/VEGFR/PDGFR" },
  rivoceranib: { class: "multikinase-inhibitor", target: "VEGFR2" },
  oxaliplatin: { class: "chemotherapy", target: "DNA (platinum)" },
  fluorouracil: { class: "chemotherapy", target: "thymidylate synthase" },
  leucovorin: { class: "chemotherapy", target: "folate (5-FU modulator)" },
  "cik-cells": { class: "cell-therapy", target: "autologous cytokine-induced killer cells (CD3+CD56+)" },
} as const satisfies Record<string, Agent>;

export type AgentCode = keyof typeof AGENTS;

export const AGENT_CODES = Object.freeze(Object.keys(AGENTS)) as readonly AgentCode[];

export function isAgentCode(x: string): x is AgentCode {
  return Object.hasOwn(AGENTS, x);
}

export interface Regimen {
  readonly agents: readonly AgentCode[];
  /** The trial that established the regimen in HCC. */
  readonly trial: string;
  readonly sources: readonly SourceId[];
}

/** Standard regimens (first line unless stated) and the agents given together in combinations. */
export const REGIMENS = {
  "atezolizumab-bevacizumab": {
    agents: ["atezolizumab", "bevacizumab"],
    trial: "IMbrave150",
    sources: ["finn2020Imbrave150"],
  },
  "durvalumab-tremelimumab": {
    agents: ["durvalumab", "tremelimumab"],
    trial: "HIMALAYA",
    sources: ["abouAlfa2022Himalaya"],
  },
  durvalumab: {
    agents: ["durvalumab"],
    trial: "HIMALAYA (monotherapy arm, non-inferior to sorafenib)",
    sources: ["abouAlfa2022Himalaya"],
  },
  lenvatinib: {
    agents: ["lenvatinib"],
    trial: "REFLECT",
    sources: ["kudo2018Reflect"],
  },
  sorafenib: {
    agents: ["sorafenib"],
    trial: "SHARP",
    sources: ["llovet2008Sharp"],
  },
  donafenib: {
    agents: ["donafenib"],
    trial: "ZGDH3",
    sources: ["qin2021Donafenib"],
  },
  "camrelizumab-rivoceranib": {
    agents: ["camrelizumab", "rivoceranib"],
    trial: "CARES-310",
    sources: ["qin2023Cares310"],
  },
  "sintilimab-bevacizumab-biosimilar": {
    agents: ["sintilimab", "bevacizumab-biosimilar-ibi305"],
    trial: "ORIENT-32",
    sources: ["ren2021Orient32"],
  },
  tislelizumab: {
    agents: ["tislelizumab"],
    trial: "RATIONALE-301",
    sources: ["qin2023Rationale301"],
  },
  folfox4: {
    agents: ["oxaliplatin", "fluorouracil", "leucovorin"],
    trial: "EACH",
    sources: ["qin2013Each"],
  },
  "lenvatinib-pembrolizumab": {
    agents: ["lenvatinib", "pembrolizumab"],
    trial: "LEAP-012",
    sources: ["kudo2025Leap012"],
  },
  "durvalumab-bevacizumab": {
    agents: ["durvalumab", "bevacizumab"],
    trial: "EMERALD-1",
    sources: ["sangro2025Emerald1"],
  },
  "cik-cells": {
    agents: ["cik-cells"],
    trial: "Lee 2015 (Korea, phase 3)",
    sources: ["lee2015Cik", "xu2016CikResection"],
  },
} as const satisfies Record<string, Regimen>;

export type RegimenCode = keyof typeof REGIMENS;

export const REGIMEN_CODES = Object.freeze(Object.keys(REGIMENS)) as readonly RegimenCode[];

export function isRegimenCode(x: string): x is RegimenCode {
  return Object.hasOwn(REGIMENS, x);
}

/** The agent classes a regimen contains, in catalogue order. */
export function regimenClasses(code: RegimenCode): readonly AgentClass[] {
  const classes = new Set<AgentClass>(REGIMENS[code].agents.map((a) => AGENTS[a].class));
  return AGENT_CLASSES.filter((c) => classes.has(c));
}
