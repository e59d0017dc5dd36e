// `npm run bench:match [-- --cdrs N --reports N --customers N --sources N --months M --singles N --small --explain --keep]`:
// how fast ghost reports get their verdicts, against a plain indexed lookup of the same shape as
// the reference.
//
// Generates (cli/bench/dataset.ts), set-based in SQL, into a fresh database: cdr_sources with
// one LOADED cdr_import each covering M × 30 days (--months, default 1; cdr's monthly partitions
// for them created first), customers with two DIDs and five extensions each,
// customer_source links (one customer in ten on two sources), N CDRs spread over the period
// (80% inbound to a customer's DID, realistic dispositions) and R ghost reports (about half at
// the time of a CDR of theirs, a tenth of those by extension; half for random customers at
// random times, one in seven of those from caller ID "100"). Then times evaluateReports({ all:
// true }) (every verdict and finding stored, cases opened), and createReports() of single new
// reports, which store and evaluate the report before returning (p50/p95). The reference is one
// set-based count of the CDRs within each report's window by (source_id, callee_number,
// started_at): the floor of what the verdict SQL could cost. Prints the ratios and peak RSS.
// --explain adds the verdict upsert's EXPLAIN ANALYZE; --keep keeps the database, named after
// its sizes, and a later --keep run with the same sizes reuses it (its verdicts, findings, cases
// and the single reports of the earlier run deleted first) instead of generating again.
import { parseArgs } from "node:util";
import pg from "pg";
import { benchDatabase, duration, fmt, generateOnce, mib, percentile, positiveInt, sampleRss } from "./common.ts";
import { accountOf, DATASET_OPTIONS, datasetSpec, didOf, generateDataset, PERIOD_SECONDS } from "./dataset.ts";

const { values } = parseArgs({
  options: {
    ...DATASET_OPTIONS,
    singles: { type: "string", default: "50" },
    explain: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});

// Five extensions per customer, every tenth customer on two sources, the random reports spread
// over all customers, one in seven of them from caller ID "100".
const spec = datasetSpec(
  values,
  { small: { customers: 2_000, cdrs: 1_000_000, reports: 10_000 }, full: { customers: 20_000, cdrs: 10_000_000, reports: 100_000 } },
  { base: new Date("2026-01-01T00:00:00Z"), accountPrefix: "ACME", extensions: 5, secondSource: true, devices: false, randomReportsEveryNthCustomer: 1, scannerCallerIdEvery: 7 },
);
const SINGLES = positiveInt("singles", values.singles, 50);

// The reference: the CDRs within each report's window on its customer's sources, by callee
// number, counted in one set-based join of index probes (merge and hash joins off: the planner
// otherwise tends to merge-join the whole cdr index, which is no floor).
async function reference(db: pg.Client, where = "", params: unknown[] = []): Promise<number> {
  await db.query("begin");
  try {
    // JIT off, as the app's connections have it (lib/db/client.ts).
    await db.query("set local jit = off");
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

const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main() {
  const keep = values.keep ?? false;
  const months = spec.periodSeconds / PERIOD_SECONDS;
  const bench = await benchDatabase(keep ? { name: `match_${spec.customers}_${spec.cdrs}_${spec.reports}_${spec.sources}_${months}` } : {});
  try {
    const total = performance.now();
    const reuse = keep && (await bench.exists());
    if (!reuse) await bench.create();
    process.env.DATABASE_URL = bench.url;
    const db = new pg.Client({ connectionString: bench.url });
    await db.connect();
    try {
      let t = performance.now();
      const reused = await generateOnce(db, bench, reuse, async () => {
        console.log(
          `generating ${fmt(spec.sources)} sources, ${fmt(spec.customers)} customers, ${fmt(spec.cdrs)} CDRs over ${months} × 30 days, ${fmt(spec.reports)} reports:`,
        );
        await generateDataset(db, spec);
        console.log(`generated in ${duration(performance.now() - t)}`);
      });
      if (reused) {
        // Back to the generated state: every report without a verdict, no finding, no case.
        await db.query("delete from ghost_report where ticket like 'NEW-%'");
        await db.query("truncate report_verdict, customer_finding, cases cascade");
        await db.query("vacuum analyze report_verdict, customer_finding, cases, ghost_report");
      }
      const { rows: sizes } = await db.query<{ reports: number; partitions: number; cdr_size: string }>(
        `select (select count(*)::int from ghost_report) as reports, count(*)::int as partitions,
                pg_size_pretty(sum(pg_total_relation_size(i.inhrelid))) as cdr_size
         from pg_inherits i where i.inhparent = 'cdr'::regclass`,
      );
      console.log(
        `dataset: ${fmt(spec.cdrs)} CDRs over ${months} × 30 days in ${sizes[0]!.partitions} cdr partitions (with indexes: ${sizes[0]!.cdr_size}), ${fmt(sizes[0]!.reports)} reports, ${fmt(spec.customers)} customers`,
      );

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

      // The statistics autovacuum would gather after so many new rows: the new reports' plans
      // then read them, as they would in production (unanalysed, report_verdict looks empty).
      await db.query("analyze report_verdict, customer_finding, cases");

      // Single new reports: one for a random customer (one of its DIDs, a random time), filed
      // through createReports, which returns once its verdict, finding and case are stored; the
      // reference is the same indexed count for that one report.
      const single: number[] = [];
      const singleRef: number[] = [];
      let seed = 12345;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const rss1 = sampleRss();
      for (let q = 0; q < SINGLES; q++) {
        const c = Math.floor(random() * spec.customers);
        const ringAt = new Date(spec.base.getTime() + Math.floor(random() * spec.periodSeconds) * 1000);
        const report = {
          account: accountOf(spec, c),
          number: didOf(c, q % 2),
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
    await bench.close({ keep });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
