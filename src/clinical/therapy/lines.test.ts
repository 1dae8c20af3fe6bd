import { describe, expect, it } from "vitest";
import { COMBINATION_WINDOW_DAYS, treatmentLines } from "./lines.js";

const tace = (on: string) => ({ modality: "ctace", on });

describe("treatment lines from overlapping treatments", () => {
  it("TACE alone, then TACE + lenvatinib when lenvatinib starts with the third session (LAUNCH-style)", () => {
    const lines = treatmentLines(
      [tace("2024-01-10"), tace("2024-03-05"), tace("2024-06-01"), tace("2024-08-20")],
      [{ regimen: "lenvatinib", start: "2024-06-02", stop: "2025-01-15" }],
    );
    expect(lines.map((l) => [l.number, l.code, l.kind, l.start, l.end])).toEqual([
      [1, "TACE", "locoregional-alone", "2024-01-10", "2024-03-05"],
      [2, "TACE+lenvatinib", "combined", "2024-06-01", "2025-01-15"],
    ]);
  });

  it(`a TACE more than ${COMBINATION_WINDOW_DAYS} days before the drug starts stays its own line`, () => {
    const lines = treatmentLines(
      [tace("2024-01-01")],
      [{ regimen: "lenvatinib", start: "2024-02-15", stop: null }],
    );
    expect(lines.map((l) => l.code)).toEqual(["TACE", "lenvatinib"]);
    expect(lines[1]?.kind).toBe("systemic-alone");
  });

  it("a procedure after the regimen stopped opens a new locoregional line; families are merged and ordered", () => {
    const lines = treatmentLines(
      [
        tace("2024-01-01"),
        { modality: "haic", on: "2024-02-01" },
        { modality: "microwave-ablation", on: "2024-09-01" },
        tace("2024-10-01"),
      ],
      [{ regimen: "atezolizumab-bevacizumab", start: "2024-01-20", stop: "2024-07-01" }],
    );
    expect(lines.map((l) => l.code)).toEqual(["TACE+HAIC+atezolizumab-bevacizumab", "TACE+ablation"]);
  });

  it("no treatment, no line; dates with times are read as dates", () => {
    expect(treatmentLines([], [])).toEqual([]);
    expect(treatmentLines([{ modality: "tare-glass", on: "2024-05-01T09:30:00Z" }], [])[0]?.start).toBe(
      "2024-05-01",
    );
  });
});
