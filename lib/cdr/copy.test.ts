import { describe, expect, it } from "vitest";
import { CDR_COPY_COLUMNS, copyValue, isoTime, rejectsToCopyText, toCopyText } from "./copy";
import type { NormalisedCdr } from "./schema";

const ids = { sourceId: "0193a4b2-0000-7000-8000-000000000001", importId: "0193a4b2-0000-7000-8000-000000000002" };
const row: NormalisedCdr = {
  line: 7,
  startedAt: new Date("2026-07-01T15:00:00Z"),
  answeredAt: null,
  endedAt: new Date("2026-07-01T15:00:30.250Z"),
  durationSec: 30.25,
  billSec: 0,
  callerNumber: "+13125550101",
  callerName: 'Evil\t"Name"\\\nX\r',
  callerRaw: '"Evil" <3125550101>',
  calleeNumber: null,
  calleeRaw: "s",
  endpoint: "202",
  disposition: "NO_ANSWER",
  dispositionRaw: "NO ANSWER",
  context: null,
  uniqueId: "1782918000.16",
  linkedId: null,
  naturalKey: "ab".repeat(32),
};

describe("toCopyText", () => {
  it("writes one tab-separated line per row: the ids, then CDR_COPY_COLUMNS in order, escaping untrusted text", () => {
    const text = toCopyText([row, row], ids).toString("utf8");
    const lines = text.split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("");
    expect(lines[0]?.split("\t")).toHaveLength(2 + CDR_COPY_COLUMNS.length);
    expect(lines[0]).toBe(
      [
        ids.sourceId,
        ids.importId,
        "7",
        "2026-07-01T15:00:00.000Z",
        "\\N",
        "2026-07-01T15:00:30.250Z",
        "30.25",
        "0",
        "+13125550101",
        'Evil\\t"Name"\\\\\\nX\\r',
        '"Evil" <3125550101>',
        "\\N",
        "s",
        "202",
        "NO_ANSWER",
        "NO ANSWER",
        "\\N",
        "1782918000.16",
        "\\N",
        "ab".repeat(32),
      ].join("\t"),
    );
  });

  it("keeps UTF-8 and writes every kind of value", () => {
    const other = { ...row, callerName: "Jürgen", answeredAt: new Date("2026-07-01T15:00:05.5Z"), durationSec: null, context: "from-pstn" };
    const fields = toCopyText([other], ids).toString("utf8").split("\t");
    expect(fields.slice(2, 10)).toEqual(["7", "2026-07-01T15:00:00.000Z", "2026-07-01T15:00:05.500Z", "2026-07-01T15:00:30.250Z", "\\N", "0", "+13125550101", "Jürgen"]);
    expect(fields[16]).toBe("from-pstn");
  });

  it("escapes rejects too, each line led by the import's id", () => {
    expect(rejectsToCopyText([{ line: 3, raw: "a\tb\\c", reason: "bad" }], ids.importId).toString("utf8")).toBe(`${ids.importId}\t3\ta\\tb\\\\c\tbad\t\\N\n`);
  });

  it("writes null for non-finite numbers", () => {
    expect(copyValue(Number.NaN)).toBe("\\N");
    expect(copyValue(undefined)).toBe("\\N");
  });

  it("writes times exactly as toISOString does, across days, years and before 1970", () => {
    const times = [0, -1, 86_399_999, 86_400_000, Date.UTC(2026, 2, 29, 1, 59, 59, 999), Date.UTC(2024, 1, 29, 23, 0, 0, 5), Date.UTC(1969, 11, 31, 23, 59, 59, 1)];
    for (let t = Date.UTC(2026, 10, 1, 4); t < Date.UTC(2026, 10, 3); t += 3_599_997) times.push(t);
    for (const t of times) expect(isoTime(new Date(t))).toBe(new Date(t).toISOString());
    // The same instants again, out of order, so the cached day changes back and forth.
    for (const t of times.reverse()) expect(isoTime(new Date(t))).toBe(new Date(t).toISOString());
  });
});
