/** Table mappings (CLI `assess --map`): a mapping cannot write through to Object.prototype. */
import { describe, expect, it } from "vitest";
import { parseTableMapping, rowToCase } from "./tabular.js";

describe("table mapping and prototype names", () => {
  it("refuses a target path through a prototype property, naming it", () => {
    for (const target of ["__proto__.polluted", "constructor.prototype.polluted", "labs.toString"]) {
      const r = parseTableMapping({ fields: { [target]: { column: "a" } } }, ["a"]);
      expect(r).toEqual({
        ok: false,
        errors: [
          { path: `fields.${target}`, code: "not-allowed", message: `fields.${target} is not a case path` },
        ],
      });
    }
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it("maps ordinary dotted paths, and a prototype name as a cell value is just text", () => {
    const r = parseTableMapping(
      {
        fields: {
          "labs.bilirubin": { column: "bili", unit: "mg/dL" },
          ascites: { column: "asc", type: "string" },
        },
      },
      ["bili", "asc"],
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(rowToCase({ bili: "1.2", asc: "constructor" }, r.mapping, 1)).toEqual({
      id: "row-1",
      labs: { bilirubin: { value: 1.2, unit: "mg/dL" } },
      ascites: "constructor",
    });
  });
});
