import { describe, expect, it } from "vitest";
import {
  chiSquareUpper,
  normalQuantile,
  normalUpper,
  twoSidedNormalP,
  zForConfidence,
} from "./distributions.js";

/** Values printed by R 4.2.2 with sprintf("%.17g"). */
const rel = (a: number, b: number): number => Math.abs(a / b - 1);

describe("distribution functions against R", () => {
  it("normal quantile (qnorm)", () => {
    expect(rel(zForConfidence(0.95), 1.9599639845400536)).toBeLessThan(1e-15);
    expect(rel(normalQuantile(1e-10), -6.3613409024040557)).toBeLessThan(1e-14);
    expect(rel(normalQuantile(0.3), -0.52440051270804067)).toBeLessThan(1e-14);
    expect(rel(normalQuantile(0.999999), 4.7534243088170891)).toBeLessThan(1e-14);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it("chi-square upper tail (pchisq lower.tail = FALSE), including tiny p", () => {
    expect(rel(chiSquareUpper(0.5, 1), 0.47950012218695348)).toBeLessThan(1e-12);
    expect(rel(chiSquareUpper(3, 4), 0.55782540037107464)).toBeLessThan(1e-12);
    expect(rel(chiSquareUpper(400, 3), 2.213886593101118e-86)).toBeLessThan(1e-10);
    expect(rel(chiSquareUpper(25, 25), 0.4623736629266138)).toBeLessThan(1e-12);
    expect(rel(chiSquareUpper(1e-8, 2), 0.99999999500000003)).toBeLessThan(1e-14);
    expect(chiSquareUpper(0, 3)).toBe(1);
  });

  it("normal upper tail and two-sided p", () => {
    expect(rel(normalUpper(8), 6.2209605742717849e-16)).toBeLessThan(1e-10);
    expect(rel(normalUpper(0.3), 0.38208857781104733)).toBeLessThan(1e-12);
    expect(rel(normalUpper(-0.3), 1 - 0.38208857781104733)).toBeLessThan(1e-12);
    expect(rel(twoSidedNormalP(-8), 2 * 6.2209605742717849e-16)).toBeLessThan(1e-10);
  });
});
