import "server-only";
import { prisma, Prisma } from "@/lib/db/client.ts";
import type { CaseStatus } from "@/lib/cases/rules.ts";
import type { Verdict } from "@/lib/matching/rules.ts";

/** Whose inbox: reports are filed under the user's audit label (their email). */
export type InboxScope = { enteredBy: string };

export type InboxReport = {
  id: string;
  ticket: string | null;
  account: string;
  name: string;
  number: string;
  ringAt: Date;
  createdAt: Date;
  enteredBy: string;
  /** Null until the report has been evaluated. */
  verdict: Verdict | null;
};

const LIST_LIMIT = 100;

function filedSince(since: Date, who: Prisma.Sql) {
  return prisma.$queryRaw<InboxReport[]>`
    select gr.id, gr.ticket, c.account, c.name, gr.number, gr."ringAt" as "ringAt", gr."createdAt" as "createdAt",
           gr."enteredBy" as "enteredBy", rv.verdict::text as verdict
      from ghost_report gr
      join customer c on c.id = gr."customerId"
      left join report_verdict rv on rv.report_id = gr.id
     where gr."createdAt" >= ${since} and ${who}
     order by gr."createdAt" desc, gr.id
     limit ${LIST_LIMIT}`;
}

/** Reports filed since `since`: the user's, and the rest of the team's, newest first. */
export async function reportsFiledSince(scope: InboxScope, since: Date) {
  const [mine, team] = await Promise.all([
    filedSince(since, Prisma.sql`gr."enteredBy" = ${scope.enteredBy}`),
    filedSince(since, Prisma.sql`gr."enteredBy" <> ${scope.enteredBy}`),
  ]);
  return { mine, team };
}

export type CoverageGap = {
  /** The CDR source to import; null when the customer has no source at all. */
  source: string | null;
  reports: number;
  /** The period to import: every waiting ring's ring_at ± its window. */
  from: Date;
  to: Date;
};

export type WaitingReport = {
  id: string;
  ticket: string | null;
  account: string;
  ringAt: Date;
  windowMinutes: number;
  /** Sources that don't cover the ring (empty: the customer has none). */
  sources: string[];
};

// The sources a NO_COVERAGE verdict's ring is not covered by, from its sources JSON
// ([{source, covered, hasUnanswered}], lib/matching): one row each, and a single null source for
// a customer without any source (the gap to fix there is adding one).
const uncoveredSources = (sources: Prisma.Sql) => Prisma.sql`
  select s->>'source' as source
    from jsonb_array_elements(
      case when jsonb_typeof(${sources}) = 'array' and jsonb_array_length(${sources}) > 0 then ${sources}
           else '[{"source": null, "covered": false}]'::jsonb end) s
   where not coalesce((s->>'covered')::boolean, false)`;

/** Reports waiting for CDR coverage: per source the period to import, and the latest rings. */
export async function waitingForCoverage() {
  const [gaps, reports] = await Promise.all([
    prisma.$queryRaw<CoverageGap[]>`
      select u.source, count(distinct rv.report_id)::int as reports,
             min(rv.ring_at - make_interval(mins => gr."windowMinutes")) as "from",
             max(rv.ring_at + make_interval(mins => gr."windowMinutes")) as "to"
        from report_verdict rv
        join ghost_report gr on gr.id = rv.report_id
        cross join lateral (${uncoveredSources(Prisma.sql`rv.sources`)}) u
       where rv.verdict = 'NO_COVERAGE'
       group by 1
       order by 2 desc, 1`,
    // The latest rings first (index (verdict, ring_at, customer_id)), their uncovered sources after.
    prisma.$queryRaw<WaitingReport[]>`
      with latest as (
        select report_id, customer_id, ring_at, sources from report_verdict
         where verdict = 'NO_COVERAGE' order by ring_at desc limit ${LIST_LIMIT}
      )
      select l.report_id as id, gr.ticket, c.account, l.ring_at as "ringAt", gr."windowMinutes" as "windowMinutes",
             array(select u.source from (${uncoveredSources(Prisma.sql`l.sources`)}) u
                    where u.source is not null order by 1) as sources
        from latest l
        join ghost_report gr on gr.id = l.report_id
        join customer c on c.id = l.customer_id
       order by l.ring_at desc`,
  ]);
  return { gaps, reports };
}

export type RingingAgain = {
  account: string;
  name: string;
  caseNumber: number;
  status: CaseStatus;
  /** Times a ring without PBX record followed the remediation, counting a ring automation has not seen yet. */
  recurrences: number;
  /** The latest such ring. */
  lastRingAt: Date;
};

/**
 * Open cases whose customer rang again without a PBX record after the remediation, latest ring
 * first. syncCases (lib/cases/automation.ts) reopens such a case as INVESTIGATING at once, with
 * recurrences + 1 and last_recurrence_at, so these are mostly reopened cases; a VERIFYING case
 * with a ring since its remediation was sent is one whose ring automation has not processed yet
 * (it runs when a report is filed or an import is evaluated), counted as the recurrence it will
 * become. A recurrence older than the case's latest remediation is answered: not listed.
 */
export function ringingAgain() {
  // Both kinds come from `cases` (10,000 rows at the benchmark's scale) before any join: the
  // reopened cases' own top LIST_LIMIT in the list's order, and per VERIFYING case one backward
  // probe of index (customer_id, verdict, ring_at) for its latest ring since verifying_since
  // (a join over every ring without PBX record read all of them, and every customer, per request).
  const reopenedSinceRemediation = Prisma.sql`k.recurrences > 0 and k.last_recurrence_at > coalesce(k.remediation_sent_at, '-infinity')`;
  return prisma.$queryRaw<RingingAgain[]>`
    with candidates as (
      (select k.customer_id, k.number, k.status, k.recurrences, k.last_recurrence_at as last_ring_at
         from cases k
        where k.status not in ('RESOLVED', 'FALSE_POSITIVE', 'VERIFYING')
          and ${reopenedSinceRemediation}
        order by k.last_recurrence_at desc, k.number
        limit ${LIST_LIMIT})
      union all
      select k.customer_id, k.number, k.status, k.recurrences + (u.ring_at is not null)::int,
             greatest(k.last_recurrence_at, u.ring_at)
        from cases k
        cross join lateral (
          select max(rv.ring_at) as ring_at from report_verdict rv
           where rv.customer_id = k.customer_id and rv.verdict = 'NO_PBX_RECORD'
             and rv.ring_at > coalesce(k.remediation_sent_at, k.verifying_since)
        ) u
       where k.status = 'VERIFYING'
         and ((${reopenedSinceRemediation}) or u.ring_at is not null)
    )
    select c.account, c.name, k.number as "caseNumber", k.status::text as status, k.recurrences,
           k.last_ring_at as "lastRingAt"
      from (select * from candidates order by last_ring_at desc, number limit ${LIST_LIMIT}) k
      join customer c on c.id = k.customer_id
     order by k.last_ring_at desc, k.number`;
}

/** The customer a ticket's reports are for (the latest report when a ticket was reused). */
export async function customerOfTicket(ticket: string): Promise<string | null> {
  const report = await prisma.ghostReport.findFirst({
    where: { ticket },
    orderBy: { createdAt: "desc" },
    select: { customer: { select: { account: true } } },
  });
  return report?.customer.account ?? null;
}
