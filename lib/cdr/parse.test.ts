import { existsSync, readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { CdrFileRefused } from "./errors";
import { parseCdrStream } from "./parse";
import type { CdrDetection, CdrParseOptions, CdrParseSummary, CdrWarning, NormalisedCdr, RejectedRow } from "./schema";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

async function parseAll(input: Buffer | string | Buffer[], options: Partial<CdrParseOptions> = {}) {
  const chunks = Array.isArray(input) ? input : [typeof input === "string" ? Buffer.from(input) : input];
  const rows: NormalisedCdr[] = [];
  const rejects: RejectedRow[] = [];
  const warnings: CdrWarning[] = [];
  let detection: CdrDetection | undefined;
  let summary: CdrParseSummary | undefined;
  for await (const ev of parseCdrStream(Readable.from(chunks), { timeZone: "UTC", ...options })) {
    if (ev.kind === "rows") rows.push(...ev.rows);
    else if (ev.kind === "reject") rejects.push(ev.reject);
    else if (ev.kind === "warning") warnings.push(ev.warning);
    else if (ev.kind === "detected") detection = ev.detection;
    else summary = ev.summary;
  }
  if (summary === undefined || detection === undefined) throw new Error("no summary");
  return { rows, rejects, warnings, detection, summary };
}

async function refusal(input: Buffer | string, options: Partial<CdrParseOptions> = {}): Promise<CdrFileRefused> {
  try {
    await parseAll(input, options);
  } catch (err) {
    if (err instanceof CdrFileRefused) return err;
    throw err;
  }
  throw new Error("not refused");
}

const iso = (d: Date | null) => d?.toISOString() ?? null;
const chicago = { timeZone: "America/Chicago", defaultCountry: "US" };

describe("Asterisk cdr_csv", () => {
  it("normalises times, numbers, caller IDs, endpoints and dispositions", async () => {
    const { rows, summary } = await parseAll(fixture("asterisk-18.csv"), chicago);
    expect(rows.map((r) => r.callerNumber)).toEqual(["+13125550101", "+13125550101", "+13125550101", "100"]);
    const [first, second, third, fourth] = rows;
    expect(first).toMatchObject({
      line: 1,
      durationSec: 65,
      billSec: 60,
      callerName: "Alice Smith",
      callerRaw: '"Alice Smith" <3125550101>',
      calleeNumber: null,
      calleeRaw: "s",
      endpoint: "202",
      disposition: "ANSWERED",
      context: "from-pstn",
      uniqueId: "1782918000.16",
      linkedId: null,
    });
    expect([iso(first!.startedAt), iso(first!.answeredAt), iso(first!.endedAt)]).toEqual([
      "2026-07-01T15:00:00.000Z",
      "2026-07-01T15:00:05.000Z",
      "2026-07-01T15:01:05.000Z",
    ]);
    expect(second).toMatchObject({ answeredAt: null, disposition: "NO_ANSWER", dispositionRaw: "NO ANSWER", endpoint: "203" });
    expect(third).toMatchObject({ callerName: "Bob, Jr.", calleeNumber: "+12025550123", endpoint: "trunk", disposition: "BUSY" });
    expect(fourth).toMatchObject({ callerName: null, calleeNumber: "202", endpoint: null, disposition: "FAILED" });
    expect(summary).toMatchObject({ rowsRead: 4, accepted: 4, rejected: 0, warnings: 0 });
    expect(iso(summary.earliestStartedAt)).toBe("2026-07-01T15:00:00.000Z");
    expect(iso(summary.latestStartedAt)).toBe("2026-07-01T15:20:00.000Z");
    expect(summary.timeZone).toMatchObject({ method: "asterisk-uniqueid", samples: 4, agreeing: 4, inferredOffsetMinutes: -300, verdict: "agrees" });
  });

  it("reads 16 columns with CRLF line ends and derives nothing it does not need", async () => {
    const { rows, summary } = await parseAll(fixture("asterisk-16.csv"), chicago);
    expect(rows.map((r) => [r.line, r.uniqueId, r.disposition, r.calleeNumber, r.endpoint])).toEqual([
      [1, null, "ANSWERED", "+13125550199", "trunk"],
      [2, null, "FAILED", "+13125550198", null],
    ]);
    expect(summary.timeZone.verdict).toBe("unknown");
  });

  it("reads 17 columns (userfield) and 21 columns (linkedid, sequence)", async () => {
    const seventeen = await parseAll(fixture("asterisk-17-userfield.csv"), chicago);
    expect(seventeen.rows[0]).toMatchObject({ uniqueId: null, endpoint: "202", billSec: 10 });
    const { rows } = await parseAll(fixture("asterisk-21.csv"), chicago);
    expect(rows.map((r) => [r.uniqueId, r.linkedId, r.endpoint, r.disposition])).toEqual([
      ["pbx1-1782918000.40", "pbx1-1782918000.40", "202", "ANSWERED"],
      ["pbx1-1782918000.40", "pbx1-1782918000.40", "203", "NO_ANSWER"],
    ]);
    expect(rows[0]?.naturalKey).not.toBe(rows[1]?.naturalKey);
  });

  it("keys a call the same whatever time zone reads it, and in start order", async () => {
    const file = fixture("asterisk-five-cdrs-one-uniqueid.csv");
    const utc = await parseAll(file);
    const chicagoRows = await parseAll(file, chicago);
    expect(chicagoRows.rows.map((r) => r.naturalKey)).toEqual(utc.rows.map((r) => r.naturalKey));
    expect(chicagoRows.rows[0]?.startedAt).not.toEqual(utc.rows[0]?.startedAt);
    // Keys lead with the start in seconds: sorted keys are sorted starts.
    const byKey = [...utc.rows].sort((a, b) => (a.naturalKey < b.naturalKey ? -1 : 1)).map((r) => r.startedAt.getTime());
    expect(byKey).toEqual([...byKey].sort((a, b) => a - b));
    expect(utc.rows[0]?.naturalKey.slice(0, 10)).toBe((Math.floor(utc.rows[0]!.startedAt.getTime() / 1000) + 2 ** 34).toString(16).padStart(10, "0"));
  });

  it("gives five distinct natural keys to five CDRs of one channel, and the same keys on a re-read", async () => {
    const first = await parseAll(fixture("asterisk-five-cdrs-one-uniqueid.csv"));
    expect(new Set(first.rows.map((r) => r.uniqueId))).toEqual(new Set(["1770091506.0"]));
    expect(new Set(first.rows.map((r) => r.naturalKey)).size).toBe(5);
    expect(first.rows[0]?.naturalKey).toMatch(/^[0-9a-f]{42}$/);
    const again = await parseAll([fixture("asterisk-five-cdrs-one-uniqueid.csv").subarray(0, 100), fixture("asterisk-five-cdrs-one-uniqueid.csv").subarray(100)]);
    expect(again.rows.map((r) => r.naturalKey)).toEqual(first.rows.map((r) => r.naturalKey));
  });

  it("keys the same CDR the same in Master.csv and in a FreePBX download, whatever the zone setting", async () => {
    const master = await parseAll(fixture("asterisk-18.csv"), chicago);
    const freepbx = await parseAll(fixture("freepbx-26.csv"), { timeZone: "Europe/Paris" });
    expect(freepbx.rows[0]?.naturalKey).not.toBe(master.rows[0]?.naturalKey); // FreePBX dst is 202, Master.csv has s
    const overlap = await parseAll(fixture("asterisk-18.csv").toString("utf8").split("\n").slice(2).join("\n"), { timeZone: "UTC" });
    expect(overlap.rows.map((r) => r.naturalKey)).toEqual(master.rows.slice(2).map((r) => r.naturalKey));
  });
});

describe("other formats", () => {
  it("cdr_custom: clid first, fractional durations", async () => {
    const { rows } = await parseAll(fixture("asterisk-custom-19.csv"), chicago);
    expect(rows.map((r) => [r.callerName, r.callerNumber, r.endpoint, r.durationSec, r.billSec, r.disposition])).toEqual([
      ["Alice Smith", "+13125550101", "202", 65, 60, "ANSWERED"],
      ["Bob", "+13125550102", "203", 30.25, 0, "NO_ANSWER"],
    ]);
    expect(iso(rows[0]!.startedAt)).toBe("2026-07-01T15:00:00.000Z");
  });

  it("FreePBX: calldate only, answer/end derived from duration and billsec, reordered Hebrew-style clid", async () => {
    const { rows } = await parseAll(fixture("freepbx-26.csv"), chicago);
    expect(rows[0]).toMatchObject({ callerName: "Alice Smith", calleeNumber: "202", endpoint: "202", linkedId: "1782918000.16" });
    expect([iso(rows[0]!.startedAt), iso(rows[0]!.answeredAt), iso(rows[0]!.endedAt)]).toEqual([
      "2026-07-01T15:00:00.000Z",
      "2026-07-01T15:00:05.000Z",
      "2026-07-01T15:01:05.000Z",
    ]);
    expect(rows[1]).toMatchObject({ callerName: "Dana", callerNumber: "+13125550102", answeredAt: null, disposition: "NO_ANSWER" });
    const old = await parseAll(fixture("freepbx-16.csv"), chicago);
    expect(old.rows[0]).toMatchObject({ endpoint: "202", billSec: 60, linkedId: null });
  });

  it("FreeSWITCH: default template's stray space, hangup causes, v1 uuid zone check", async () => {
    const { rows, summary } = await parseAll(fixture("freeswitch-13.csv"), chicago);
    expect(rows.map((r) => [r.callerName, r.callerNumber, r.calleeNumber, r.disposition, r.dispositionRaw])).toEqual([
      ["Alice", "+13125550101", "1000", "ANSWERED", "NORMAL_CLEARING"],
      [null, "0000000000", null, "FAILED", "CALL_REJECTED"],
    ]);
    expect(rows[0]?.linkedId).toBe("88a32e80-755d-11f1-8a1b-0a0b0c0d0e10");
    expect(summary.timeZone).toMatchObject({ method: "freeswitch-uuid", samples: 2, agreeing: 2, verdict: "agrees" });
    const example = await parseAll(fixture("freeswitch-15.csv"), chicago);
    expect(example.rows.map((r) => [r.callerName, r.callerNumber, r.calleeNumber, r.context, r.disposition])).toEqual([
      ["sipvicious", "100", "0034688886392", "public", "FAILED"],
      ["Bob", "1001", "1002", "default", "NO_ANSWER"],
      ["Bob", "1001", "1003", "default", "BUSY"],
    ]);
  });

  it("3CX v18: BOM, Ext.NNN, national numbers, talk time, callid zone check", async () => {
    const { rows, summary } = await parseAll(fixture("3cx-v18.csv"), { timeZone: "Europe/Paris", defaultCountry: "FR" });
    expect(summary.bom).toBe(true);
    expect(rows.map((r) => [r.callerNumber, r.calleeNumber, r.endpoint, r.billSec, r.durationSec, r.disposition])).toEqual([
      ["+33611360468", "610", "185", 315, 316, "ANSWERED"],
      ["315", "184", "184", null, 16, "NO_ANSWER"],
      ["184", "+33611360469", null, null, 1, "BUSY"],
    ]);
    expect(iso(rows[0]!.startedAt)).toBe("2026-05-04T08:53:43.000Z");
    expect(summary.timeZone).toMatchObject({ method: "3cx-callid", inferredOffsetMinutes: 120, verdict: "agrees" });
  });

  it("3CX v20 writes UTC: a local zone setting is flagged", async () => {
    const { rows, warnings, summary } = await parseAll(fixture("3cx-v20.csv"), { timeZone: "Europe/Stockholm", defaultCountry: "SE" });
    expect(rows[0]).toMatchObject({ callerNumber: "10016", calleeNumber: "+46703014082", endpoint: null, billSec: 25 });
    expect(summary.timeZone).toMatchObject({ inferredOffsetMinutes: 0, configuredOffsetMinutes: 120, verdict: "disagrees" });
    expect(warnings.find((w) => w.code === "timezone-mismatch")?.message).toContain("UTC+00:00 for 1 of 1 rows, but the source's time zone Europe/Stockholm gives UTC+02:00");
  });

  it("CUCM: epoch UTC whatever the zone, datatype row skipped, non-CDR record types rejected", async () => {
    const { rows, rejects, summary } = await parseAll(fixture("cucm-typed.csv"), chicago);
    expect(rows.map((r) => [iso(r.startedAt), iso(r.answeredAt), iso(r.endedAt), r.callerNumber, r.calleeNumber, r.endpoint, r.disposition])).toEqual([
      ["2026-07-01T15:00:00.000Z", "2026-07-01T15:00:04.000Z", "2026-07-01T15:01:04.000Z", "51002", "+13125550101", "51003", "ANSWERED"],
      ["2026-07-01T15:05:00.000Z", null, "2026-07-01T15:05:02.000Z", "+13125550101", "51003", "51003", "BUSY"],
      ["2026-07-01T15:10:00.000Z", null, "2026-07-01T15:10:01.000Z", "100", "51004", "51004", "NO_ANSWER"],
    ]);
    expect(rows[1]).toMatchObject({ dispositionRaw: "0/17", uniqueId: "0f6c4c5e-0b5a-4f6e-9a1c-000000000002", linkedId: "1002" });
    expect(rejects).toEqual([expect.objectContaining({ line: 6, reason: 'cdrRecordType "2" is not an end-of-call CDR (1)' })]);
    expect(summary).toMatchObject({ rowsRead: 4, accepted: 3, rejected: 1 });
    expect(summary.timeZone.verdict).toBe("not-applicable");
    expect((await parseAll(fixture("cucm-car.csv"))).rows).toHaveLength(1);
  });

  it("mapped: semicolons, day-first dates, named columns", async () => {
    const { rows } = await parseAll(fixture("mapped-semicolon.csv"), {
      ...chicago,
      format: "mapped",
      mapping: {
        start: "Date",
        caller: "From",
        callee: "To",
        disposition: "Result",
        billsec: "Talk (s)",
        endpoint: "Extension",
        uniqueId: "Call ID",
        dateFormat: "dmy",
        hasHeader: true,
        delimiter: ";",
      },
    });
    expect(rows.map((r) => [iso(r.startedAt), r.callerNumber, r.calleeNumber, r.endpoint, r.disposition, r.uniqueId])).toEqual([
      ["2026-07-01T15:00:00.000Z", "+13125550101", "202", "202", "ANSWERED", "a-1"],
      ["2026-07-01T15:05:00.000Z", "+13125550102", "202", "202", "NO_ANSWER", "a-2"],
    ]);
  });

  it("lets the user override detection", async () => {
    const { detection } = await parseAll(fixture("asterisk-18.csv"), { format: "asterisk" });
    expect(detection).toMatchObject({ format: "asterisk", overridden: true });
  });
});

describe("bad input", () => {
  const good = fixture("asterisk-18.csv").toString("utf8");

  it("refuses an empty file, a blank file and a binary file before yielding anything", async () => {
    expect((await refusal("")).message).toBe("file is empty");
    expect((await refusal("\n\n  \n")).code).toBe("empty");
    const binary = await refusal(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    expect(binary.code).toBe("binary");
    expect(binary.message).toBe("line 3: file is binary, not CSV text (NUL byte at offset 8)");
    expect(binary.line).toBe(3);
    expect((await refusal(Buffer.from("PK\x03\x04rest-of-zip", "latin1"))).message).toContain("ZIP archive");
    expect((await refusal(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).code).toBe("unsupported-encoding");
  });

  it("refuses a file that matches no known shape, naming file and line", async () => {
    const err = await refusal("1,2,3,4,5\n", { format: "asterisk", fileName: "Master.csv" });
    expect(err.message).toBe("Master.csv: 16, 17, 18 or 21 columns expected for Asterisk cdr_csv, line 1 has 5");
    expect(err.code).toBe("format-mismatch");
    expect((await refusal("x;y\n1;2\n")).code).toBe("unknown-format");
  });

  it("refuses bad options", async () => {
    expect((await refusal(good, { timeZone: "Mars/Olympus" })).code).toBe("bad-options");
    expect((await refusal(good, { format: "mapped" })).message).toContain("column mapping");
  });

  it("rejects a truncated last line (cut inside a quote) and keeps its text", async () => {
    const cut = good.slice(0, good.lastIndexOf(',"scanner?"') + 5);
    const { rows, rejects, summary } = await parseAll(cut);
    expect(rows).toHaveLength(3);
    expect(rejects).toEqual([
      { line: 4, raw: expect.stringMatching(/^"","100","202".*,"sca$/), reason: expect.stringContaining("unterminated quote") },
    ]);
    expect(summary).toMatchObject({ rowsRead: 4, accepted: 3, rejected: 1 });
  });

  it("rejects a truncated last line cut between fields as a wrong column count", async () => {
    const cut = good.slice(0, good.lastIndexOf(",0,0,"));
    const { rejects } = await parseAll(cut);
    expect(rejects[0]).toMatchObject({
      line: 4,
      reason: "wrong column count: 16, 17, 18 or 21 columns expected for Asterisk cdr_csv, line 4 has 12 (the last line has no line end: file truncated?)",
    });
  });

  it("rejects a mid-file quoting error and keeps the rows around it", async () => {
    const lines = good.trimEnd().split("\n");
    lines[1] = lines[1]!.replace('"""Alice Smith"" <13125550101>"', '"Alice "the boss" Smith <13125550101>"');
    const { rows, rejects, summary } = await parseAll(`${lines.join("\n")}\n`);
    expect(rows.map((r) => r.line)).toEqual([1, 3, 4]);
    expect(rejects).toEqual([{ line: 2, raw: expect.stringContaining('"Alice "'), reason: "unescaped quote inside a quoted field" }]);
    expect(summary.rowsRead).toBe(summary.accepted + summary.rejected);
  });

  it("rejects bad dates and bad numbers with the field", async () => {
    const bad = good.replace("2026-07-01 10:05:00", "2026-02-30 10:05:00").replace(",4,0,", ",four,0,");
    const { rejects, summary } = await parseAll(bad);
    expect(rejects).toEqual([
      expect.objectContaining({ line: 2, field: "start", reason: 'start time "2026-02-30 10:05:00" is not a valid ymd date-time' }),
      expect.objectContaining({ line: 3, field: "duration", reason: 'duration "four" is not a number of seconds' }),
    ]);
    expect(summary).toMatchObject({ rowsRead: 4, accepted: 2, rejected: 2 });
  });

  it("rejects a short row mid-file, and warns once for files that mix valid counts", async () => {
    const lines = good.trimEnd().split("\n");
    const sixteen = fixture("asterisk-16.csv").toString("utf8").split("\r\n")[0];
    const { rows, rejects, warnings } = await parseAll([lines[0], '"x","y"', lines[1], sixteen, lines[2], ""].join("\n"));
    expect(rejects).toEqual([{ line: 2, raw: '"x","y"', reason: "wrong column count: 16, 17, 18 or 21 columns expected for Asterisk cdr_csv, line 2 has 2" }]);
    expect(rows.map((r) => r.line)).toEqual([1, 3, 4, 5]);
    expect(warnings.filter((w) => w.code === "mixed-column-counts")).toHaveLength(1);
  });

  it("decodes invalid UTF-8 per field as Windows-1252 and warns, without rejecting", async () => {
    const latin = Buffer.concat([
      Buffer.from('"","201","202","from-internal","""'),
      Buffer.from([0x4a, 0xfc, 0x72, 0x67, 0x65, 0x6e]), // "Jürgen" in Windows-1252
      Buffer.from('"" <201>","PJSIP/201-00000001","PJSIP/202-00000002","Dial","","2026-07-01 10:00:00",,"2026-07-01 10:00:10",10,0,"NO ANSWER","DOCUMENTATION","1782918000.1","Zoë"\n'),
    ]);
    const { rows, warnings, summary } = await parseAll(latin, chicago);
    expect(rows[0]).toMatchObject({ callerName: "Jürgen", callerRaw: '"Jürgen" <201>' });
    expect(warnings).toEqual([expect.objectContaining({ code: "invalid-utf8", line: 1, field: "clid" })]);
    expect(summary).toMatchObject({ accepted: 1, rejected: 0, warningCounts: { "invalid-utf8": 1 } });
  });

  it("accepts a UTF-8 BOM and gzip input", async () => {
    const bom = await parseAll(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(good)]));
    expect(bom.summary).toMatchObject({ bom: true, accepted: 4 });
    const zipped = gzipSync(Buffer.from(good));
    const gz = await parseAll([zipped.subarray(0, 1), zipped.subarray(1, 50), zipped.subarray(50)]);
    expect(gz.summary).toMatchObject({ gzip: true, accepted: 4, rejected: 0 });
    expect(gz.rows.map((r) => r.naturalKey)).toEqual(bom.rows.map((r) => r.naturalKey));
  });

  it("warns about a truncated gzip stream and keeps what was inflated", async () => {
    const many = Array.from({ length: 2000 }, () => good).join("");
    const zipped = gzipSync(Buffer.from(many));
    const { summary, warnings } = await parseAll(zipped.subarray(0, zipped.length - 20));
    expect(warnings.some((w) => w.code === "gzip-truncated")).toBe(true);
    expect(summary.accepted).toBeGreaterThan(7000);
    expect(summary.rowsRead).toBe(summary.accepted + summary.rejected);
  });
});

describe("time zones", () => {
  const row = (start: string, uniqueid: string) =>
    `"","3125550101","202","from-pstn","""A"" <3125550101>","PJSIP/trunk-00000001","PJSIP/202-00000002","Dial","","${start}","${start}","${start}",0,0,"ANSWERED","DOCUMENTATION","${uniqueid}",""`;

  it("America/Chicago 2026-11-01 01:30 happens twice: uniqueids tell the two calls apart", async () => {
    const { rows, warnings } = await parseAll([row("2026-11-01 01:30:00", "1793514600.1"), row("2026-11-01 01:30:00", "1793518200.2"), ""].join("\n"), chicago);
    expect(rows.map((r) => iso(r.startedAt))).toEqual(["2026-11-01T06:30:00.000Z", "2026-11-01T07:30:00.000Z"]);
    expect(warnings.filter((w) => w.field === "start").map((w) => [w.code, w.line])).toEqual([
      ["ambiguous-local-time", 1],
      ["ambiguous-local-time", 2],
    ]);
  });

  it("without an id, an ambiguous time takes its first occurrence and an end before start takes the second", async () => {
    const ambiguous =
      `"","201","202","from-internal","""A"" <201>","SIP/201-00000001","SIP/202-00000002","Dial","",` +
      `"2026-11-01 01:50:00","2026-11-01 01:50:10","2026-11-01 01:10:00",1200,1190,"ANSWERED","DOCUMENTATION"\n`;
    const { rows, warnings } = await parseAll(ambiguous, chicago);
    expect([iso(rows[0]!.startedAt), iso(rows[0]!.answeredAt), iso(rows[0]!.endedAt)]).toEqual([
      "2026-11-01T06:50:00.000Z",
      "2026-11-01T06:50:10.000Z",
      "2026-11-01T07:10:00.000Z",
    ]);
    expect(warnings.map((w) => w.field)).toEqual(["start", "answer", "end"]);
  });

  it("Europe/Berlin 2026-03-29 02:30 does not exist: read as 03:30 CEST and warned", async () => {
    const { rows, warnings, summary } = await parseAll(`${row("2026-03-29 02:30:00", "")}\n`, { timeZone: "Europe/Berlin" });
    expect(iso(rows[0]!.startedAt)).toBe("2026-03-29T01:30:00.000Z");
    expect(warnings[0]).toMatchObject({ code: "nonexistent-local-time", line: 1, field: "start" });
    expect(summary.warningCounts["nonexistent-local-time"]).toBe(2); // start and end (answer is the same text)
  });

  it("flags a configured zone that the uniqueids contradict (usegmtime=yes)", async () => {
    const { summary, warnings } = await parseAll(fixture("asterisk-five-cdrs-one-uniqueid.csv"), chicago);
    expect(summary.timeZone).toMatchObject({ inferredOffsetMinutes: 0, configuredOffsetMinutes: -360, verdict: "disagrees" });
    expect(warnings.at(-1)?.code).toBe("timezone-mismatch");
  });
});

const SAMPLES = new URL("../../../shared/samples/cdr/", import.meta.url);
describe.skipIf(!existsSync(SAMPLES))("real exports in /work/shared/samples/cdr", () => {
  const sample = (name: string) => readFileSync(new URL(name, SAMPLES));

  it("asterisk/testsuite good.csv: five CDRs of one uniqueid, five keys, GMT times", async () => {
    const { rows, summary } = await parseAll(sample("asterisk-cdr_csv_testsuite-good.csv"));
    expect(rows.map((r) => r.disposition)).toEqual(["ANSWERED", "ANSWERED", "FAILED", "NO_ANSWER", "BUSY"]);
    expect(new Set(rows.map((r) => r.naturalKey)).size).toBe(5);
    expect(iso(rows[0]!.startedAt)).toBe("2009-01-14T23:51:15.000Z");
    expect(summary.timeZone).toMatchObject({ samples: 5, agreeing: 5, verdict: "agrees" });
  });

  it("asterisk/testsuite buggy.csv: detected, its one truncated line rejected", async () => {
    const { summary, rejects } = await parseAll(sample("asterisk-cdr_csv_testsuite-buggy.csv"));
    expect(summary).toMatchObject({ rowsRead: 1, accepted: 0, rejected: 1, detection: { format: "asterisk" } });
    expect(rejects[0]?.reason).toContain("unterminated quote");
  });

  it("3CX v18 (1,404 rows, BOM) and v20", async () => {
    const v18 = await parseAll(sample("3cx-v18-cdr_dorel14-ClasseurPrepaCDR.csv"), { timeZone: "Europe/Paris", defaultCountry: "FR" });
    expect(v18.summary).toMatchObject({ rowsRead: 1404, accepted: 1404, bom: true });
    expect(v18.summary.timeZone).toMatchObject({ inferredOffsetMinutes: 120, verdict: "agrees" });
    const v20 = await parseAll(sample("3cx-v20-cdr_dorel14-test.csv"), { timeZone: "UTC" });
    expect(v20.summary).toMatchObject({ accepted: 1, detection: { format: "3cx" }, timeZone: { verdict: "agrees" } });
  });
});
