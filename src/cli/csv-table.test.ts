import { describe, expect, it } from "vitest";
import { CsvError, numericCell, parseCsv } from "./csv-table.js";

describe("RFC 4180 reader", () => {
  it("BOM, CRLF, quoted commas, doubled quotes, newline inside quotes, no final newline", () => {
    const t = parseCsv(
      '\uFEFFid,regimen,note\r\n1,"Cisplatin, doxorubicin","say ""hi"""\r\n2,NA,"two\nlines"',
    );
    expect(t.header).toEqual(["id", "regimen", "note"]);
    expect(t.rows).toEqual([
      ["1", "Cisplatin, doxorubicin", 'say "hi"'],
      ["2", "NA", "two\nlines"],
    ]);
  });

  it("empty fields, blank lines skipped, final newline", () => {
    const t = parseCsv('a,b,c\n1,,\n\n,"",3\n');
    expect(t.rows).toEqual([
      ["1", "", ""],
      ["", "", "3"],
    ]);
  });

  it("errors carry the line", () => {
    expect(() => parseCsv("a,b\n1,2\n3\n")).toThrow(CsvError);
    expect(() => parseCsv("a,b\n1,2\n3\n")).toThrow(/line 3: 1 fields where the header has 2/);
    expect(() => parseCsv('a,b\n1,"2\n')).toThrow(/unterminated/);
    expect(() => parseCsv('a,b\n1,"2"x\n')).toThrow(/after a closing quote/);
    expect(() => parseCsv("")).toThrow(/no header/);
  });

  it("numeric cells as read.csv: empty and NA missing, text not a number", () => {
    expect(numericCell("")).toBeNull();
    expect(numericCell("NA")).toBeNull();
    expect(numericCell(" 12.5 ")).toBe(12.5);
    expect(numericCell("1e3")).toBe(1000);
    expect(numericCell("Stage-A")).toBeUndefined();
  });
});
