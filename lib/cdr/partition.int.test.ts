// cdr partitioned by month (migration 20261126150000_partition_cdr_by_month): the migration keeps
// every row and id, de-duplication still holds across partitions, partitions are made ahead and
// rows that landed in cdr_default get their month's, and retention drops whole months, audits
// it, and stops coverage where the kept CDRs begin.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { CDR_BASE, asteriskFile } from "@/lib/testing/cdr.ts";
import { useTestDatabaseClient } from "@/lib/testing/db.ts";
import { useScratchDir } from "@/lib/testing/files.ts";

const MIGRATION = new URL("../../prisma/migrations/20261126150000_partition_cdr_by_month/migration.sql", import.meta.url);
const MIN = 60_000;
/** Call i of asteriskFile starts CDR_BASE + i min (2026-07-01 08:00Z): call 44160 at 2026-08-01 00:00Z. */
const AUGUST = 44_160;

let db: pg.Client;
let dir: string;
let load: typeof import("./load.ts");
let writes: typeof import("./writes.ts");
let partitions: typeof import("./partitions.ts");
let retention: typeof import("./retention.ts");

beforeAll(async () => {
  ({ db } = await useTestDatabaseClient());
  dir = await useScratchDir("ghostline-cdr-partitions-");
  load = await import("./load.ts");
  writes = await import("./writes.ts");
  partitions = await import("./partitions.ts");
  retention = await import("./retention.ts");
});

let n = 0;
async function file(text: string): Promise<string> {
  const path = join(dir, `Master-${++n}.csv`);
  await writeFile(path, text);
  return path;
}
const newSource = (timeZone = "UTC") =>
  writes.createSource({ name: `pbx-part-${++n}`, format: "asterisk", timeZone }, { actorId: null, actorLabel: "test" });
const where = async (sourceId: string) =>
  (await db.query<{ part: string; n: number }>("select tableoid::regclass::text as part, count(*)::int as n from cdr where source_id = $1 group by 1 order by 1", [sourceId])).rows;

describe("the migration", () => {
  it("moves every row into its month's partition, keeping ids and the sequence", async () => {
    // A scratch schema holding cdr as it was before the migration, with rows in three months.
    await db.query("create schema premigration");
    try {
      await db.query("set search_path = premigration, public");
      await db.query(`create table cdr (
        id bigserial primary key, source_id uuid not null, import_id uuid not null, line int not null,
        started_at timestamptz(3) not null, answered_at timestamptz(3), ended_at timestamptz(3),
        duration_sec decimal(12,3), bill_sec decimal(12,3), caller_number text, caller_name text,
        caller_raw text not null, callee_number text, callee_raw text not null, endpoint text,
        disposition "CdrDisposition" not null, disposition_raw text not null, context text,
        unique_id text, linked_id text, natural_key text not null)`);
      await db.query('create unique index cdr_source_id_natural_key_key on cdr (source_id, natural_key)');
      await db.query("create index cdr_source_id_callee_number_started_at_idx on cdr (source_id, callee_number, started_at)");
      await db.query("create index cdr_source_id_endpoint_started_at_idx on cdr (source_id, endpoint, started_at)");
      await db.query(`insert into cdr (source_id, import_id, line, started_at, caller_raw, callee_raw, disposition, disposition_raw, natural_key)
        select '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', g,
               timestamptz '2026-05-31 22:00Z' + g * interval '1 hour', 'c', 'd', 'ANSWERED', 'ANSWERED', 'k' || g
        from generate_series(1, 1500) g`);
      await db.query("delete from cdr where line % 7 = 0"); // gaps in the ids, as deletes left them
      const before = (await db.query<{ ids: string; n: number }>("select md5(string_agg(id::text || natural_key || started_at::text, ',' order by id)) as ids, count(*)::int as n from cdr")).rows[0]!;
      await db.query(await readFile(MIGRATION, "utf8"));
      const after = (await db.query<{ ids: string; n: number }>("select md5(string_agg(id::text || natural_key || started_at::text, ',' order by id)) as ids, count(*)::int as n from cdr")).rows[0]!;
      expect(after).toEqual(before);
      expect(after.n).toBe(1500 - 214);
      const parts = (await db.query<{ part: string; n: number }>("select tableoid::regclass::text as part, count(*)::int as n from cdr group by 1 order by 1")).rows;
      expect(parts.map((p) => p.part)).toEqual(["cdr_p2026_05", "cdr_p2026_06", "cdr_p2026_07", "cdr_p2026_08"]);
      expect(parts[0]!.n).toBe(1);
      const next = (await db.query<{ id: string }>(`insert into cdr (source_id, import_id, line, started_at, caller_raw, callee_raw, disposition, disposition_raw, natural_key)
        values ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', 0, '2026-07-01Z', 'c', 'd', 'ANSWERED', 'ANSWERED', 'new') returning id`)).rows[0]!;
      expect(next.id).toBe("1501");
    } finally {
      await db.query("set search_path = public");
      await db.query("drop schema premigration cascade");
    }
  });
});

describe("de-duplication across partitions", () => {
  it("an export overlapping another across a month's end adds only its new calls", async () => {
    await partitions.ensureCdrPartitions({ now: new Date(CDR_BASE), monthsAhead: 1 });
    const source = await newSource();
    const first = await load.loadCdrFile({ source: source.name, file: { path: await file(asteriskFile(AUGUST - 100, AUGUST + 50)) }, importedBy: "test" });
    expect(first).toMatchObject({ status: "LOADED", rowsInserted: 150 });
    const second = await load.loadCdrFile({ source: source.name, file: { path: await file(asteriskFile(AUGUST - 20, AUGUST + 120)) }, importedBy: "test" });
    expect(second).toMatchObject({ status: "LOADED", rowsInserted: 70, rowsDuplicate: 70 });
    expect(await where(source.id)).toEqual([{ part: "cdr_p2026_07", n: 100 }, { part: "cdr_p2026_08", n: 120 }]);
  });

  it("a re-import read in another zone, its calls now in the next month's partition, adds nothing", async () => {
    // 2026-07-31 20:00–23:59 in UTC is 2026-08-01 01:00–04:59Z read in Chicago (CDT): the same
    // natural keys (the wall clock as written) with another started_at, another partition.
    const source = await newSource();
    const path = await file(asteriskFile(AUGUST - 240, AUGUST));
    expect(await load.loadCdrFile({ source: source.name, file: { path }, importedBy: "test" })).toMatchObject({ rowsInserted: 240 });
    const again = await load.loadCdrFile({ source: source.name, file: { path }, timeZone: "America/Chicago", importedBy: "test" });
    expect(again).toMatchObject({ status: "LOADED", rowsInserted: 0, rowsDuplicate: 240 });
    expect(await where(source.id)).toEqual([{ part: "cdr_p2026_07", n: 240 }]);
  });

  it("the unique key refuses a repeated call in a month's partition and in the DEFAULT one, as the loader recognises", async () => {
    const source = await newSource();
    expect(await load.loadCdrFile({ source: source.name, file: { path: await file(asteriskFile(0, 1)) }, importedBy: "test" })).toMatchObject({ rowsInserted: 1 });
    const copy = `insert into cdr (source_id, import_id, line, started_at, caller_raw, callee_raw, disposition, disposition_raw, natural_key)
      select source_id, import_id, line, started_at + $2::interval, caller_raw, callee_raw, disposition, disposition_raw, natural_key from cdr where source_id = $1`;
    const month = await db.query(copy, [source.id, "0"]).catch((e: unknown) => e);
    expect(month).toMatchObject({ code: "23505", constraint: "cdr_p2026_07_source_id_natural_key_started_at_idx" });
    expect(load.isNaturalKeyConflict(month)).toBe(true);
    await db.query(copy.replace("started_at + $2::interval", "started_at - $2::interval"), [source.id, "20 years"]);
    const fallback = await db.query(copy.replace("started_at + $2::interval", "started_at - $2::interval"), [source.id, "20 years"]).catch((e: unknown) => e);
    expect(fallback).toMatchObject({ code: "23505", constraint: "cdr_default_source_id_natural_key_started_at_idx" });
    expect(load.isNaturalKeyConflict(fallback)).toBe(true);
    await db.query("delete from cdr_default where source_id = $1", [source.id]);
  });
});

describe("partitions made ahead", () => {
  it("creates the current month, those ahead and those back once, and gives rows in DEFAULT their month's partition", async () => {
    const now = new Date("2027-03-15T12:00:00Z");
    expect(await partitions.ensureCdrPartitions({ now, monthsAhead: 2, monthsBack: 0 })).toEqual(["cdr_p2027_03", "cdr_p2027_04", "cdr_p2027_05"]);
    expect(await partitions.ensureCdrPartitions({ now, monthsAhead: 2, monthsBack: 2 })).toEqual(["cdr_p2027_01", "cdr_p2027_02"]);
    expect(await partitions.ensureCdrPartitions({ now, monthsAhead: 2, monthsBack: 2 })).toEqual([]);

    const source = await newSource();
    // 1,000 calls from 2026-07-01 08:00Z, March 2030 has no partition: 400 land in DEFAULT.
    const old = asteriskFile(0, 600);
    const later = asteriskFile(0, 400).replaceAll('"2026-07-0', '"2030-03-0').replace(/"(\d+)\.(\d+)"/g, (_, s: string, i: string) => `"${Number(s) + 115_000_000}.${i}"`);
    expect(await load.loadCdrFile({ source: source.name, file: { path: await file(old + later) }, importedBy: "test" })).toMatchObject({ rowsInserted: 1000 });
    expect(await where(source.id)).toEqual([{ part: "cdr_default", n: 400 }, { part: "cdr_p2026_07", n: 600 }]);
    expect(await partitions.ensureCdrPartitions({ now, monthsAhead: 2, monthsBack: 2 })).toEqual(["cdr_p2030_03"]);
    expect(await where(source.id)).toEqual([{ part: "cdr_p2026_07", n: 600 }, { part: "cdr_p2030_03", n: 400 }]);
    const listed = await partitions.listCdrPartitions();
    expect(listed.at(-1)).toMatchObject({ name: "cdr_default", from: null });
    expect(listed.find((p) => p.name === "cdr_p2030_03")).toMatchObject({ from: new Date("2030-03-01T00:00:00Z"), to: new Date("2030-04-01T00:00:00Z") });
  });
});

describe("retention", () => {
  it("plans from partition months: due before the cutoff, the next drop when the oldest kept falls due", () => {
    const part = (name: string) => ({ name, from: partitions.partitionMonth(name), to: partitions.partitionMonth(name) && partitions.addMonths(partitions.partitionMonth(name)!, 1), rowsEstimate: null, bytes: 0 });
    const plan = retention.planRetention(3, ["cdr_p2026_06", "cdr_p2026_07", "cdr_p2026_08", "cdr_default"].map(part), new Date("2026-11-26T00:00:00Z"));
    expect(plan.cutoff).toEqual(new Date("2026-08-01T00:00:00Z"));
    expect(plan.due.map((p) => p.name)).toEqual(["cdr_p2026_06", "cdr_p2026_07"]);
    expect(plan.nextDrop).toEqual(new Date("2026-12-01T00:00:00Z"));
  });

  it("drops whole months before the cutoff, audits, and a ring in a dropped month is no longer covered", async () => {
    const { prisma } = await import("@/lib/db/client.ts");
    const { createReports } = await import("@/lib/matching/reports.ts");
    const { evaluateReports } = await import("@/lib/matching/evaluate.ts");
    const source = await newSource();
    // Calls to extensions 200–249 from 2026-07-01 08:00Z; a July and an August ring with no CDR.
    expect(await load.loadCdrFile({ source: source.name, file: { path: await file(asteriskFile(AUGUST - 60, AUGUST + 60)) }, importedBy: "test" })).toMatchObject({ rowsInserted: 120 });
    const customer = await prisma.customer.create({ data: { account: "RET", name: "RET", timeZone: "UTC" } });
    await prisma.customerSource.create({ data: { customerId: customer.id, sourceId: source.id } });
    await prisma.customerNumber.create({ data: { customerId: customer.id, kind: "DID", number: "+13125559999", raw: "+13125559999" } });
    const ring = (ms: number, ticket: string) => ({ account: "RET", number: "+13125559999", ring_time: new Date(ms).toISOString(), window_minutes: 5, caller_id: undefined, ticket, notes: undefined });
    expect((await createReports([ring(CDR_BASE + (AUGUST - 30) * MIN, "JUL"), ring(CDR_BASE + (AUGUST + 30) * MIN, "AUG")], "test")).problems).toEqual([]);
    const verdicts = async () => {
      await evaluateReports({ sourceId: source.id, from: new Date("2026-01-01Z"), to: new Date("2027-01-01Z") });
      const rows = await db.query<{ ticket: string; verdict: string }>(
        `select g.ticket, v.verdict from ghost_report g join report_verdict v on v.report_id = g.id where g."customerId" = $1 order by 1`, [customer.id]);
      return Object.fromEntries(rows.rows.map((r) => [r.ticket, r.verdict]));
    };
    expect(await verdicts()).toEqual({ AUG: "NO_PBX_RECORD", JUL: "NO_PBX_RECORD" });

    const actor = { actorId: null, actorLabel: "test" };
    await expect(retention.applyCdrRetention(actor, new Date("2026-11-10Z"))).rejects.toBeInstanceOf(retention.RetentionNotSetError);
    await expect(retention.setCdrRetentionMonths(0, actor)).rejects.toThrow(/whole number of months/);
    expect(await retention.setCdrRetentionMonths(3, actor)).toMatchObject({ months: 3, droppedBefore: null, updatedBy: "test" });
    const result = await retention.applyCdrRetention(actor, new Date("2026-11-10Z"));
    expect(result.cutoff).toEqual(new Date("2026-08-01T00:00:00Z"));
    expect(result.dropped.map((p) => p.name)).toContain("cdr_p2026_07");
    expect(result.dropped.map((p) => p.name)).not.toContain("cdr_p2026_08");
    expect(await where(source.id)).toEqual([{ part: "cdr_p2026_08", n: 60 }]);
    expect(await retention.getCdrRetention()).toMatchObject({ months: 3, droppedBefore: new Date("2026-08-01T00:00:00Z") });
    const audit = await prisma.auditEvent.findMany({ where: { entityType: "cdr_retention" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["cdr.retention.set", "cdr.retention.drop"]);
    expect(JSON.stringify(audit[1]!.after)).toContain("cdr_p2026_07");

    expect(await verdicts()).toEqual({ AUG: "NO_PBX_RECORD", JUL: "NO_COVERAGE" });
    // Nothing more is due until the cutoff moves on.
    expect((await retention.applyCdrRetention(actor, new Date("2026-11-30Z"))).dropped).toEqual([]);
  });
});
