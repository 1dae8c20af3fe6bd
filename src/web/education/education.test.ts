import { describe, expect, it } from "vitest";
import { OPTION_CODES } from "../../clinical/staging/options.js";
import { en } from "./en.js";
import { SUMMARY_TEXT, TREATMENT_TOPIC, treatmentWord } from "./summary-text.js";
import { TOPIC_IDS } from "./types.js";
import { zh } from "./zh.js";

const CJK = /[\u4e00-\u9fff]/;

function texts(locale: typeof en): string[] {
  return locale.topics.flatMap((t) => [
    t.title,
    t.summary,
    ...t.sections.flatMap((s) => [
      s.heading,
      ...s.blocks.flatMap((b) =>
        b.kind === "p" ? [b.text] : b.kind === "list" ? [...b.items] : [b.title, ...b.items],
      ),
    ]),
  ]);
}

describe("patient education content", () => {
  it("covers every topic id, once, in the same order, in both languages", () => {
    expect(en.topics.map((t) => t.id)).toEqual([...TOPIC_IDS]);
    expect(zh.topics.map((t) => t.id)).toEqual([...TOPIC_IDS]);
  });

  it("has the same sections and block shapes per topic in both languages", () => {
    for (const topic of en.topics) {
      const other = zh.topics.find((t) => t.id === topic.id);
      expect(other, topic.id).toBeDefined();
      expect(
        other?.sections.map((s) => s.id),
        topic.id,
      ).toEqual(topic.sections.map((s) => s.id));
      for (const section of topic.sections) {
        const peer = other?.sections.find((s) => s.id === section.id);
        const shape = (b: (typeof section.blocks)[number]) =>
          b.kind === "p" ? "p" : `${b.kind}:${b.items.length}`;
        expect(peer?.blocks.map(shape), `${topic.id}#${section.id}`).toEqual(section.blocks.map(shape));
      }
    }
  });

  it("uses unique, address-safe section ids within each topic", () => {
    for (const topic of en.topics) {
      const ids = topic.sections.map((s) => s.id);
      expect(new Set(ids).size, topic.id).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
    }
  });

  it("has no empty text, and each language is written in its own script", () => {
    for (const t of texts(en)) {
      expect(t.trim().length).toBeGreaterThan(0);
      expect(CJK.test(t), t).toBe(false);
    }
    for (const t of texts(zh)) {
      expect(t.trim().length).toBeGreaterThan(0);
    }
    expect(zh.topics.every((t) => CJK.test(t.title) && CJK.test(t.summary))).toBe(true);
    for (const topic of zh.topics)
      for (const s of topic.sections) expect(CJK.test(s.heading), s.id).toBe(true);
  });

  it("names every modality the issue asks for, in both languages", () => {
    const enAll = texts(en).join("\n");
    const zhAll = texts(zh).join("\n");
    for (const term of [
      "HAIC",
      "TAE",
      "cTACE",
      "DEB-TACE",
      "Y-90",
      "RFA",
      "MWA",
      "argon",
      "helium",
      "mRECIST",
    ]) {
      expect(enAll, term).toContain(term);
    }
    for (const term of [
      "HAIC",
      "TAE",
      "cTACE",
      "DEB-TACE",
      "钇-90",
      "射频消融",
      "微波消融",
      "氩氦刀",
      "栓塞后综合征",
      "肝功能",
    ]) {
      expect(zhAll, term).toContain(term);
    }
    expect(enAll).toContain("post-embolization syndrome");
  });

  it("explains combinations and CIK cell therapy true to the evidence, in both languages", () => {
    const page = (locale: typeof en, id: string) => {
      const t = locale.topics.find((x) => x.id === id);
      return t ? texts({ ...locale, topics: [t] }).join("\n") : "";
    };
    const combo = page(en, "combination-therapy");
    for (const trial of ["LAUNCH", "EMERALD-1", "LEAP-012", "IMbrave050", "BCLC"])
      expect(combo).toContain(trial);
    expect(combo).toContain("Neither study has shown that people live longer overall");
    const cik = page(en, "cik-cell-therapy");
    expect(cik).toContain("about 44 months compared with about 30 months");
    expect(cik).toContain("do not recommend it");
    expect(page(zh, "cik-cell-therapy")).toContain("不推荐这种治疗");
    expect(page(zh, "combination-therapy")).toContain("仑伐替尼联合 TACE");
  });

  it("gives both languages the care-team notice", () => {
    expect(en.strings.disclaimer).toMatch(/care team/);
    expect(en.strings.disclaimer).toMatch(/does not replace medical advice/);
    expect(zh.strings.disclaimer).toMatch(/医疗团队/);
  });
});

describe("personalised summary wording", () => {
  const flat = (o: unknown): string[] =>
    typeof o === "string"
      ? [o]
      : Array.isArray(o)
        ? o.flatMap(flat)
        : o && typeof o === "object"
          ? Object.values(o).flatMap(flat)
          : [];
  const keys = (o: unknown, prefix = ""): string[] =>
    o && typeof o === "object" && !Array.isArray(o)
      ? Object.entries(o).flatMap(([k, v]) => [`${prefix}${k}`, ...keys(v, `${prefix}${k}.`)])
      : [];

  it("has the same keys in both languages, all filled, Chinese in Chinese", () => {
    expect(keys(SUMMARY_TEXT.zh).sort()).toEqual(keys(SUMMARY_TEXT.en).sort());
    expect(SUMMARY_TEXT.zh.next.length).toBe(SUMMARY_TEXT.en.next.length);
    for (const s of flat(SUMMARY_TEXT.en)) expect(s.trim().length).toBeGreaterThan(0);
    for (const s of flat(SUMMARY_TEXT.zh)) expect(s.trim().length).toBeGreaterThan(0);
    expect(CJK.test(SUMMARY_TEXT.zh.title)).toBe(true);
  });

  it("maps every plan option code to a treatment word, and topics to existing education pages", () => {
    const codes = OPTION_CODES;
    for (const c of codes) expect(treatmentWord(c), c).toBeDefined();
    expect(treatmentWord("nonsense")).toBeUndefined();
    for (const topic of Object.values(TREATMENT_TOPIC))
      expect(TOPIC_IDS as readonly string[]).toContain(topic);
  });
});
