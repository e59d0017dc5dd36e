import "server-only";
// Reads for the customer case page: the case with its history, who can take it, the remediations
// saved from the wizard, and the timeline of PBX calls against reported rings. Each takes the
// customer it is about; the page has already checked the user may see customers.
import { prisma } from "@/lib/db/client.ts";
import { SWEEP_MINUTES } from "@/lib/matching/rules.ts";
import { describeEvent, type HistoryEntry } from "./history.ts";
import type { PackedTimeline } from "./timeline.ts";

/** The customer's open case, else the latest closed one, with its history newest first. */
export async function getCustomerCase(customerId: string) {
  const caseRow =
    (await prisma.case.findUnique({ where: { openCustomerId: customerId }, include: { assignee: { select: { id: true, name: true, email: true } } } })) ??
    (await prisma.case.findFirst({
      where: { customerId },
      orderBy: [{ openedAt: "desc" }, { number: "desc" }],
      include: { assignee: { select: { id: true, name: true, email: true } } },
    }));
  if (!caseRow) return null;
  const events = await prisma.auditEvent.findMany({
    where: { entityType: "case", entityId: caseRow.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  const history: HistoryEntry[] = events.map(describeEvent);
  const earlierCases = await prisma.case.count({ where: { customerId, id: { not: caseRow.id } } });
  return { ...caseRow, history, earlierCases };
}

export type CustomerCase = NonNullable<Awaited<ReturnType<typeof getCustomerCase>>>;

/** Everyone who can work a case (every role is at least an agent). */
export function listAssignableUsers() {
  return prisma.user.findMany({ orderBy: [{ name: "asc" }, { email: "asc" }], select: { id: true, name: true, email: true, role: true } });
}

export function listRemediations(customerId: string) {
  return prisma.remediation.findMany({
    where: { customerId },
    orderBy: { createdAt: "desc" },
    take: 50,
    include: { case: { select: { number: true } }, device: { select: { model: true, extension: true } } },
  });
}

export const TIMELINE_RANGES = { "7d": 7, "30d": 30, "90d": 90 } as const;
export type TimelineRange = keyof typeof TIMELINE_RANGES;

/**
 * PBX calls to the customer's numbers per hour, against the rings they reported, over the `days`
 * before `now`. Calls are CDRs of the customer's sources whose callee or endpoint is one of the
 * customer's numbers (a DID on any of their sources, an extension on its own PBX), each read as
 * a range on the (source_id, callee_number, started_at) or (source_id, endpoint, started_at) index;
 * a call matching both ways counts once. Hours are cut in the customer's time zone, where "3 a.m."
 * means what the customer means by it. Only the hours with a call or a ring come back, with the
 * first hour and the number of hours (timeline.ts unpackTimeline gives every hour): the dense 30
 * days were 720 rows for Prisma to read and 65 kB of the case page's React payload, mostly zeros.
 */
export async function getTimeline(customer: { id: string; timeZone: string }, days: number, now = new Date()): Promise<PackedTimeline> {
  const to = now;
  const from = new Date(now.getTime() - days * 86_400_000);
  const rows = await prisma.$queryRaw<
    ({ start: Date; count: number } & ({ hour: Date; calls: number; no_record: number; found: number; no_coverage: number; pending: number; sweep: number } | { hour: null }))[]
  >`
    with pairs as (
      select distinct cs."sourceId" as source_id, n.number
      from customer_source cs
      join customer_number n on n."customerId" = cs."customerId" and (n."sourceId" is null or n."sourceId" = cs."sourceId")
      where cs."customerId" = ${customer.id}::uuid
    ),
    calls as (
      select date_trunc('hour', c.started_at, ${customer.timeZone}) as hour, count(distinct c.id)::int as calls
      from pairs p
      cross join lateral (
        select id, started_at from cdr
        where cdr.source_id = p.source_id and cdr.callee_number = p.number and cdr.started_at >= ${from} and cdr.started_at < ${to}
        union all
        select id, started_at from cdr
        where cdr.source_id = p.source_id and cdr.endpoint = p.number and cdr.started_at >= ${from} and cdr.started_at < ${to}
      ) c
      group by 1
    ),
    rings as (
      select date_trunc('hour', g."ringAt", ${customer.timeZone}) as hour,
        count(*) filter (where v.verdict = 'NO_PBX_RECORD')::int as no_record,
        count(*) filter (where v.verdict = 'PBX_RECORD_FOUND')::int as found,
        count(*) filter (where v.verdict = 'NO_COVERAGE')::int as no_coverage,
        count(*) filter (where v.verdict is null)::int as pending,
        count(*) filter (
          where v.verdict = 'NO_PBX_RECORD' and exists (
            select 1 from report_verdict o
            where o.verdict = 'NO_PBX_RECORD' and o.customer_id <> g."customerId"
              and o.ring_at between g."ringAt" - make_interval(mins => ${SWEEP_MINUTES}::int) and g."ringAt" + make_interval(mins => ${SWEEP_MINUTES}::int)
          )
        )::int as sweep
      from ghost_report g
      left join report_verdict v on v.report_id = g.id
      where g."customerId" = ${customer.id}::uuid and g."ringAt" >= ${from} and g."ringAt" < ${to}
      group by 1
    ),
    hours as (
      select generate_series(date_trunc('hour', ${from}::timestamptz, ${customer.timeZone}), ${to}::timestamptz, interval '1 hour') as hour
    ),
    busy as (
      select coalesce(c.hour, r.hour) as hour,
        coalesce(c.calls, 0) as calls, coalesce(r.no_record, 0) as no_record, coalesce(r.found, 0) as found,
        coalesce(r.no_coverage, 0) as no_coverage, coalesce(r.pending, 0) as pending, coalesce(r.sweep, 0) as sweep
      from calls c full join rings r on r.hour = c.hour
    )
    -- One row at least: the range's first hour and length come with no busy hour too.
    select s.start, s.count, b.*
    from (select min(hour) as start, count(*)::int as count from hours) s
    left join busy b on true
    order by b.hour`;
  const busy = rows.flatMap((r) =>
    r.hour === null
      ? []
      : [{ t: r.hour.getTime(), calls: r.calls, noRecord: r.no_record, found: r.found, noCoverage: r.no_coverage, pending: r.pending, sweep: r.sweep > 0 ? r.sweep : null }],
  );
  return { start: rows[0]!.start.getTime(), count: rows[0]!.count, busy };
}
