import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { CDR_BASE, asteriskFile, asteriskLine, asteriskTime } from "@/lib/testing/cdr.ts";
import { useTestDatabaseClient } from "@/lib/testing/db.ts";
import { useScratchDir } from "@/lib/testing/files.ts";

type LoadModule = typeof import("./load.ts");
type WritesModule = typeof import("./writes.ts");

let db: pg.Client;
let load: LoadModule;
let writes: WritesModule;
let dir: string;

const FIXTURE = new URL("./fixtures/asterisk-five-cdrs-one-uniqueid.csv", import.meta.url);
const SHARED_GOOD = "/work/shared/samples/cdr/asterisk-cdr_csv_testsuite-good.csv";

beforeAll(async () => {
  ({ db } = await useTestDatabaseClient());
  load = await import("./load.ts");
  writes = await import("./writes.ts");
  dir = await useScratchDir("ghostline-cdr-");
});

const at = (i: number) => new Date(CDR_BASE + i * 60_000);

let fileCounter = 0;
async function fileWith(text: string | Buffer, name = `export-${++fileCounter}.csv`): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

let sourceCounter = 0;
async function newSource(format = "asterisk") {
  return writes.createSource({ name: `pbx-${++sourceCounter}`, format: format as "asterisk", timeZone: "UTC" }, { actorId: null, actorLabel: "test" });
}

async function cdrCount(sourceId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>("select count(*)::int as n from cdr where source_id = $1", [sourceId]);
  return rows[0]?.n ?? -1;
}

async function importRow(id: string) {
  const { rows } = await db.query("select * from cdr_import where id = $1", [id]);
  return rows[0];
}

describe("loadCdrFile", () => {
  it("loads the five CDRs that share one uniqueid as five rows, and records the import", async () => {
    const source = await newSource();
    const path = new URL(FIXTURE).pathname;
    const bytes = await readFile(path);
    const result = await load.loadCdrFile({ source: source.name, file: { path }, importedBy: "tester@example.com" });
    expect(result).toMatchObject({
      status: "LOADED",
      format: "asterisk",
      fileName: "asterisk-five-cdrs-one-uniqueid.csv",
      rowsRead: 5,
      rowsInserted: 5,
      rowsDuplicate: 0,
      rowsRejected: 0,
      error: null,
    });
    expect(await cdrCount(source.id)).toBe(5);

    const row = await importRow(result.importId);
    expect(row).toMatchObject({
      source_id: source.id,
      status: "LOADED",
      file_name: "asterisk-five-cdrs-one-uniqueid.csv",
      file_size: String(bytes.length),
      sha256: createHash("sha256").update(bytes).digest("hex"),
      format: "asterisk",
      imported_by: "tester@example.com",
      rows_read: 5,
      rows_inserted: 5,
      rows_duplicate: 0,
      rows_rejected: 0,
      error: null,
    });
    expect(row.coverage_from.toISOString()).toBe("2026-02-03T04:05:06.000Z");
    expect(row.coverage_to.toISOString()).toBe("2026-02-03T04:05:06.000Z");
    expect(row.finished_at).toBeInstanceOf(Date);

    const { rows: cdrs } = await db.query(
      "select line, disposition, bill_sec::float8 as bill, unique_id, import_id from cdr where source_id = $1 order by id",
      [source.id],
    );
    expect(cdrs).toEqual([
      { line: 1, disposition: "ANSWERED", bill: 5, unique_id: "1770091506.0", import_id: result.importId },
      { line: 2, disposition: "ANSWERED", bill: 7, unique_id: "1770091506.0", import_id: result.importId },
      { line: 3, disposition: "FAILED", bill: 0, unique_id: "1770091506.0", import_id: result.importId },
      { line: 4, disposition: "NO_ANSWER", bill: 0, unique_id: "1770091506.0", import_id: result.importId },
      { line: 5, disposition: "BUSY", bill: 0, unique_id: "1770091506.0", import_id: result.importId },
    ]);
  });

  it.skipIf(!existsSync(SHARED_GOOD))("loads Asterisk's testsuite good.csv (five CDRs, one uniqueid) as five rows", async () => {
    const source = await newSource();
    const result = await load.loadCdrFile({ source: source.name, file: { path: SHARED_GOOD }, importedBy: "cli" });
    expect(result).toMatchObject({ status: "LOADED", format: "asterisk", rowsRead: 5, rowsInserted: 5, rowsDuplicate: 0 });
    expect(await cdrCount(source.id)).toBe(5);
  });

  it("re-importing the same file inserts nothing and counts every row as a duplicate", async () => {
    const source = await newSource();
    const path = await fileWith(asteriskFile(0, 40));
    const first = await load.loadCdrFile({ source: source.name, file: { path }, importedBy: "cli" });
    expect(first).toMatchObject({ status: "LOADED", rowsRead: 40, rowsInserted: 40, rowsDuplicate: 0 });
    const again = await load.loadCdrFile({ source: source.name, file: { path }, importedBy: "cli" });
    expect(again).toMatchObject({ status: "LOADED", rowsRead: 40, rowsInserted: 0, rowsDuplicate: 40 });
    expect(again.importId).not.toBe(first.importId);
    expect(await cdrCount(source.id)).toBe(40);
    expect(await importRow(again.importId)).toMatchObject({ rows_inserted: 0, rows_duplicate: 40, sha256: first.sha256 });
    // The same file for another source is that source's data.
    const other = await newSource();
    expect(await load.loadCdrFile({ source: other.name, file: { path }, importedBy: "cli" })).toMatchObject({ rowsInserted: 40 });
  });

  it("keeps the first occurrence of a call repeated in the file, across insert runs, with ids in line order", async () => {
    const source = await newSource();
    // Line 2 repeats line 1 (same run); lines 30,003… repeat the whole file (later runs of 10,000 rows).
    const lines = [asteriskLine(0), asteriskFile(0, 30_000).trimEnd(), asteriskFile(0, 30_000).trimEnd()];
    const result = await load.loadCdrFile({
      source: source.name,
      file: { path: await fileWith(`${lines.join("\n")}\n`) },
      importedBy: "cli",
      batchRows: 10_000,
    });
    expect(result).toMatchObject({ status: "LOADED", rowsRead: 60_001, rowsInserted: 30_000, rowsDuplicate: 30_001 });
    expect(await importRow(result.importId)).toMatchObject({ rows_read: 60_001, rows_inserted: 30_000, rows_duplicate: 30_001 });
    const { rows } = await db.query<{ n: number; max: number; min: number; disorder: number }>(
      `select count(*)::int as n, max(line) as max, min(line) as min,
         count(*) filter (where prev > line)::int as disorder
       from (select line, lag(line) over (order by id) as prev from cdr where import_id = $1) s`,
      [result.importId],
    );
    expect(rows[0]).toEqual({ n: 30_000, min: 1, max: 30_001, disorder: 0 });
  }, 60_000);

  it("a call repeated at the top of a large file costs none of the new calls after it", async () => {
    const source = await newSource();
    // One batch (the default size): the repeat on line 2 sends it through staging, and every new
    // call after it must still arrive.
    const lines = [asteriskLine(0), asteriskFile(0, 40_000).trimEnd()];
    const result = await load.loadCdrFile({ source: source.name, file: { path: await fileWith(`${lines.join("\n")}\n`) }, importedBy: "cli" });
    expect(result).toMatchObject({ status: "LOADED", rowsRead: 40_001, rowsInserted: 40_000, rowsDuplicate: 1 });
    expect(await cdrCount(source.id)).toBe(40_000);
  }, 60_000);

  it("a file of many batches loads whole, on one COPY", async () => {
    const source = await newSource();
    // 100-row batches: 80 of them, each decided and sent on its own.
    const result = await load.loadCdrFile({ source: source.name, file: { path: await fileWith(asteriskFile(0, 8_000)) }, importedBy: "cli", batchRows: 100 });
    expect(result).toMatchObject({ status: "LOADED", rowsRead: 8_000, rowsInserted: 8_000, rowsDuplicate: 0 });
    expect(await cdrCount(source.id)).toBe(8_000);
  }, 60_000);

  it("a file that overlaps loaded calls in its middle inserts the calls before and after them, once, in line order", async () => {
    const source = await newSource();
    await load.loadCdrFile({ source: source.name, file: { path: await fileWith(asteriskFile(15_000, 25_000)) }, importedBy: "cli" });
    // Batches of 5,000: 10,000–15,000 new, 15,000–25,000 loaded already, 25,000–40,000 new again.
    const result = await load.loadCdrFile({
      source: source.name,
      file: { path: await fileWith(asteriskFile(10_000, 40_000)) },
      importedBy: "cli",
      batchRows: 5_000,
    });
    expect(result).toMatchObject({ status: "LOADED", rowsRead: 30_000, rowsInserted: 20_000, rowsDuplicate: 10_000, coverageFrom: at(10_000), coverageTo: at(39_999) });
    expect(await cdrCount(source.id)).toBe(30_000);
    const { rows } = await db.query<{ n: number; keys: number; min: number; max: number; disorder: number }>(
      `select count(*)::int as n, count(distinct natural_key)::int as keys, min(line) as min, max(line) as max,
         count(*) filter (where prev > line)::int as disorder
       from (select line, natural_key, lag(line) over (order by id) as prev from cdr where import_id = $1) s`,
      [result.importId],
    );
    expect(rows[0]).toEqual({ n: 20_000, keys: 20_000, min: 1, max: 30_000, disorder: 0 });
  }, 60_000);

  it("records the import's key range, and an import with calls but no range sends the next loads of the source through staging", async () => {
    const source = await newSource();
    const a = await load.loadCdrFile({ source: source.name, file: { path: await fileWith(asteriskFile(0, 100)) }, importedBy: "cli" });
    const { rows } = await db.query(
      `select i.min_natural_key = (select min(natural_key) from cdr where import_id = i.id) as min_ok,
         i.max_natural_key = (select max(natural_key) from cdr where import_id = i.id) as max_ok
       from cdr_import i where i.id = $1`,
      [a.importId],
    );
    expect(rows[0]).toEqual({ min_ok: true, max_ok: true });
    // Calls whose import says nothing of its range (a writer that records none): the same
    // calls again must be skipped as duplicates, not sent straight into the unique key.
    await db.query("update cdr_import set min_natural_key = null, max_natural_key = null where id = $1", [a.importId]);
    const again = await load.loadCdrFile({ source: source.name, file: { path: await fileWith(asteriskFile(0, 100)) }, importedBy: "cli" });
    expect(again).toMatchObject({ status: "LOADED", rowsInserted: 0, rowsDuplicate: 100 });
    expect(await cdrCount(source.id)).toBe(100);
  });

  it("an overlapping export inserts only the new calls; coverage is first to last call, and the source's is the union", async () => {
    const source = await newSource();
    const a = await load.loadCdrFile({ source: source.name, file: { path: await fileWith(asteriskFile(0, 100)) }, importedBy: "cli" });
    // Out of order on purpose: coverage is the earliest and latest call, not the first and last line.
    const overlapping = asteriskFile(50, 150).trimEnd().split("\n").reverse().join("\n");
    const b = await load.loadCdrFile({ source: source.name, file: { path: await fileWith(overlapping) }, importedBy: "cli" });
    expect(a).toMatchObject({ rowsInserted: 100, coverageFrom: at(0), coverageTo: at(99) });
    expect(b).toMatchObject({ status: "LOADED", rowsRead: 100, rowsInserted: 50, rowsDuplicate: 50, coverageFrom: at(50), coverageTo: at(149) });
    expect(await cdrCount(source.id)).toBe(150);
    const { rows } = await db.query<{ import_id: string; n: number; first: Date; last: Date }>(
      "select import_id, count(*)::int as n, min(started_at) as first, max(started_at) as last from cdr where source_id = $1 group by import_id",
      [source.id],
    );
    expect(rows.find((r) => r.import_id === b.importId)).toMatchObject({ n: 50, first: at(100), last: at(149) });

    const c = await load.loadCdrFile({ source: source.name, file: { path: await fileWith(asteriskFile(1000, 1010)) }, importedBy: "cli" });
    expect(c).toMatchObject({ rowsInserted: 10, coverageFrom: at(1000), coverageTo: at(1009) });
    expect(await load.sourceCoverage(source.id)).toEqual([
      { from: at(0), to: at(149) },
      { from: at(1000), to: at(1009) },
    ]);
  });

  it("keeps every rejected row with its line, raw text and reason, and loads the rest", async () => {
    const source = await newSource();
    const lines = asteriskFile(0, 6).trimEnd().split("\n");
    lines[1] = (lines[1] as string).replace(asteriskTime(at(1).getTime()), "2026-02-30 10:05:00");
    lines[3] = '"x","y"';
    lines[4] = (lines[4] as string).replace(",65,60,", ",sixty-five,60,");
    const result = await load.loadCdrFile({ source: source.name, file: { path: await fileWith(`${lines.join("\n")}\n`) }, importedBy: "cli" });
    expect(result).toMatchObject({ status: "LOADED", rowsRead: 6, rowsInserted: 3, rowsRejected: 3, rowsDuplicate: 0 });
    expect(await importRow(result.importId)).toMatchObject({ rows_read: 6, rows_inserted: 3, rows_rejected: 3 });
    const { rows } = await db.query("select line, raw, reason, field from cdr_reject where import_id = $1 order by line", [result.importId]);
    expect(rows).toEqual([
      { line: 2, raw: lines[1], reason: 'start time "2026-02-30 10:05:00" is not a valid ymd date-time', field: "start" },
      { line: 4, raw: '"x","y"', reason: "wrong column count: 16, 17, 18 or 21 columns expected for Asterisk cdr_csv, line 4 has 2", field: null },
      { line: 5, raw: lines[4], reason: 'duration "sixty-five" is not a number of seconds', field: "duration" },
    ]);
    const { rows: loaded } = await db.query("select line from cdr where import_id = $1 order by line", [result.importId]);
    expect(loaded.map((r) => r.line)).toEqual([1, 3, 6]);
  });

  it("keeps rejects past one batch of them (copied mid-file) with their lines, and undoes them with the rest when the import fails later", async () => {
    const source = await newSource();
    // 300 good rows (the head the format is recognised by), 6,000 rejects (more than one batch held in memory), 100 good rows.
    const bad = Array.from({ length: 6_000 }, (_, i) => asteriskLine(300 + i).replace(asteriskTime(at(300 + i).getTime()), "2026-02-30 10:05:00"));
    const text = Buffer.from(`${asteriskFile(0, 300)}${bad.join("\n")}\n${asteriskFile(6_300, 6_400)}`);
    const loaded = await load.loadCdrFile({ source: source.name, file: { input: (async function* () { yield text; })(), fileName: "mostly-bad.csv" }, importedBy: "cli" });
    expect(loaded).toMatchObject({ status: "LOADED", rowsRead: 6_400, rowsInserted: 400, rowsRejected: 6_000 });
    const { rows: kept } = await db.query("select count(*)::int as n, min(line) as first, max(line) as last from cdr_reject where import_id = $1", [loaded.importId]);
    expect(kept[0]).toEqual({ n: 6_000, first: 301, last: 6_300 });
    const { rows: sample } = await db.query("select raw, reason, field from cdr_reject where import_id = $1 and line = 5301", [loaded.importId]);
    expect(sample).toEqual([{ raw: bad[5_000], reason: 'start time "2026-02-30 10:05:00" is not a valid ymd date-time', field: "start" }]);

    const other = await newSource();
    async function* breaking(): AsyncGenerator<Buffer> {
      yield text;
      throw new Error("connection reset by peer");
    }
    const failed = await load.loadCdrFile({ source: other.name, file: { input: breaking(), fileName: "mostly-bad.csv" }, importedBy: "cli" });
    expect(failed).toMatchObject({ status: "FAILED", rowsInserted: 0 });
    expect(failed.rowsRejected).toBeGreaterThanOrEqual(5_000); // a batch of rejects was in cdr_reject before the failure
    expect(await cdrCount(other.id)).toBe(0);
    const { rows: left } = await db.query("select count(*)::int as n from cdr_reject where import_id = $1", [failed.importId]);
    expect(left[0].n).toBe(0);
    expect(await importRow(failed.importId)).toMatchObject({ status: "FAILED", rows_rejected: failed.rowsRejected });
  });

  it("a refused file (empty, or no known format) is recorded as REFUSED and loads nothing", async () => {
    const source = await newSource();
    const empty = await load.loadCdrFile({ source: source.name, file: { path: await fileWith("", "empty.csv") }, importedBy: "cli" });
    expect(empty).toMatchObject({ status: "REFUSED", rowsRead: 0, rowsInserted: 0, coverageFrom: null, coverageTo: null });
    expect(empty.error).toMatch(/^empty\.csv: /);
    expect(await importRow(empty.importId)).toMatchObject({
      status: "REFUSED",
      file_name: "empty.csv",
      file_size: "0",
      sha256: createHash("sha256").digest("hex"),
      error: empty.error,
      rows_inserted: 0,
      coverage_from: null,
    });

    const junk = await load.loadCdrFile({ source: source.name, file: { path: await fileWith("hello;world\nfoo;bar\n", "junk.csv") }, importedBy: "cli" });
    expect(junk).toMatchObject({ status: "REFUSED", format: null });
    expect(junk.error).toContain("junk.csv");
    expect(await cdrCount(source.id)).toBe(0);
    const { rows } = await db.query("select status from cdr_import where source_id = $1 order by created_at", [source.id]);
    expect(rows).toEqual([{ status: "REFUSED" }, { status: "REFUSED" }]);
  });

  it("a read error in the middle of the load (after COPY started) rolls everything back and records FAILED", async () => {
    const source = await newSource();
    const good = Buffer.from(asteriskFile(0, 16_000)); // ~4 MB: several 1 MiB COPY writes before the failure
    expect(good.length).toBeGreaterThan(3 * 1024 * 1024);
    async function* breaking(): AsyncGenerator<Buffer> {
      for (let i = 0; i < good.length; i += 512 * 1024) yield good.subarray(i, i + 512 * 1024);
      throw new Error("connection reset by peer");
    }
    const result = await load.loadCdrFile({ source: source.name, file: { input: breaking(), fileName: "upload.csv" }, importedBy: "cli" });
    expect(result).toMatchObject({ status: "FAILED", rowsInserted: 0, sha256: null, fileName: "upload.csv" });
    expect(result.rowsRead).toBeGreaterThan(15_000); // parsed and copied into staging in ≥ 1 MiB writes
    expect(result.rowsRejected).toBe(0);
    expect(result.error).toBe("upload.csv: import failed: connection reset by peer");
    expect(await cdrCount(source.id)).toBe(0);
    expect(await importRow(result.importId)).toMatchObject({ status: "FAILED", rows_inserted: 0, error: result.error, file_size: String(good.length) });
    const { rows } = await db.query("select count(*)::int as n from cdr_reject where import_id = $1", [result.importId]);
    expect(rows[0].n).toBe(0);
    // The source still loads afterwards.
    const retry = await load.loadCdrFile({ source: source.name, file: { input: (async function* () { yield good; })(), fileName: "upload.csv" }, importedBy: "cli" });
    expect(retry).toMatchObject({ status: "LOADED", rowsInserted: 16_000, sha256: createHash("sha256").update(good).digest("hex") });
  });

  it("a file refused after rows were staged (corrupt gzip) is REFUSED and loads nothing", async () => {
    const source = await newSource();
    const gz = gzipSync(Buffer.from(asteriskFile(0, 20_000)));
    // Garbage in the second half of the deflate stream: thousands of rows come out before zlib fails.
    gz.fill(0xff, Math.floor(gz.length * 0.7), Math.floor(gz.length * 0.7) + 64);
    const path = await fileWith(gz, "broken.csv.gz");
    const result = await load.loadCdrFile({ source: source.name, file: { path }, importedBy: "cli" });
    expect(result).toMatchObject({ status: "REFUSED", format: "asterisk", rowsInserted: 0, coverageFrom: null });
    expect(result.rowsRead).toBeGreaterThan(5_000);
    expect(result.error).toMatch(/^broken\.csv\.gz: /);
    expect(await cdrCount(source.id)).toBe(0);
    expect(await importRow(result.importId)).toMatchObject({ status: "REFUSED", file_size: String(gz.length), sha256: createHash("sha256").update(gz).digest("hex") });
  });

  it("a database error rolls back the file's rows (no half-loaded import)", async () => {
    const source = await newSource();
    // A CHECK that row 150 breaks makes the set-based insert fail after COPY succeeded.
    await db.query("alter table cdr add constraint test_no_line_150 check (line <> 150 or source_id <> $$" + source.id + "$$::uuid)");
    try {
      const result = await load.loadCdrFile({ source: source.name, file: { path: await fileWith(asteriskFile(0, 200)) }, importedBy: "cli" });
      expect(result).toMatchObject({ status: "FAILED", rowsInserted: 0 });
      expect(result.error).toContain("test_no_line_150");
      expect(await cdrCount(source.id)).toBe(0);
      expect(await importRow(result.importId)).toMatchObject({ status: "FAILED" });
    } finally {
      await db.query("alter table cdr drop constraint test_no_line_150");
    }
  });

  it("a database error during COPY (a value the column refuses) rolls back and records FAILED", async () => {
    const source = await newSource();
    // The staging table copies cdr's column types: names longer than 8 characters now fail inside COPY.
    await db.query("alter table cdr alter column caller_name type varchar(8) using left(caller_name, 8)");
    try {
      const result = await load.loadCdrFile({ source: source.name, file: { path: await fileWith(asteriskFile(0, 20_000)) }, importedBy: "cli" });
      expect(result).toMatchObject({ status: "FAILED", rowsInserted: 0 });
      expect(result.error).toContain("value too long for type character varying(8)");
      expect(await cdrCount(source.id)).toBe(0);
      expect(await importRow(result.importId)).toMatchObject({ status: "FAILED", error: result.error });
    } finally {
      await db.query("alter table cdr alter column caller_name type text");
    }
    expect(await load.loadCdrFile({ source: source.name, file: { path: await fileWith(asteriskFile(0, 3)) }, importedBy: "cli" })).toMatchObject({ status: "LOADED", rowsInserted: 3 });
  });

  it("a duration too large for the column is stored as null with a warning, not a failed import", async () => {
    const source = await newSource();
    const lines = asteriskFile(0, 3).trimEnd().split("\n");
    lines[1] = (lines[1] as string).replace(",65,60,", ",99999999999999,60,");
    const result = await load.loadCdrFile({ source: source.name, file: { path: await fileWith(`${lines.join("\n")}\n`) }, importedBy: "cli" });
    expect(result).toMatchObject({ status: "LOADED", rowsInserted: 3, warnings: 1 });
    const { rows } = await db.query("select line, duration_sec::float8 as d, bill_sec::float8 as b from cdr where import_id = $1 order by line", [result.importId]);
    expect(rows).toEqual([{ line: 1, d: 65, b: 60 }, { line: 2, d: null, b: 60 }, { line: 3, d: 65, b: 60 }]);
    expect(await importRow(result.importId)).toMatchObject({ warnings: 1 });
  });

  it("an unknown source is an error, and nothing is recorded", async () => {
    await expect(load.loadCdrFile({ source: "nope", file: { path: new URL(FIXTURE).pathname }, importedBy: "cli" })).rejects.toBeInstanceOf(load.CdrSourceNotFound);
  });
});

describe("createSource", () => {
  it("validates the zone and country, canonicalises them, audits, and refuses a duplicate name", async () => {
    const source = await writes.createSource({ name: "pbx-east", format: "freepbx", timeZone: "america/new_york", defaultCountry: "ca" }, { actorId: null, actorLabel: "cli" });
    expect(source).toMatchObject({ name: "pbx-east", format: "freepbx", timeZone: "America/New_York", defaultCountry: "CA" });
    const { rows } = await db.query(`select action, "actorLabel" from audit_event where "entityId" = $1`, [source.id]);
    expect(rows).toEqual([{ action: "cdr_source.create", actorLabel: "cli" }]);
    await expect(writes.createSource({ name: "pbx-east", format: "asterisk", timeZone: "UTC" }, { actorId: null, actorLabel: "cli" })).rejects.toBeInstanceOf(writes.SourceExistsError);
    await expect(writes.createSource({ name: "pbx-x", format: "asterisk", timeZone: "Mars/Olympus" }, { actorId: null, actorLabel: "cli" })).rejects.toThrow(/Unknown IANA time zone/);
    await expect(writes.createSource({ name: "pbx-y", format: "asterisk", timeZone: "UTC", defaultCountry: "XX" }, { actorId: null, actorLabel: "cli" })).rejects.toThrow(/country/);
    await expect(writes.createSource({ name: "pbx-z", format: "mapped", timeZone: "UTC" }, { actorId: null, actorLabel: "cli" })).rejects.toThrow(/mapping/);
  });
});

describe("CLI", () => {
  it("sources add and import-cdrs --json print one JSON object; a refused file exits with an error naming it", async () => {
    const cli = await import("@/cli/commands/cdr.ts");
    const { CliError } = await import("@/cli/run.ts");
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    try {
      await cli.sourcesAddCommand({ name: "pbx-cli", format: "asterisk", timezone: "UTC", country: "US", json: true });
      expect(JSON.parse(out.join(""))).toMatchObject({ name: "pbx-cli", format: "asterisk", timeZone: "UTC", defaultCountry: "US" });

      out.length = 0;
      const path = await fileWith(asteriskFile(0, 3));
      await cli.importCdrsCommand([path], { source: "pbx-cli", json: true });
      const one = JSON.parse(out.join(""));
      expect(Object.keys(one)).toEqual(["importId", "status", "format", "rowsRead", "rowsInserted", "rowsDuplicate", "rowsRejected", "coverageFrom", "coverageTo"]);
      expect(one).toMatchObject({ status: "LOADED", format: "asterisk", rowsRead: 3, rowsInserted: 3, rowsDuplicate: 0, rowsRejected: 0, coverageFrom: at(0).toISOString(), coverageTo: at(2).toISOString() });

      out.length = 0;
      const empty = await fileWith("", "nothing.csv");
      const failure = cli.importCdrsCommand([path, empty], { source: "pbx-cli", json: true });
      await expect(failure).rejects.toBeInstanceOf(CliError);
      await expect(failure).rejects.toThrow(/refused: nothing\.csv: /);
      const both = JSON.parse(out.join(""));
      expect(both.imports.map((i: { status: string; rowsDuplicate: number }) => [i.status, i.rowsDuplicate])).toEqual([["LOADED", 3], ["REFUSED", 0]]);

      await expect(cli.importCdrsCommand([path], { source: "missing", json: true })).rejects.toThrow(/no CDR source named missing/);
    } finally {
      spy.mockRestore();
    }
  });
});
