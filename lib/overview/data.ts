import "server-only";
import { prisma, Prisma } from "@/lib/db/client.ts";
import type { CaseStatus } from "@/lib/cases/rules.ts";
import { overviewCounts } from "@/lib/customers/data.ts";
import { type FindingLevel, SWEEP_MINUTES, type Verdict } from "@/lib/matching/rules.ts";
import { sharedFor } from "@/lib/shared.ts";

const DAY_MS = 86_400_000;
export const OVERVIEW_DAYS = 30;

export type RingDay = { day: string; withRecord: number; withoutRecord: number; noCoverage: number };
export type Sweep = { from: Date; to: Date; rings: number; customers: number; members: string[] };

/** Accounts listed per sweep; a large sweep shows its first ones and how many in all. */
export const SWEEP_MEMBERS_SHOWN = 12;
export type Median = { seconds: number | null; cases: number };

/** Customers per finding level, and cases per status. */
export async function countsByLevelAndStatus() {
  const [levels, statuses] = await Promise.all([
    prisma.customerFinding.groupBy({ by: ["level"], _count: { _all: true } }),
    prisma.case.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  return {
    levels: Object.fromEntries(levels.map((l) => [l.level, l._count._all])) as Partial<Record<FindingLevel, number>>,
    statuses: Object.fromEntries(statuses.map((s) => [s.status, s._count._all])) as Partial<Record<CaseStatus, number>>,
  };
}

/**
 * Reported rings per UTC day over the last OVERVIEW_DAYS days (today included), by verdict: one
 * count per day and verdict, each a range of index (verdict, ring_at, customer_id) read without
 * the table. Grouping 200,000 rows by date_trunc(..., 'UTC') computed a zone conversion per row.
 */
export function ringsPerDay(now = new Date()) {
  const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const first = new Date(today.getTime() - (OVERVIEW_DAYS - 1) * DAY_MS);
  const count = (verdict: Verdict) => Prisma.sql`(
    select count(*)::int from report_verdict rv
     where rv.verdict = ${verdict}::"Verdict" and rv.ring_at >= d.day and rv.ring_at < d.day + interval '24 hours')`;
  return prisma.$queryRaw<RingDay[]>`
    select to_char(d.day at time zone 'UTC', 'YYYY-MM-DD') as day,
           ${count("PBX_RECORD_FOUND")} as "withRecord", ${count("NO_PBX_RECORD")} as "withoutRecord",
           ${count("NO_COVERAGE")} as "noCoverage"
      from generate_series(${first}::timestamptz, ${today}::timestamptz, interval '24 hours') d(day)
     order by d.day`;
}

/**
 * Sweeps of the last OVERVIEW_DAYS days, newest first: rings without PBX record chained less
 * than SWEEP_MINUTES apart (gaps and islands over index (verdict, ring_at, customer_id), read
 * without the table) that reached at least two customers. Each island is reduced to one row per
 * customer before anything is counted, and only the shown sweeps' customers are looked up for
 * their first accounts (the join to every ring's customer and the distinct sort of 99,000 rings
 * were most of the time at the benchmark's scale).
 */
export function activeSweeps(now = new Date(), limit = 20) {
  const since = new Date(now.getTime() - OVERVIEW_DAYS * DAY_MS);
  return prisma.$queryRaw<Sweep[]>`
    with rings as (
      select rv.ring_at, rv.customer_id,
             case when rv.ring_at - lag(rv.ring_at) over (order by rv.ring_at) <= make_interval(mins => ${SWEEP_MINUTES}::int)
                  then 0 else 1 end as starts
        from report_verdict rv
       where rv.verdict = 'NO_PBX_RECORD' and rv.ring_at >= ${since}
    ), islands as (
      select ring_at, customer_id, sum(starts) over (order by ring_at rows unbounded preceding) as island from rings
    ), members as (
      select island, customer_id, count(*) as rings, min(ring_at) as first_at, max(ring_at) as last_at
        from islands
       group by island, customer_id
    ), sweeps as (
      select island, min(first_at) as "from", max(last_at) as "to", sum(rings)::int as rings, count(*)::int as customers,
             array_agg(customer_id) as customer_ids
        from members
       group by island
      having count(*) >= 2
       order by min(first_at) desc
       limit ${limit}
    )
    select s."from", s."to", s.rings, s.customers,
           array(select c.account from customer c where c.id = any(s.customer_ids)
                  order by c.account limit ${SWEEP_MEMBERS_SHOWN}) as members
      from sweeps s
     order by s."from" desc`;
}

/** Cases reopened by a ring after remediation: how many cases, how many times, the last 30 days. */
export async function recurrences(now = new Date()) {
  const since = new Date(now.getTime() - OVERVIEW_DAYS * DAY_MS);
  const [row] = await prisma.$queryRaw<{ cases: number; total: number; recent: number }[]>`
    select count(*) filter (where recurrences > 0)::int as cases, coalesce(sum(recurrences), 0)::int as total,
           count(*) filter (where last_recurrence_at >= ${since})::int as recent
      from cases`;
  return row ?? { cases: 0, total: 0, recent: 0 };
}

/**
 * Median time from a customer's first ring without PBX record to the remediation being sent, and
 * to a RESOLVED case's closing (cases that started before their customer's first such ring, from
 * a manual opening, are left out rather than counted as negative times).
 */
export async function medianTimes() {
  const [row] = await prisma.$queryRaw<{ remediation: number | null; remediated: number; resolution: number | null; resolved: number }[]>`
    with spans as (
      select extract(epoch from k.remediation_sent_at - f.first_no_record_at) as to_remediation,
             case when k.status = 'RESOLVED' then extract(epoch from k.closed_at - f.first_no_record_at) end as to_resolution
        from cases k join customer_finding f on f.customer_id = k.customer_id
       where f.first_no_record_at is not null
         -- The only cases either median can count: the rest would join every case's finding
         -- for spans that are null.
         and (k.remediation_sent_at is not null or (k.status = 'RESOLVED' and k.closed_at is not null))
    )
    select percentile_cont(0.5) within group (order by to_remediation) filter (where to_remediation >= 0) as remediation,
           count(*) filter (where to_remediation >= 0)::int as remediated,
           percentile_cont(0.5) within group (order by to_resolution) filter (where to_resolution >= 0) as resolution,
           count(*) filter (where to_resolution >= 0)::int as resolved
      from spans`;
  return {
    toRemediation: { seconds: row?.remediation ?? null, cases: row?.remediated ?? 0 } satisfies Median,
    toResolution: { seconds: row?.resolution ?? null, cases: row?.resolved ?? 0 } satisfies Median,
  };
}

// How long the overview's numbers are shared between requests. Two of its parts cannot be made
// cheap by an index: the sweeps are a gaps-and-islands pass (window functions) over every ring
// without PBX record of 30 days, about 100 ms for the 99,000 of the benchmark's scale even when
// the index alone is read, and the exact counts read every customer, phone, report and finding
// (about 30 ms at 100,000 customers; count(*) has no shortcut in PostgreSQL). Ten seconds, as the
// queue's totals (lib/queue/data.ts): 20 supervisors on the overview cost one load per 10 s, and
// a number is at most 10 s behind.
const OVERVIEW_TTL_MS = 10_000;

/** Everything the Overview page shows, loaded together and shared for OVERVIEW_TTL_MS; `overview.forget()` drops it. */
export const overview = sharedFor(OVERVIEW_TTL_MS, async () => {
  const now = new Date();
  const [counts, byLevelStatus, days, sweeps, recurring, medians] = await Promise.all([
    overviewCounts(),
    countsByLevelAndStatus(),
    ringsPerDay(now),
    activeSweeps(now),
    recurrences(now),
    medianTimes(),
  ]);
  return { counts, byLevelStatus, days, sweeps, recurring, medians };
});
