// `npm run bench:match [-- --cdrs N --reports N --customers N --sources N --singles N --small --explain --keep]`:
// how fast ghost reports get their verdicts, against a plain indexed lookup of the same shape as
// the reference.
//
// Generates, set-based in SQL (generate_series), into a fresh database: cdr_sources with one
// LOADED cdr_import each covering 30 days, customers with two DIDs and five extensions each,
// customer_source links, N CDRs spread over the 30 days (80% inbound to a customer's DID,
// realistic dispositions) and R ghost reports (about half at the time of a CDR of theirs, a
// tenth of those by extension; half at random times). Then times evaluateReports({ all: true })
// (every verdict and finding stored, cases opened), and createReports() of single new reports,
// which store and evaluate the report before returning (p50/p95). The reference is one
// set-based count of the CDRs within each report's window by (source_id, callee_number,
// started_at): the floor of what the verdict SQL could cost. Prints the ratios and peak RSS.
// --explain adds the verdict upsert's EXPLAIN ANALYZE; --keep keeps the database
// (its URL is printed; the embedded cluster still stops unless another process serves it).
import { parseArgs } from "node:util";
import pg from "pg";
import { benchDatabase, duration, fmt, mib, sampleRss } from "./common.ts";

const { values } = parseArgs({
  options: {
    cdrs: { type: "string" },
    reports: { type: "string" },
    customers: { type: "string" },
    sources: { type: "string", default: "50" },
    singles: { type: "string", default: "50" },
    small: { type: "boolean", default: false },
    explain: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});

function count(name: string, value: string | undefined, fallback: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isSafeInteger(n) || n < 1) {
    console.error(`--${name} must be a positive integer, not ${value}`);
    process.exit(1);
  }
  return n;
}

const small = values.small ?? false;
const CDRS = count("cdrs", values.cdrs, small ? 1_000_000 : 10_000_000);
const REPORTS = count("reports", values.reports, small ? 10_000 : 100_000);
const CUSTOMERS = count("customers", values.customers, small ? 2_000 : 20_000);
const SOURCES = count("sources", values.sources, 50);
const SINGLES = count("singles", values.singles, 50);
// Extensions are 10000 + (customer / SOURCES) * 5 + j: five digits, unique per source.
if (Math.floor((CUSTOMERS - 1) / SOURCES) * 5 + 4 > 89_999) {
  console.error(`--customers ${CUSTOMERS} is too many for ${SOURCES} sources (at most ${18_000 * SOURCES})`);
  process.exit(1);
}
if (CUSTOMERS * 2 > 9_999_999) {
  console.error("--customers must be under 5,000,000");
  process.exit(1);
}

const BASE = "2026-01-01T00:00:00Z";
const PERIOD_SECONDS = 30 * 24 * 3600;

// Deterministic ids, so rows refer to each other without joins.
const SOURCE_ID = (s: string) => `md5('src' || (${s}))::uuid`;
const IMPORT_ID = (s: string) => `md5('imp' || (${s}))::uuid`;
const CUSTOMER_ID = (c: string) => `md5('cust' || (${c}))::uuid`;
const DID = (c: string, j: string) => `'+1312' || lpad(((${c}) * 2 + (${j}))::text, 7, '0')`;
const EXTENSION = (c: string, j: string) => `(10000 + ((${c}) / ${SOURCES}) * 5 + (${j}))::text`;

async function timed(label: string, db: pg.Client, sql: string, params: unknown[] = []): Promise<number> {
  const t = performance.now();
  const result = await db.query(sql, params);
  const ms = performance.now() - t;
  console.log(`  ${label}: ${duration(ms)}${result.rowCount !== null && result.command === "INSERT" ? ` (${fmt(result.rowCount)} rows)` : ""}`);
  return ms;
}

async function generate(db: pg.Client): Promise<void> {
  await db.query("set maintenance_work_mem = '512MB'");
  await timed(
    "sources + imports",
    db,
    `with s as (select s from generate_series(0, $1::int - 1) s),
     src as (
       insert into cdr_source (id, name, format, "timeZone", "defaultCountry", "updatedAt")
       select ${SOURCE_ID("s")}, 'pbx-' || lpad(s::text, 3, '0'), 'asterisk', 'UTC', 'US', now() from s
       returning id)
     insert into cdr_import (id, source_id, status, file_name, file_size, imported_by, finished_at,
                             rows_read, rows_inserted, unanswered_rows, coverage_from, coverage_to)
     select ${IMPORT_ID("s")}, ${SOURCE_ID("s")}, 'LOADED', 'Master-' || s || '.csv', 0, 'bench', now(),
            $2::int, $2::int, $2::int * 3 / 10, $3::timestamptz, $3::timestamptz + make_interval(secs => $4)
     from s where exists (select 1 from src)`,
    [SOURCES, Math.round(CDRS / SOURCES), BASE, PERIOD_SECONDS],
  );
  await timed(
    "customers",
    db,
    `insert into customer (id, account, name, "timeZone", "updatedAt")
     select ${CUSTOMER_ID("c")}, 'ACME' || lpad(c::text, 7, '0'), 'Customer ' || c,
            (array['America/Chicago', 'America/New_York', 'Europe/London'])[1 + c % 3], now()
     from generate_series(0, $1::int - 1) c`,
    [CUSTOMERS],
  );
  // Every customer on source c % SOURCES; every tenth also on the next one.
  await timed(
    "customer sources",
    db,
    `insert into customer_source ("customerId", "sourceId")
     select ${CUSTOMER_ID("c")}, ${SOURCE_ID(`c % ${SOURCES}`)} from generate_series(0, $1::int - 1) c
     union all
     select ${CUSTOMER_ID("c")}, ${SOURCE_ID(`(c + 1) % ${SOURCES}`)} from generate_series(0, $1::int - 1) c where c % 10 = 0 and ${SOURCES} > 1`,
    [CUSTOMERS],
  );
  await timed(
    "customer numbers",
    db,
    `insert into customer_number (id, "customerId", kind, number, "sourceId", raw)
     select gen_random_uuid(), ${CUSTOMER_ID("c")}, 'DID'::"NumberKind", ${DID("c", "j")}, null, substr(${DID("c", "j")}, 3)
     from generate_series(0, $1::int - 1) c, generate_series(0, 1) j
     union all
     select gen_random_uuid(), ${CUSTOMER_ID("c")}, 'EXTENSION'::"NumberKind", ${EXTENSION("c", "j")}, ${SOURCE_ID(`c % ${SOURCES}`)}, ${EXTENSION("c", "j")}
     from generate_series(0, $1::int - 1) c, generate_series(0, 4) j`,
    [CUSTOMERS],
  );

  // The cdr table's secondary indexes and foreign keys, dropped for the load and rebuilt after
  // it (set-based builds are several times faster than row-by-row maintenance), exactly as the
  // migrations defined them.
  const { rows: indexes } = await db.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes
     where schemaname = current_schema() and tablename = 'cdr' and indexname <> 'cdr_pkey'`,
  );
  const { rows: fks } = await db.query<{ name: string; def: string }>(
    `select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
     where conrelid = 'cdr'::regclass and contype = 'f'`,
  );
  for (const fk of fks) await db.query(`alter table cdr drop constraint "${fk.name}"`);
  for (const index of indexes) await db.query(`drop index "${index.name}"`);

  // CDR i: customer by a multiplicative hash, on the customer's first source; times spread
  // evenly over the period; the rest from a second, independent hash h (so that no source gets
  // only one kind of call): 80% inbound to one of the customer's DIDs (ringing one of its
  // extensions), 20% outbound from a DID, external numbers never in 312; dispositions 70%
  // answered, 15% no answer, 8% busy, 5% failed, 2% other.
  await timed(
    "cdrs",
    db,
    `insert into cdr (id, source_id, import_id, line, started_at, answered_at, ended_at, duration_sec, bill_sec,
                      caller_number, caller_name, caller_raw, callee_number, callee_raw, endpoint,
                      disposition, disposition_raw, context, unique_id, linked_id, natural_key)
     select i, ${SOURCE_ID(`c % ${SOURCES}`)}, ${IMPORT_ID(`c % ${SOURCES}`)}, i, t,
            case when d < 70 then t + interval '5 seconds' end,
            t + make_interval(secs => dur),
            dur, case when d < 70 then dur - 5 else 0 end,
            case when inbound then ext_caller else did end,
            null,
            '"" <' || case when inbound then ext_caller else did end || '>',
            case when inbound then did else ext_caller end,
            case when inbound then substr(did, 3) else substr(ext_caller, 3) end,
            case when inbound then ${EXTENSION("c", "(h / 1000) % 5")} end,
            (case when d < 70 then 'ANSWERED' when d < 85 then 'NO_ANSWER' when d < 93 then 'BUSY'
                  when d < 98 then 'FAILED' else 'OTHER' end)::"CdrDisposition",
            case when d < 70 then 'ANSWERED' when d < 85 then 'NO ANSWER' when d < 93 then 'BUSY'
                 when d < 98 then 'FAILED' else 'CONGESTION' end,
            case when inbound then 'from-pstn' else 'from-internal' end,
            '1767225600.' || i, '1767225600.' || i, '1767225600.' || i
     from (
       select i, c, d, inbound, h, 5 + (h / 100000) % 300 as dur,
              $1::timestamptz + make_interval(secs => i::float8 * $3::float8 / $2::bigint) as t,
              ${DID("c", "(h / 500) % 2")} as did,
              '+1' || (4150000000 + (i * 104729) % 5000000000)::text as ext_caller
       from (
         select i, h, ((i * 2654435761) % 4294967296 % $4::bigint)::int as c, (h % 100)::int as d, (h / 100) % 5 <> 0 as inbound
         from (select i, (i * 2246822519) % 4294967291 as h from generate_series(1::bigint, $2::bigint) i) i
       ) g
     ) x`,
    [BASE, CDRS, PERIOD_SECONDS, CUSTOMERS],
  );
  await db.query(`select setval(pg_get_serial_sequence('cdr', 'id'), $1)`, [CDRS]);
  let t = performance.now();
  for (const index of indexes) await db.query(index.def);
  for (const fk of fks) await db.query(`alter table cdr add constraint "${fk.name}" ${fk.def}`);
  console.log(`  cdr indexes + foreign keys (${indexes.length} + ${fks.length}): ${duration(performance.now() - t)}`);

  // Reports: even k at the time (±2 min) of the first inbound CDR from i(k) on, one in ten of those by
  // extension; odd k for a random customer's DID at a random time (these may still hit a CDR).
  await timed(
    "reports",
    db,
    `insert into ghost_report (id, "customerId", number, "numberRaw", "ringAt", "windowMinutes", "callerId", ticket, "enteredBy")
     select gen_random_uuid(), ${CUSTOMER_ID("substr(cdr.callee_number, 6)::int / 2")},
            case when k % 20 = 0 then cdr.endpoint else cdr.callee_number end,
            case when k % 20 = 0 then cdr.endpoint else substr(cdr.callee_number, 3) end,
            cdr.started_at + make_interval(secs => (k * 37) % 241 - 120), 5, null, 'GL-' || k, 'bench'
     from (select k, least(1 + (k / 2) * greatest($2::bigint / (($1::bigint + 1) / 2), 1) + (k / 2) % 7, $2::bigint - 1) as i
           from generate_series(0::bigint, $1::bigint - 1, 2) k) p
     cross join lateral (select * from cdr where cdr.id >= p.i and cdr.endpoint is not null order by cdr.id limit 1) cdr
     union all
     select gen_random_uuid(), ${CUSTOMER_ID("c")}, ${DID("c", "k % 2")}, substr(${DID("c", "k % 2")}, 3),
            $3::timestamptz + make_interval(secs => (k * 7777777) % $4::bigint), 5,
            case when k % 7 = 1 then '100' end, 'GL-' || k, 'bench'
     from (select k, (((k / 2) * 2654435761) % $5::bigint)::int as c from generate_series(1::bigint, $1::bigint - 1, 2) k) q`,
    [REPORTS, CDRS, BASE, PERIOD_SECONDS, CUSTOMERS],
  );
  await timed("analyze", db, "analyze");
}

// The reference: the CDRs within each report's window on its customer's sources, by callee
// number, counted in one set-based join of index probes (merge and hash joins off: the planner
// otherwise tends to merge-join the whole cdr index, which is no floor).
async function reference(db: pg.Client, where = "", params: unknown[] = []): Promise<number> {
  await db.query("begin");
  try {
    await db.query("set local enable_mergejoin = off");
    await db.query("set local enable_hashjoin = off");
    const { rows } = await db.query<{ n: number }>(REFERENCE_SQL(where), params);
    return rows[0]!.n;
  } finally {
    await db.query("commit");
  }
}

const REFERENCE_SQL = (where: string) => `
  select count(*)::int as n
  from ghost_report g
  join customer_source cs on cs."customerId" = g."customerId"
  join cdr on cdr.source_id = cs."sourceId" and cdr.callee_number = g.number
          and cdr.started_at between g."ringAt" - make_interval(mins => g."windowMinutes")
                                 and g."ringAt" + make_interval(mins => g."windowMinutes")
  ${where}`;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main() {
  const bench = await benchDatabase();
  try {
    const total = performance.now();
    await bench.create();
    process.env.DATABASE_URL = bench.url;
    const db = new pg.Client({ connectionString: bench.url });
    await db.connect();
    try {
      console.log(
        `generating ${fmt(SOURCES)} sources, ${fmt(CUSTOMERS)} customers, ${fmt(CDRS)} CDRs over 30 days, ${fmt(REPORTS)} reports:`,
      );
      let t = performance.now();
      await generate(db);
      const generateMs = performance.now() - t;
      const { rows: sizes } = await db.query<{ reports: number; cdr_size: string }>(
        `select (select count(*)::int from ghost_report) as reports, pg_size_pretty(pg_total_relation_size('cdr')) as cdr_size`,
      );
      console.log(`generated in ${duration(generateMs)} (cdr with indexes: ${sizes[0]!.cdr_size}; ${fmt(sizes[0]!.reports)} reports)`);

      const { prisma, Prisma } = await import("@/lib/db/client.ts");
      const { evaluateReports, VERDICT_UPSERT_SQL } = await import("@/lib/matching/evaluate.ts");
      const { createReports } = await import("@/lib/matching/reports.ts");
      await prisma.$queryRaw`select 1`;

      // Reference for all reports: one warm-up run, then the timed one.
      await reference(db);
      t = performance.now();
      const inWindows = await reference(db);
      const referenceMs = performance.now() - t;

      // All reports: verdicts stored, then findings, then cases.
      const rss = sampleRss();
      t = performance.now();
      const result = await evaluateReports({ all: true });
      const allMs = performance.now() - t;
      const { before, peak } = rss.stop();
      const { rows: levels } = await db.query<{ level: string; n: number }>(
        `select level::text, count(*)::int as n from customer_finding group by level order by level`,
      );
      const { rows: openCases } = await db.query<{ n: number }>(`select count(*)::int as n from cases`);

      console.log(`\nall reports: evaluateReports({ all: true }) for ${fmt(result.evaluated)} reports in ${duration(allMs)} (target < 10 s)`);
      console.log(`  verdicts: ${Object.entries(result.byVerdict).map(([k, v]) => `${k} ${fmt(v)}`).join(", ")}`);
      console.log(`  steps: verdicts ${duration(result.ms.verdicts)}, findings ${duration(result.ms.findings)}, cases ${duration(result.ms.cases)}`);
      console.log(`  findings (${fmt(result.findings)} customers): ${levels.map((r) => `${r.level} ${fmt(r.n)}`).join(", ")}; ${fmt(openCases[0]!.n)} cases opened`);
      console.log(`  reference (set-based indexed count, ${fmt(inWindows)} CDRs in the windows): ${duration(referenceMs)}`);
      console.log(`  ratio: evaluateReports takes ${(allMs / referenceMs).toFixed(1)}× the reference`);
      console.log(`  peak RSS: ${mib(peak)} (${mib(before)} before, +${mib(peak - before)})`);

      if (values.explain) {
        const plan = await prisma.$queryRaw<{ "QUERY PLAN": string }[]>(
          Prisma.sql`explain (analyze, buffers) ${VERDICT_UPSERT_SQL({ all: true }, new Date())}`,
        );
        console.log(plan.map((r) => r["QUERY PLAN"]).join("\n"));
      }

      // Single new reports: one for a random customer (one of its DIDs, a random time), filed
      // through createReports, which returns once its verdict, finding and case are stored; the
      // reference is the same indexed count for that one report.
      const single: number[] = [];
      const singleRef: number[] = [];
      let seed = 12345;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const rss1 = sampleRss();
      for (let q = 0; q < SINGLES; q++) {
        const c = Math.floor(random() * CUSTOMERS);
        const ringAt = new Date(Date.parse(BASE) + Math.floor(random() * PERIOD_SECONDS) * 1000);
        const report = {
          account: `ACME${String(c).padStart(7, "0")}`,
          number: `+1312${String(c * 2 + (q % 2)).padStart(7, "0")}`,
          ring_time: ringAt.toISOString(),
          window_minutes: 5,
          caller_id: q % 3 === 0 ? "100" : undefined,
          ticket: `NEW-${q}`,
          notes: undefined,
        };
        t = performance.now();
        const { created, problems } = await createReports([report], "bench");
        single.push(performance.now() - t);
        if (problems.length > 0 || created.length !== 1) throw new Error(`new report refused: ${JSON.stringify(problems)}`);
        const verdict = await prisma.reportVerdict.findUnique({ where: { reportId: created[0]!.id } });
        if (!verdict) throw new Error(`no verdict for new report ${created[0]!.id}`);
        t = performance.now();
        await reference(db, "where g.id = $1", [created[0]!.id]);
        singleRef.push(performance.now() - t);
      }
      const { before: before1, peak: peak1 } = rss1.stop();
      single.sort((a, b) => a - b);
      singleRef.sort((a, b) => a - b);
      const p95 = percentile(single, 95);
      const refP95 = percentile(singleRef, 95);
      console.log(`\nsingle new report: createReports() with its evaluation, over ${SINGLES} new reports: p50 ${ms(percentile(single, 50))}, p95 ${ms(p95)}, max ${ms(single.at(-1)!)} (target p95 < 50 ms)`);
      console.log(`  reference (the same indexed count for the one report): p50 ${ms(percentile(singleRef, 50))}, p95 ${ms(refP95)}`);
      console.log(`  ratio: p95 ${(p95 / refP95).toFixed(1)}× the reference p95`);
      console.log(`  peak RSS: ${mib(peak1)} (${mib(before1)} before, +${mib(peak1 - before1)})`);
      console.log(`\ntotal ${duration(performance.now() - total)}`);
      await prisma.$disconnect();
    } finally {
      await db.end();
    }
  } finally {
    await bench.close({ keep: values.keep ?? false });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
