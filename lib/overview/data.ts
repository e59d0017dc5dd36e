import "server-only";
import { prisma } from "@/lib/db/client.ts";
import type { CaseStatus } from "@/lib/cases/rules.ts";
import { type FindingLevel, SWEEP_MINUTES } from "@/lib/matching/rules.ts";

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

/** Reported rings per UTC day over the last OVERVIEW_DAYS days (today included), by verdict. */
export function ringsPerDay(now = new Date()) {
  const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const first = new Date(today.getTime() - (OVERVIEW_DAYS - 1) * DAY_MS);
  const end = new Date(today.getTime() + DAY_MS);
  return prisma.$queryRaw<RingDay[]>`
    with days as (
      select generate_series(${first}::timestamptz, ${today}::timestamptz, interval '24 hours') as day
    ), counts as (
      select date_trunc('day', ring_at, 'UTC') as day,
             count(*) filter (where verdict = 'PBX_RECORD_FOUND')::int as with_record,
             count(*) filter (where verdict = 'NO_PBX_RECORD')::int as without_record,
             count(*) filter (where verdict = 'NO_COVERAGE')::int as no_coverage
        from report_verdict
       where ring_at >= ${first} and ring_at < ${end}
       group by 1
    )
    select to_char(d.day at time zone 'UTC', 'YYYY-MM-DD') as day,
           coalesce(c.with_record, 0) as "withRecord", coalesce(c.without_record, 0) as "withoutRecord",
           coalesce(c.no_coverage, 0) as "noCoverage"
      from days d left join counts c on c.day = d.day
     order by d.day`;
}

/**
 * Sweeps of the last OVERVIEW_DAYS days, newest first: rings without PBX record chained less
 * than SWEEP_MINUTES apart (gaps and islands over index (verdict, ring_at)) that reached at
 * least two customers.
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
    )
    select min(i.ring_at) as "from", max(i.ring_at) as "to", count(*)::int as rings,
           count(distinct i.customer_id)::int as customers,
           (array_agg(distinct c.account order by c.account))[1:${SWEEP_MEMBERS_SHOWN}] as members
      from islands i join customer c on c.id = i.customer_id
     group by i.island
    having count(distinct i.customer_id) >= 2
     order by min(i.ring_at) desc
     limit ${limit}`;
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
