import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCase } from "../case/parse-case.js";
import { ECOG_MEANINGS, ecog } from "./ecog.js";

const run = (input: unknown) => ecog(parseCase(input).parsed);

describe("ECOG performance status (scores.md §4)", () => {
  it.each([0, 1, 2, 3, 4] as const)("grade %s is reported with its meaning", (grade) => {
    const r = run({ ecog: grade });
    expect(r.status).toBe("ok");
    if (r.status !== "ok") return;
    expect(r.grade).toBe(grade);
    expect(r.meaning).toBe(ECOG_MEANINGS[grade]);
    expect(r.rule).toBe("ecog");
    expect(r.reason).toContain(`status ${grade}`);
    expect(r.citation).toContain("Oken MM");
  });

  it("desk work but unable to jog → 1; in bed about 60 % of the day → 3 (the meanings say so)", () => {
    expect(ECOG_MEANINGS[1]).toContain("light or sedentary work");
    expect(ECOG_MEANINGS[3]).toContain("more than half of waking hours");
  });

  it("both sides of the range: −1 and 5 (dead) are invalid, 0 and 4 are not", () => {
    for (const bad of [-1, 5]) {
      const r = run({ ecog: bad });
      expect(r.status).toBe("invalid");
      if (r.status === "invalid") expect(r.errors).toMatchObject([{ path: "ecog", code: "out-of-range" }]);
    }
    expect(run({ ecog: 0 }).status).toBe("ok");
    expect(run({ ecog: 4 }).status).toBe("ok");
  });

  it("fractions and strings are invalid", () => {
    expect(run({ ecog: 1.5 }).status).toBe("invalid");
    expect(run({ ecog: "1" }).status).toBe("invalid");
  });

  it("absent → indeterminate, missing ecog", () => {
    const r = run({});
    expect(r.status === "indeterminate" && r.missing).toEqual(["ecog"]);
    expect(run({ ecog: null }).status).toBe("indeterminate");
  });

  it("never throws, and is ok exactly for the integers 0–4", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const r = run({ ecog: value });
        const valid = typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 4;
        expect(r.status === "ok").toBe(valid);
      }),
    );
  });
});
