// The generator's lines are what the tests using them assume: read by the real parser.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { previewCdrFile } from "@/lib/cdr/preview.ts";
import { CDR_BASE, asteriskFile } from "./cdr";

describe("asteriskFile", () => {
  it("writes Asterisk cdr_csv calls a minute apart from CDR_BASE, in UTC, every n-th unanswered", async () => {
    const text = asteriskFile(0, 8, { unansweredEvery: 4 });
    const preview = await previewCdrFile(Readable.from([Buffer.from(text)]), { format: "auto", timeZone: "UTC" });
    expect(preview.detection).toMatchObject({ format: "asterisk" });
    expect(preview.rejects).toEqual([]);
    expect(preview.warnings).toEqual([]);
    expect(preview.rows.map((r) => r.startedAt)).toEqual(Array.from({ length: 8 }, (_, i) => new Date(CDR_BASE + i * 60_000).toISOString()));
    expect(preview.rows.filter((r) => r.disposition !== "ANSWERED").map((r) => r.line)).toEqual([4, 8]);
    expect(preview.rows[0]).toMatchObject({ callerName: "Caller 0", calleeNumber: "200", durationSec: 65 });
  });
});
