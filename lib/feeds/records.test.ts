// Pushed CDRs get the normalisation and the natural key of the export they mirror: the same call
// from mod_json_cdr / mod_xml_cdr and from mod_cdr_csv's Master.csv, or from the AMI Cdr event and
// from cdr_csv's Master.csv, has one key (so it is stored once whichever arrives first).
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseCdrStream } from "@/lib/cdr/parse.ts";
import type { NormalisedCdr } from "@/lib/cdr/schema.ts";
import { AmiFramer } from "./ami.ts";
import { readFreeswitchBody } from "./freeswitch.ts";
import { mergeRanges } from "./ranges.ts";
import { amiFields, pushFields, readFeedRecords } from "./records.ts";

const CHICAGO = { timeZone: "America/Chicago", defaultCountry: "US", format: "freeswitch", mapping: null };
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

async function csvRows(text: string, format: "freeswitch" | "asterisk"): Promise<NormalisedCdr[]> {
  const rows: NormalisedCdr[] = [];
  for await (const ev of parseCdrStream(Readable.from([Buffer.from(text)]), { format, timeZone: "America/Chicago", defaultCountry: "US" })) {
    if (ev.kind === "rows") rows.push(...ev.rows);
  }
  return rows;
}

describe("readFeedRecords", () => {
  it("reads a mod_json_cdr CDR as its Master.csv line reads: same times, numbers, disposition and natural key", async () => {
    const body = readFreeswitchBody("application/json", fixture("mod_json_cdr.json"));
    if ("error" in body) throw new Error(body.error);
    const read = readFeedRecords("freeswitch", CHICAGO, body.cdrs);
    expect(read.rejects).toEqual([]);
    const [row] = read.rows;
    expect(row).toMatchObject({
      startedAt: new Date("2026-11-03T16:00:00Z"),
      endedAt: new Date("2026-11-03T16:00:25Z"),
      answeredAt: null,
      callerNumber: "+13125550101",
      callerName: "sipvicious",
      calleeNumber: "+13125550202",
      disposition: "NO_ANSWER",
      dispositionRaw: "ORIGINATOR_CANCEL",
      context: "public",
      uniqueId: "3f2c9d1e-7b6a-11ef-9c4d-0242ac120002",
    });
    const [csv] = await csvRows(
      '"sipvicious","+13125550101","13125550202","public","2026-11-03 10:00:00","","2026-11-03 10:00:25","25","0","ORIGINATOR_CANCEL","3f2c9d1e-7b6a-11ef-9c4d-0242ac120002","","","PCMU","PCMU"\n',
      "freeswitch",
    );
    expect(row!.naturalKey).toBe(csv!.naturalKey);
    expect({ ...row, line: 0, naturalKey: "" }).toEqual({ ...csv, line: 0, naturalKey: "" });
  });

  it("reads an AMI Cdr event as its cdr_csv Master.csv line reads, natural key included", async () => {
    const [event] = new AmiFramer().push(fixture("ami-cdr-event.txt"));
    const read = readFeedRecords("ami", { ...CHICAGO, format: "asterisk" }, [{ fields: amiFields(event!), raw: event!.raw }]);
    expect(read.rows[0]).toMatchObject({ startedAt: new Date("2026-11-03T16:00:00Z"), callerNumber: "+13125550101", calleeNumber: "202", endpoint: "202", disposition: "NO_ANSWER" });
    const [csv] = await csvRows(
      '"","3125550101","202","from-pstn","""sipvicious"" <3125550101>","PJSIP/trunk-00000012","PJSIP/202-00000013","Dial","PJSIP/202,30,tT","2026-11-03 10:00:00",,"2026-11-03 10:00:25",25,0,"NO ANSWER","DOCUMENTATION","1762185600.18",""\n',
      "asterisk",
    );
    expect(read.rows[0]!.naturalKey).toBe(csv!.naturalKey);
  });

  it("reads a JSON push with the mapped format's fields (ISO times with an offset, numbers as numbers), and keeps a CDR that does not read as a reject with its text", () => {
    const good = { start: "2026-11-03T10:00:00-06:00", callee: "202", caller: '"Scanner" <+13125550101>', disposition: "NO ANSWER", duration: 25, billsec: 0, uniqueId: "a1" };
    const bad = { start: "yesterday", callee: "202" };
    const read = readFeedRecords("push", { ...CHICAGO, format: "asterisk" }, [good, bad].map((c) => ({ fields: pushFields(c), raw: JSON.stringify(c) })));
    expect(read.rows).toHaveLength(1);
    expect(read.rows[0]).toMatchObject({ line: 1, startedAt: new Date("2026-11-03T16:00:00Z"), callerNumber: "+13125550101", callerName: "Scanner", durationSec: 25, billSec: 0 });
    expect(read.rejects).toEqual([{ line: 2, raw: JSON.stringify(bad), reason: 'start time "yesterday" is not a valid ymd date-time', field: "start" }]);
  });

  it("reads a push with the mapped source's own date format", () => {
    const source = { ...CHICAGO, format: "mapped", mapping: { start: "s", caller: "c", callee: "d", dateFormat: "epoch" } };
    const read = readFeedRecords("push", source, [{ fields: pushFields({ start: 1762185600, callee: "202", caller: "100" }), raw: "{}" }]);
    expect(read.rows[0]!.startedAt).toEqual(new Date(1762185600_000));
  });

  it("replaces NUL (PostgreSQL text cannot hold it) in fields and in a reject's text", () => {
    const read = readFeedRecords("push", CHICAGO, [{ fields: pushFields({ start: "2026-11-03 10:00:00", callee: "2\u00002", caller: "1" }), raw: "a\u0000" }, { fields: pushFields({}), raw: "b\u0000" }]);
    expect(read.rows[0]!.calleeRaw).toBe("2\uFFFD2");
    expect(read.rejects[0]).toMatchObject({ raw: "b\uFFFD", reason: "start time is empty", field: "start" });
  });


  it("refuses alone a CDR whose callee or endpoint could not fit cdr's indexes", () => {
    const huge = "ᐁ😀x".repeat(500);
    const read = readFeedRecords("push", CHICAGO, [{ fields: pushFields({ start: "2026-11-03 10:00:00", callee: "202", endpoint: huge }), raw: "x" }, { fields: pushFields({ start: "2026-11-03 10:00:00", callee: "203" }), raw: "y" }]);
    expect(read.rows.map((r) => r.calleeRaw)).toEqual(["203"]);
    expect(read.rejects).toEqual([{ line: 1, raw: "x", reason: "endpoint is longer than 1000 bytes (not a number or extension)", field: "endpoint" }]);
  });
});

describe("mergeRanges", () => {
  const t = (min: number) => new Date(Date.UTC(2026, 10, 3, 10, min));
  it("merges periods closer than the gap, keeps far ones apart, in time order", () => {
    expect(mergeRanges([{ from: t(50), to: t(55) }, { from: t(0), to: t(1) }, { from: t(3), to: t(4) }], 5 * 60_000)).toEqual([
      { from: t(0), to: t(4) },
      { from: t(50), to: t(55) },
    ]);
  });
});
