import "server-only";
// The engine: decides and stores each report's verdict (report_verdict), then its customer's
// finding (customer_finding), then opens or reopens cases (lib/cases/automation.ts). It runs
// when reports are filed (createReports), when a CDR import is LOADED (reevaluateForImport) and
// as a live feed advances (lib/feeds/reevaluate.ts),
// on just the reports that can have changed: issue 5 asks for a verdict at once for a new report,
// and for an import to re-evaluate only the reports of its source and period.
//
// Verdicts are one set-based statement (every report's: ALL_REPORTS_PARTS at once) joined to
// `cdr` by index-backed ranges ((source_id, callee_number, started_at) and (source_id, endpoint,
// started_at)), which read the matched CDR's columns from the row they find; no CDR is
// loaded into Node beyond the one matched per report, whose scanner signs are judged by
// cdrScannerSigns (rules.ts) so that the rule lives in one place.
import { syncCases, type SyncCasesResult } from "@/lib/cases/automation.ts";
import { Prisma, prisma } from "@/lib/db/client.ts";
import { REPORT_WINDOW } from "./data.ts";
import { MAX_WINDOW_MINUTES } from "./report-schema.ts";
import { SWEEP_MINUTES, cdrScannerSigns, computeFindings, type FindingRing, type Verdict } from "./rules.ts";

export type EvaluationScope =
  | { reportIds: string[] }
  /** Reports of the source's customers whose search window overlaps [from, to]. */
  | { sourceId: string; from: Date; to: Date }
  | { all: true };

export interface EvaluationResult {
  /** Reports whose verdict was (re)written. */
  evaluated: number;
  /** Of those, the ones whose verdict differs from the stored one (or had none). */
  changed: number;
  byVerdict: Record<Verdict, number>;
  /** Customers whose finding was recomputed (the reports' customers and their sweep neighbours). */
  findings: number;
  cases: SyncCasesResult;
  /** Milliseconds spent on each step, for logs and bench:match. */
  ms: { verdicts: number; findings: number; cases: number };
}

type UpsertedRow = {
  id: string;
  customer_id: string;
  ring_at: Date;
  verdict: Verdict;
  old_verdict: Verdict | null;
  changed: boolean;
  scanner_reached_pbx: boolean;
  caller_id: string | null;
  m_caller_number: string | null;
  m_caller_name: string | null;
  m_caller_raw: string | null;
  m_context: string | null;
  m_disposition: string | null;
  m_duration_sec: number | null;
  m_bill_sec: number | null;
};

function scopeCondition(scope: EvaluationScope): Prisma.Sql {
  if ("all" in scope) return Prisma.sql`true`;
  if ("reportIds" in scope) return Prisma.sql`g.id = any(${scope.reportIds}::uuid[])`;
  // The first range only lets the (ringAt) index narrow the search: no window is wider than
  // MAX_WINDOW_MINUTES (report-schema.ts); the second is the overlap itself.
  return Prisma.sql`
    g."ringAt" between ${scope.from}::timestamptz - make_interval(mins => ${MAX_WINDOW_MINUTES})
                   and ${scope.to}::timestamptz + make_interval(mins => ${MAX_WINDOW_MINUTES})
    and g."ringAt" - make_interval(mins => g."windowMinutes") <= ${scope.to}::timestamptz
    and g."ringAt" + make_interval(mins => g."windowMinutes") >= ${scope.from}::timestamptz
    and exists (select 1 from customer_source cs where cs."customerId" = g."customerId" and cs."sourceId" = ${scope.sourceId}::uuid)`;
}

/** The reports rung in [from, to) (each bound optional): one part of the reports in scope. */
type Part = { from?: Date; to?: Date };

// A range on "ringAt", which the planner estimates from its statistics: a hash of the id
// (1 part in 2) was estimated at 0.5 % of the rows, and the plan went back to nested loops
// that rebuilt a hash per report (bench:match, 100k reports).
function partCondition(part: Part): Prisma.Sql {
  const from = part.from ? Prisma.sql`g."ringAt" >= ${part.from}::timestamptz` : Prisma.sql`true`;
  const to = part.to ? Prisma.sql`g."ringAt" < ${part.to}::timestamptz` : Prisma.sql`true`;
  return Prisma.sql`${from} and ${to}`;
}

/** Bounds that cut every report into `of` parts of about equal size, by ring time. */
async function partsOfAll(of: number): Promise<Part[]> {
  if (of === 1) return [{}];
  const fractions = Array.from({ length: of - 1 }, (_, i) => (i + 1) / of);
  const [row] = await prisma.$queryRaw<{ bounds: number[] }[]>`
    select array(select (extract(epoch from b) * 1000)::float8
                 from unnest((select percentile_disc(${fractions}::float8[]) within group (order by "ringAt") from ghost_report)) b) as bounds`;
  const bounds = (row?.bounds ?? []).map((ms) => new Date(ms));
  return Array.from({ length: bounds.length + 1 }, (_, i) => ({ from: bounds[i - 1], to: bounds[i] }));
}

/**
 * Every report's verdict is written in this many statements at once, on as many connections.
 * A statement that writes runs in one PostgreSQL process (no parallel workers for a query that
 * writes data: PostgreSQL manual, "When Can Parallel Query Be Used?"), while the reference count
 * of bench:match reads with a parallel worker; the verdicts of different reports are independent.
 */
const ALL_REPORTS_PARTS = 2;

/**
 * Upserts the verdicts of the reports in scope (or of one part of them); returns each with the
 * columns of its matched CDR (exported for EXPLAIN in the bench). Report numbers are compared as stored: createReports
 * normalises them the way the CDR loader normalises CDR numbers (E.164, or digits for an extension).
 */
export const VERDICT_UPSERT_SQL = (scope: EvaluationScope, now: Date, part: Part = {}) => Prisma.sql`
with r as (
  select g.id, g."customerId" as customer_id, g.number, g."ringAt" as ring_at, g."callerId" as caller_id,
         ${REPORT_WINDOW.lo} as lo, ${REPORT_WINDOW.hi} as hi,
         g.number not like '+%' as is_extension
  from ghost_report g
  where ${scopeCondition(scope)}
    and ${partCondition(part)}
),
-- Where the CDRs kept begin: retention (lib/cdr/retention.ts) drops old months, and an import's
-- period before that is no longer covered. A window reaching before it is not covered either:
-- the CDR that matched it may have been dropped.
kept as materialized (
  select coalesce((select dropped_before from cdr_retention where id = 1), '-infinity'::timestamptz) as since
),
-- Once per source of the reports' customers, not per report and source: whether it logs
-- unanswered calls at all (the loader counts them per import), the times its CDRs cover as one
-- multirange (its LOADED imports' periods and the periods its live feed was up: cdr_feed_segment
-- UP; a ring in one of the feed's GAPs is covered only by a file), and its entry in a verdict's
-- sources for both answers to "covered". Joined to the imports and segments per report and
-- source, with a GROUP BY per pair and one per report, this was 0.64 s of the statement at 100k
-- reports (bench:match, docs/scaling.md §6).
src as materialized (
  select s.*,
         jsonb_build_object('source', s.name, 'covered', true, 'hasUnanswered', s.has_unanswered) as if_covered,
         jsonb_build_object('source', s.name, 'covered', false, 'hasUnanswered', s.has_unanswered) as if_not_covered
  from (
    select so.id as source_id, so.name,
           exists (select 1 from cdr_import i
                   where i.source_id = so.id and i.status = 'LOADED' and i.unanswered_rows > 0) as has_unanswered,
           coalesce((select range_agg(tstzrange(i.coverage_from, i.coverage_to, '[]')) from cdr_import i
                     where i.source_id = so.id and i.status = 'LOADED' and i.coverage_from <= i.coverage_to), '{}')
           + coalesce((select range_agg(tstzrange(f.from_at, f.to_at, '[]')) from cdr_feed_segment f
                       where f.source_id = so.id and f.status = 'UP' and f.from_at <= f.to_at), '{}') as covers
    from cdr_source so
    where so.id in (select cs."sourceId" from customer_source cs where cs."customerId" in (select customer_id from r))
    -- A fence: flattened, each has_unanswered above was a subquery of its own.
    offset 0
  ) s
),
-- Per report and source searched, whether the source covers the ring: a hash join of the
-- reports to customer_source and src. An extension the customer registered on particular sources
-- is only searched there (an extension means something on one PBX only).
pair as (
  select r.id as report_id, s.source_id, s.name, c.covered,
         case when c.covered then s.if_covered else s.if_not_covered end as entry
  from r
  join customer_source cs on cs."customerId" = r.customer_id
  join src s on s.source_id = cs."sourceId"
  cross join lateral (select r.lo >= (select since from kept) and s.covers @> r.ring_at as covered) c
  where not r.is_extension
     or not exists (select 1 from customer_number cn
                    where cn."customerId" = r.customer_id and cn.number = r.number and cn."sourceId" is not null)
     or exists (select 1 from customer_number cn
                where cn."customerId" = r.customer_id and cn.number = r.number and cn."sourceId" = cs."sourceId")
),
-- Aggregated once per report in one GROUP BY (a LATERAL aggregate per report took 1.3 s at 100k
-- reports, the GROUP BY 0.6 s; a correlated subquery over all of pair would be quadratic).
state as (
  select p.report_id, bool_or(p.covered) as covered,
         jsonb_agg(p.entry order by p.name) as sources,
         array_agg(p.source_id) as source_ids
  from pair p group by p.report_id
),
d as materialized (
  select r.*, coalesce(st.sources, '[]'::jsonb) as sources,
         (case when h.id is not null then 'PBX_RECORD_FOUND'
               when st.covered then 'NO_PBX_RECORD'
               else 'NO_COVERAGE' end)::"Verdict" as verdict,
         h.id as matched_cdr_id, h.caller_number, h.caller_name, h.caller_raw,
         h.context, h.disposition, h.duration_sec, h.bill_sec
  from r
  left join state st on st.report_id = r.id
  -- The CDR closest to the ring on the report's sources, by callee or (for an extension) by the
  -- ringing endpoint: two index probes per report and source, which read the columns the
  -- scanner signs need from the same heap row (a probe of cdr's primary key afterwards cost
  -- 0.5 s at 100k reports, one per partition). The LIMIT keeps this a per-row lookup: as a plain
  -- join the planner hashed all of cdr for the extensions (bench:match, 10M CDRs: a 10M-row scan).
  left join lateral (
    select c.*
    from unnest(st.source_ids) as s(source_id)
    cross join lateral (
      select cdr.id, cdr.started_at, cdr.caller_number, cdr.caller_name, cdr.caller_raw, cdr.context,
             cdr.disposition, cdr.duration_sec, cdr.bill_sec
      from cdr
      where cdr.source_id = s.source_id and cdr.callee_number = r.number and cdr.started_at between r.lo and r.hi
      union all
      select cdr.id, cdr.started_at, cdr.caller_number, cdr.caller_name, cdr.caller_raw, cdr.context,
             cdr.disposition, cdr.duration_sec, cdr.bill_sec
      from cdr
      where r.is_extension and cdr.source_id = s.source_id and cdr.endpoint = r.number and cdr.started_at between r.lo and r.hi
    ) c
    order by abs(extract(epoch from c.started_at - r.ring_at)), c.started_at, c.id
    limit 1
  ) h on true
),
-- The statement's snapshot: the verdicts as they were before this upsert.
old as materialized (
  select v.report_id, v.verdict, v.matched_cdr_id, v.scanner_reached_pbx from report_verdict v join r on r.id = v.report_id
),
up as (
  insert into report_verdict (report_id, customer_id, ring_at, verdict, matched_cdr_id, scanner_reached_pbx, sources, evaluated_at)
  select d.id, d.customer_id, d.ring_at, d.verdict, d.matched_cdr_id, false, d.sources, ${now}::timestamptz
  from d
  on conflict (report_id) do update
    set customer_id = excluded.customer_id, ring_at = excluded.ring_at, verdict = excluded.verdict,
        matched_cdr_id = excluded.matched_cdr_id,
        scanner_reached_pbx = coalesce(report_verdict.scanner_reached_pbx and report_verdict.matched_cdr_id = excluded.matched_cdr_id, false),
        sources = excluded.sources, evaluated_at = excluded.evaluated_at
    -- An unchanged verdict is not rewritten (most of an import's or a feed's re-evaluated
    -- reports keep theirs): no new row version, index entries or WAL for it, and evaluated_at
    -- says when the verdict last changed, as customer_finding's does. Its scanner flag stays,
    -- as the update would keep it for the same matched CDR.
    where (report_verdict.customer_id, report_verdict.ring_at, report_verdict.verdict, report_verdict.matched_cdr_id, report_verdict.sources)
      is distinct from (excluded.customer_id, excluded.ring_at, excluded.verdict, excluded.matched_cdr_id, excluded.sources)
)
-- Read from d and old, not from the insert's RETURNING: joining those rows back to d for the
-- matched CDR's columns was a hash join of every row. The flag is the one the update keeps.
select x.id::text as id, x.customer_id::text as customer_id, x.ring_at, x.verdict::text as verdict,
       old.verdict::text as old_verdict, old.verdict is distinct from x.verdict as changed,
       coalesce(old.scanner_reached_pbx and old.matched_cdr_id = x.matched_cdr_id, false) as scanner_reached_pbx,
       x.caller_id, x.caller_number as m_caller_number, x.caller_name as m_caller_name, x.caller_raw as m_caller_raw,
       x.context as m_context, x.disposition::text as m_disposition,
       x.duration_sec::float8 as m_duration_sec, x.bill_sec::float8 as m_bill_sec
from d x
left join old on old.report_id = x.id`;

/**
 * Writes the verdicts in scope, then their scanner signs: one statement for the verdicts (per
 * part, for every report), one update for the flags that differ from what is stored. A
 * re-evaluation that matches the same CDR keeps its flag meanwhile; a newly matched CDR reads
 * "not scanner traffic" for the moment between the two statements (no interactive transaction:
 * it would cost a new report two more round trips, and issue 5 gives it 50 ms).
 */
async function upsertVerdicts(scope: EvaluationScope, now: Date): Promise<UpsertedRow[]> {
  const parts = "all" in scope ? await partsOfAll(ALL_REPORTS_PARTS) : [{}];
  return (await Promise.all(parts.map((part) => upsertPart(scope, now, part)))).flat();
}

async function upsertPart(scope: EvaluationScope, now: Date, part: Part): Promise<UpsertedRow[]> {
  const rows = await prisma.$queryRaw<UpsertedRow[]>(VERDICT_UPSERT_SQL(scope, now, part));
  const matched = rows.filter((row) => row.verdict === "PBX_RECORD_FOUND" && row.m_disposition !== null);
  const flags = matched.map(
    (row) =>
      cdrScannerSigns({
        callerNumber: row.m_caller_number,
        callerName: row.m_caller_name,
        callerRaw: row.m_caller_raw ?? "",
        context: row.m_context,
        disposition: row.m_disposition!,
        durationSec: row.m_duration_sec,
        billSec: row.m_bill_sec,
      }).looksLikeScanner,
  );
  const flipped = matched.filter((row, i) => row.scanner_reached_pbx !== flags[i]);
  if (flipped.length > 0) {
    await prisma.$executeRaw`
      update report_verdict v set scanner_reached_pbx = u.flag
      from unnest(${flipped.map((r) => r.id)}::uuid[], ${flipped.map((r) => !r.scanner_reached_pbx)}::boolean[]) as u(id, flag)
      where v.report_id = u.id`;
    for (const row of flipped) row.scanner_reached_pbx = !row.scanner_reached_pbx;
  }
  return rows;
}

type RingRow = {
  customer_id: string;
  account: string;
  time_zone: string;
  /** The ring is the customer's own (not only a neighbour's ring near theirs). */
  own: boolean;
  ring_at: Date;
  verdict: Verdict;
  caller_id: string | null;
  scanner_reached_pbx: boolean;
};

/**
 * The rings computeFindings needs after these rings' verdicts were written, in one statement:
 * the customers whose finding can have changed are the rings' own customers and those with a
 * NO_PBX_RECORD ring within SWEEP_MINUTES of one that is or was NO_PBX_RECORD (a sweep may have
 * formed or broken); their rings
 * are returned as own, with other customers' NO_PBX_RECORD rings near theirs (to see sweeps).
 *
 * Each lookup is a LATERAL subquery fenced with OFFSET 0, so it stays an index probe per row:
 * the planner cannot estimate time ranges taken from another row (it guessed 5,500 rows for 23)
 * and hash-joined whole tables instead (bench:match, 100k reports: 200 ms for one new report).
 */
function ringsAround(rows: UpsertedRow[]): Promise<RingRow[]> {
  // Only NO_PBX_RECORD rings make sweeps: a ring that is not one, and was not one, changes no
  // other customer's finding.
  const sweeping = rows.filter((r) => r.verdict === "NO_PBX_RECORD" || r.old_verdict === "NO_PBX_RECORD");
  return prisma.$queryRaw<RingRow[]>`
    with t as (
      select * from unnest(${sweeping.map((r) => r.ring_at)}::timestamptz[]) as t(ring_at)
    ),
    affected as materialized (
      select unnest(${[...new Set(rows.map((r) => r.customer_id))]}::uuid[]) as customer_id
      union
      select n.customer_id from t
      cross join lateral (
        select n.customer_id from report_verdict n
        where n.verdict = 'NO_PBX_RECORD'
          and n.ring_at between t.ring_at - make_interval(mins => ${SWEEP_MINUTES}) and t.ring_at + make_interval(mins => ${SWEEP_MINUTES})
        offset 0) n
    ),
    own as materialized (
      select v.report_id, v.customer_id, v.verdict, v.ring_at, v.scanner_reached_pbx
      from affected a
      cross join lateral (select * from report_verdict v where v.customer_id = a.customer_id offset 0) v
    ),
    near as (
      select distinct n.report_id, n.customer_id, n.verdict, n.ring_at, n.scanner_reached_pbx
      from own o
      cross join lateral (
        select * from report_verdict n
        where n.verdict = 'NO_PBX_RECORD'
          and n.ring_at between o.ring_at - make_interval(mins => ${SWEEP_MINUTES}) and o.ring_at + make_interval(mins => ${SWEEP_MINUTES})
        offset 0) n
      where o.verdict = 'NO_PBX_RECORD' and not exists (select 1 from affected a where a.customer_id = n.customer_id)
    )
    select x.customer_id::text as customer_id, c.account, c."timeZone" as time_zone, x.own, x.ring_at,
           x.verdict::text as verdict, g."callerId" as caller_id, x.scanner_reached_pbx
    from (select *, true as own from own union all select *, false from near) x
    cross join lateral (select c.account, c."timeZone" from customer c where c.id = x.customer_id offset 0) c
    cross join lateral (select g."callerId" from ghost_report g where g.id = x.report_id offset 0) g`;
}

/** Findings upserted per statement: keeps the JSON parameter to a few MB. */
const FINDINGS_PER_STATEMENT = 5000;

/**
 * Recomputes and stores the findings of `customers` from `rings` (theirs, and others' near
 * theirs); returns the customers' ids. The statements run at once, on as many connections:
 * one after the other, PostgreSQL parsed and wrote each 8 MB of JSON while Node waited
 * (bench:match, 20k customers: 4 × 0.4 s).
 */
async function storeFindings(customers: { id: string; account: string; timeZone: string }[], rings: FindingRing[], now: Date): Promise<string[]> {
  const idOf = new Map(customers.map((c) => [c.account, c.id]));
  const rows = computeFindings(customers, rings).map((f) => ({
    customer_id: idOf.get(f.account)!,
    level: f.level,
    score: f.score,
    evidence: f.evidence,
    no_record_rings: f.facts.noRecordRings,
    first_no_record_at: f.facts.firstNoRecordAt,
    last_no_record_at: f.facts.lastNoRecordAt,
    sweep_with: f.facts.sweepWith,
  }));
  const chunks = Array.from({ length: Math.ceil(rows.length / FINDINGS_PER_STATEMENT) }, (_, i) =>
    JSON.stringify(rows.slice(i * FINDINGS_PER_STATEMENT, (i + 1) * FINDINGS_PER_STATEMENT)),
  );
  await Promise.all(
    chunks.map(
      (chunk) => prisma.$executeRaw`
      insert into customer_finding (customer_id, level, score, evidence, no_record_rings, first_no_record_at,
                                    last_no_record_at, sweep_with, evaluated_at)
      select x.customer_id, x.level, x.score, x.evidence, x.no_record_rings, x.first_no_record_at,
             x.last_no_record_at, x.sweep_with, ${now}::timestamptz
      from jsonb_to_recordset(${chunk}::jsonb)
        as x(customer_id uuid, level "FindingLevel", score int, evidence jsonb, no_record_rings int,
             first_no_record_at timestamptz, last_no_record_at timestamptz, sweep_with text[])
      -- An unchanged finding is not rewritten (most sweep neighbours' are): evaluated_at says
      -- when the finding last changed.
      on conflict (customer_id) do update
        set level = excluded.level, score = excluded.score, evidence = excluded.evidence,
            no_record_rings = excluded.no_record_rings, first_no_record_at = excluded.first_no_record_at,
            last_no_record_at = excluded.last_no_record_at, sweep_with = excluded.sweep_with,
            evaluated_at = excluded.evaluated_at
        where (customer_finding.level, customer_finding.score, customer_finding.evidence, customer_finding.no_record_rings,
               customer_finding.first_no_record_at, customer_finding.last_no_record_at, customer_finding.sweep_with)
          is distinct from (excluded.level, excluded.score, excluded.evidence, excluded.no_record_rings,
                            excluded.first_no_record_at, excluded.last_no_record_at, excluded.sweep_with)`,
    ),
  );
  return customers.map((c) => c.id);
}

/** Every customer's finding, from every report's verdict (all of them were just written). */
async function refreshAllFindings(rows: UpsertedRow[], now: Date): Promise<string[]> {
  const customers = await prisma.$queryRaw<{ id: string; account: string; timeZone: string }[]>`
    select id::text as id, account, "timeZone" from customer`;
  const accountOf = new Map(customers.map((c) => [c.id, c.account]));
  // A customer deleted meanwhile takes its reports with it. The rings are built field by field:
  // spreading each of 100k rows into a new object cost 0.3 s (bench:match).
  const rings: FindingRing[] = [];
  for (const r of rows) {
    const account = accountOf.get(r.customer_id);
    if (account !== undefined) {
      rings.push({ account, ringAt: r.ring_at, verdict: r.verdict, callerId: r.caller_id, scannerReachedPbx: r.scanner_reached_pbx });
    }
  }
  return storeFindings(customers, rings, now);
}

/** The findings of the customers these rings concern (theirs and their sweep neighbours'). */
async function refreshFindingsAround(rows: UpsertedRow[], now: Date): Promise<string[]> {
  const rings = await ringsAround(rows);
  const customers = new Map<string, { id: string; account: string; timeZone: string }>();
  for (const r of rings) if (r.own) customers.set(r.customer_id, { id: r.customer_id, account: r.account, timeZone: r.time_zone });
  const findingRings = rings.map((r) => ({
    account: r.account,
    ringAt: r.ring_at,
    verdict: r.verdict,
    callerId: r.caller_id,
    scannerReachedPbx: r.scanner_reached_pbx,
  }));
  return storeFindings([...customers.values()], findingRings, now);
}

/**
 * Evaluates the reports in scope: verdicts, then the findings of their customers and sweep
 * neighbours, then the cases of those customers. `now` stamps the rows (and is the clock the
 * case rules read).
 */
export async function evaluateReports(scope: EvaluationScope, options: { now?: Date } = {}): Promise<EvaluationResult> {
  const now = options.now ?? new Date();
  const all = "all" in scope;
  let t = performance.now();
  const lap = () => {
    const ms = Math.round(performance.now() - t);
    t = performance.now();
    return ms;
  };
  const rows = "reportIds" in scope && scope.reportIds.length === 0 ? [] : await upsertVerdicts(scope, now);
  const byVerdict: Record<Verdict, number> = { PBX_RECORD_FOUND: 0, NO_PBX_RECORD: 0, NO_COVERAGE: 0 };
  for (const row of rows) byVerdict[row.verdict]++;
  const result = { evaluated: rows.length, changed: rows.filter((r) => r.changed).length, byVerdict };
  const verdicts = lap();
  if (!all && rows.length === 0) return { ...result, findings: 0, cases: { opened: 0, reopened: 0 }, ms: { verdicts, findings: 0, cases: 0 } };
  const customerIds = all ? await refreshAllFindings(rows, now) : await refreshFindingsAround(rows, now);
  const findings = lap();
  const cases = await syncCases(customerIds, { now });
  return { ...result, findings: customerIds.length, cases, ms: { verdicts, findings, cases: lap() } };
}

/** Every report of a source, whatever its time (dates PostgreSQL and JavaScript both hold). */
const ALL_TIME = { from: new Date("0001-01-01T00:00:00Z"), to: new Date("9999-12-31T00:00:00Z") };

/**
 * Re-evaluates what a LOADED import can have changed: the reports of its source's customers
 * whose window overlaps the import's period. When the import is the source's first with
 * unanswered calls, every report on the source is re-evaluated: the "this PBX logs no
 * unanswered calls" caveat no longer holds for any of them. Null when the import is not LOADED.
 */
export async function reevaluateForImport(importId: string, options: { now?: Date } = {}): Promise<EvaluationResult | null> {
  const [imp] = await prisma.$queryRaw<{ source_id: string; from: Date; to: Date; first_unanswered: boolean }[]>`
    select i.source_id::text as source_id, i.coverage_from as from, i.coverage_to as to,
           i.unanswered_rows > 0 and not exists (
             select 1 from cdr_import o
             where o.source_id = i.source_id and o.id <> i.id and o.status = 'LOADED' and o.unanswered_rows > 0) as first_unanswered
    from cdr_import i
    where i.id = ${importId}::uuid and i.status = 'LOADED' and i.coverage_from is not null`;
  if (!imp) return null;
  const period = imp.first_unanswered ? ALL_TIME : { from: imp.from, to: imp.to };
  return evaluateReports({ sourceId: imp.source_id, ...period }, options);
}
