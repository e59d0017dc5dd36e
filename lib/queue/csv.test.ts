import { describe, expect, it } from "vitest";
import { QUEUE_CSV_HEADER, queueCsvHeader, queueCsvRow } from "./csv.ts";
import type { QueueRow } from "./schema.ts";

const row: QueueRow = {
  customerId: "0193",
  account: "ACME-001",
  name: "Acme Dental",
  level: "LIKELY_SCANNED",
  score: 80,
  rings7: 2,
  rings30: 3,
  lastRingAt: new Date("2026-11-25T09:12:00Z"),
  sweepWith: ["CEDAR-003"],
  sweepCount: 1,
  caseNumber: 7,
  status: "NEW",
  recurrences: 0,
  assigneeId: null,
  assigneeName: null,
  updatedAt: null,
  vendors: ["yealink", "polycom"],
};

describe("queue CSV", () => {
  it("has one header line with every column", () => {
    expect(queueCsvHeader()).toBe(`${QUEUE_CSV_HEADER.join(",")}\r\n`);
  });

  it("writes a row in header order, times in UTC ISO, empty cells for nulls", () => {
    expect(queueCsvRow(row)).toBe(
      "ACME-001,Acme Dental,LIKELY_SCANNED,80,2,3,2026-11-25T09:12:00.000Z,CEDAR-003,7,NEW,0,,,yealink polycom\r\n",
    );
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    // A CR also makes the cell quoted (RFC 4180), the ' goes inside the quotes.
    const expected: [string, string][] = [
      ["=cmd|calc", ",'=cmd|calc,"],
      ["+cmd", ",'+cmd,"],
      ["-cmd", ",'-cmd,"],
      ["@cmd", ",'@cmd,"],
      ["\tcmd", ",'\tcmd,"],
      ["\rcmd", ",\"'\rcmd\","],
    ];
    for (const [name, cell] of expected) expect(queueCsvRow({ ...row, name })).toContain(cell);
    expect(queueCsvRow({ ...row, account: "=1+1", assigneeName: "@SUM(A1)" })).toBe(
      "'=1+1,Acme Dental,LIKELY_SCANNED,80,2,3,2026-11-25T09:12:00.000Z,CEDAR-003,7,NEW,0,'@SUM(A1),,yealink polycom\r\n",
    );
  });

  it("quotes cells holding commas, quotes or line breaks", () => {
    expect(queueCsvRow({ ...row, name: 'Smith, "Jones" & Co\nDental' }).split(",").slice(1, 3).join(",")).toBe(
      '"Smith, ""Jones"" & Co\nDental"',
    );
  });
});
