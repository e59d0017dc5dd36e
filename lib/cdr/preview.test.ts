import { readFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { asteriskLine } from "@/lib/testing/cdr.ts";
import { CdrFileRefused } from "./errors";
import { previewCdrFile } from "./preview";

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url));

describe("previewCdrFile", () => {
  it("shows what was detected and the rows as they would be stored", async () => {
    const preview = await previewCdrFile(Readable.from([await fixture("asterisk-18.csv")]), { format: "auto", timeZone: "America/Chicago" });
    expect(preview.detection).toMatchObject({ format: "asterisk", overridden: false });
    expect(preview.complete).toBe(true);
    expect(preview.rows).toHaveLength(4);
    expect(preview.rows[0]).toMatchObject({ line: 1, startedAt: "2026-07-01T15:00:00.000Z" });
    expect(preview.rejects).toEqual([]);
  });

  it("stops at 50 rows of a long file, keeping the rejects met on the way", async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => asteriskLine(i));
    lines[3] = '"only","two"';
    const preview = await previewCdrFile(Readable.from([Buffer.from(`${lines.join("\n")}\n`)]), { format: "asterisk", timeZone: "UTC" });
    expect(preview.rows).toHaveLength(50);
    expect(preview.rows.at(-1)?.line).toBe(51);
    expect(preview.rejects).toEqual([expect.objectContaining({ line: 4, raw: '"only","two"' })]);
    expect(preview.complete).toBe(false);
  });

  it("refuses what the loader would refuse, with the reason", async () => {
    await expect(previewCdrFile(Readable.from([Buffer.from("a;b\n1;2\n")]), { format: "asterisk", timeZone: "UTC" })).rejects.toBeInstanceOf(CdrFileRefused);
  });
});
