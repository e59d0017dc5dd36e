import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "@/lib/csv.ts";
import { REJECTS_CSV_HEADER, rejectCsvRow } from "./rejects-csv";

describe("rejects CSV", () => {
  it("quotes cells holding quotes, commas and line breaks", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", twice')).toBe('"say ""hi"", twice"');
    expect(csvCell("a\nb")).toBe('"a\nb"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(42)).toBe("42");
  });

  it("neutralises cells a spreadsheet would read as a formula", () => {
    expect(csvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvCell("+15551234")).toBe("'+15551234");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    // A quoted raw line starts with a quote, which a spreadsheet shows as text.
    expect(csvCell('"","=cmd"')).toBe('""""",""=cmd"""');
  });

  it("round-trips through a CSV parser", () => {
    const text =
      csvRow(REJECTS_CSV_HEADER) +
      rejectCsvRow({ line: 7, reason: 'duration "x" is not a number', field: "duration", raw: '"","3125550101","s"\r\n' }) +
      rejectCsvRow({ line: 9, reason: "wrong column count", field: null, raw: "=cmd,1" });
    expect(parse(text)).toEqual([
      ["line", "reason", "field", "raw"],
      ["7", 'duration "x" is not a number', "duration", '"","3125550101","s"\r\n'],
      ["9", "wrong column count", "", "'=cmd,1"],
    ]);
  });
});
