import "server-only";
// The verdict for each reported ring, computed on read: did the PBX carry a call to that number
// around that time? One SQL statement for all reports, joined to `cdr` by index-backed ranges
// ((source_id, callee_number, started_at) and (source_id, endpoint, started_at)); no CDRs are
// loaded into Node beyond the one matched per report.
import { Prisma, prisma } from "@/lib/db/client.ts";
import { type Finding, type Verdict, SWEEP_MINUTES, cdrScannerSigns, computeFindings } from "./rules.ts";

export interface MatchedCdr {
  source: string;
  startedAt: string;
  /** started_at − ringAt, in seconds (negative: before the reported time). */
  offsetSeconds: number;
  caller: string;
  callerName: string | null;
  callee: string;
  endpoint: string | null;
  disposition: string;
  durationSec: number | null;
  billSec: number | null;
  context: string | null;
  /** The CDR looks like scanner traffic: the scanner reached the PBX itself. */
  scannerReachedPbx: boolean;
  scannerSigns: string[];
}

export interface ImportNeeded {
  source: string | null;
  from: string;
  to: string;
}

export interface RingVerdict {
  ticket: string | null;
  account: string;
  number: string;
  ringTime: string;
  verdict: Verdict;
  matchedCdr?: MatchedCdr;
  caveats?: string[];
  /** NO_COVERAGE: the CDRs to import (or the source to add, source null) to decide this ring. */
  importNeeded?: ImportNeeded[];
}

export interface VerdictsResult {
  verdicts: RingVerdict[];
  findings: Finding[];
}

type SourceState = { source: string; covered: boolean; hasUnanswered: boolean };

type Row = {
  id: string;
  target: boolean;
  ticket: string | null;
  account: string;
  number: string;
  ring_at: Date;
  window_minutes: number;
  caller_id: string | null;
  sources: SourceState[] | string | null;
  m_source: string | null;
  m_started_at: Date | null;
  m_caller_number: string | null;
  m_caller_name: string | null;
  m_caller_raw: string | null;
  m_callee_raw: string | null;
  m_endpoint: string | null;
  m_disposition: string | null;
  m_duration_sec: number | null;
  m_bill_sec: number | null;
  m_context: string | null;
};

/** Reports of the customer, and any customer's reports near them in time (for sweeps). */
async function reportIdsInScope(customerAccount: string | undefined): Promise<string[] | null> {
  if (customerAccount === undefined) return null;
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    select g.id::text as id
    from ghost_report g
    join ghost_report t on g."ringAt" between t."ringAt" - make_interval(mins => ${SWEEP_MINUTES}) and t."ringAt" + make_interval(mins => ${SWEEP_MINUTES})
    join customer c on c.id = t."customerId"
    where c.account = ${customerAccount}`;
  return [...new Set(rows.map((r) => r.id))];
}

/** The one statement (exported for EXPLAIN in tests). */
// Report numbers are compared as stored: createReports normalises them the way
// the CDR loader normalises CDR numbers (E.164, or digits for an extension).
export const VERDICT_SQL = (ids: string[] | null, targetAccount: string | null) => Prisma.sql`
with r as (
  select g.id, g.ticket, c.account, c.account = coalesce(${targetAccount}::text, c.account) as target,
         g.number, g."customerId" as customer_id, g."ringAt" as ring_at, g."windowMinutes" as window_minutes,
         g."callerId" as caller_id,
         g."ringAt" - make_interval(mins => g."windowMinutes") as lo,
         g."ringAt" + make_interval(mins => g."windowMinutes") as hi,
         g.number not like '+%' as is_extension
  from ghost_report g join customer c on c.id = g."customerId"
  where ${ids}::uuid[] is null or g.id = any(${ids}::uuid[])
),
-- The customer's sources to search. An extension the customer registered on particular
-- sources is only searched there (an extension means something on one PBX only).
rs as (
  select r.id as report_id, cs."sourceId" as source_id
  from r join customer_source cs on cs."customerId" = r.customer_id
  where not r.is_extension
     or not exists (select 1 from customer_number cn
                    where cn."customerId" = r.customer_id and cn.number = r.number and cn."sourceId" is not null)
     or exists (select 1 from customer_number cn
                where cn."customerId" = r.customer_id and cn.number = r.number and cn."sourceId" = cs."sourceId")
),
-- Once per source (materialized, not per report). A source with no unanswered CDR at all is
-- scanned to its end; a per-import count kept by the loader would make this a lookup.
src as materialized (
  select s.source_id, so.name,
         exists (select 1 from cdr where cdr.source_id = s.source_id and cdr.disposition <> 'ANSWERED') as has_unanswered
  from (select distinct source_id from rs) s join cdr_source so on so.id = s.source_id
),
state as (
  select rs.report_id, src.name, src.has_unanswered,
         exists (select 1 from cdr_import i
                 where i.source_id = rs.source_id and i.status = 'LOADED'
                   and i.coverage_from <= r.ring_at and i.coverage_to >= r.ring_at) as covered
  from rs join r on r.id = rs.report_id join src on src.source_id = rs.source_id
),
-- Aggregated once per report and joined: a correlated subquery here ran once
-- per report over the whole of rs and r, which made the statement quadratic
-- (bench:match, 10k reports: 14.6 s).
state_json as (
  select s.report_id,
         json_agg(json_build_object('source', s.name, 'covered', s.covered, 'hasUnanswered', s.has_unanswered) order by s.name) as sources
  from state s group by s.report_id
),
hit as (
  select rs.report_id, cdr.id, cdr.source_id, cdr.started_at
  from rs join r on r.id = rs.report_id
  join cdr on cdr.source_id = rs.source_id and cdr.callee_number = r.number
          and cdr.started_at between r.lo and r.hi
  union all
  select rs.report_id, cdr.id, cdr.source_id, cdr.started_at
  from rs join r on r.id = rs.report_id
  join cdr on cdr.source_id = rs.source_id and cdr.endpoint = r.number
          and cdr.started_at between r.lo and r.hi
  where r.is_extension
),
best as (
  select distinct on (hit.report_id) hit.report_id, hit.id
  from hit join r on r.id = hit.report_id
  order by hit.report_id, abs(extract(epoch from hit.started_at - r.ring_at)), hit.started_at, hit.id
)
select r.id::text as id, r.target, r.ticket, r.account, r.number, r.ring_at, r.window_minutes, r.caller_id,
       sj.sources,
       so.name as m_source, m.started_at as m_started_at, m.caller_number as m_caller_number,
       m.caller_name as m_caller_name, m.caller_raw as m_caller_raw, m.callee_raw as m_callee_raw,
       m.endpoint as m_endpoint, m.disposition::text as m_disposition, m.duration_sec::float8 as m_duration_sec,
       m.bill_sec::float8 as m_bill_sec, m.context as m_context
from r
left join state_json sj on sj.report_id = r.id
left join best b on b.report_id = r.id
left join cdr m on m.id = b.id
left join cdr_source so on so.id = m.source_id
order by r.ring_at, r.account, r.id`;

const iso = (d: Date) => d.toISOString();

function verdictOf(row: Row): RingVerdict {
  const base = { ticket: row.ticket, account: row.account, number: row.number, ringTime: iso(row.ring_at) };
  const sources: SourceState[] = typeof row.sources === "string" ? JSON.parse(row.sources) : (row.sources ?? []);
  if (row.m_started_at !== null) {
    const signs = cdrScannerSigns({
      callerNumber: row.m_caller_number,
      callerName: row.m_caller_name,
      callerRaw: row.m_caller_raw ?? "",
      context: row.m_context,
      disposition: row.m_disposition ?? "OTHER",
      durationSec: row.m_duration_sec,
      billSec: row.m_bill_sec,
    });
    return {
      ...base,
      verdict: "PBX_RECORD_FOUND",
      matchedCdr: {
        source: row.m_source ?? "",
        startedAt: iso(row.m_started_at),
        offsetSeconds: Math.round((row.m_started_at.getTime() - row.ring_at.getTime()) / 1000),
        caller: row.m_caller_number ?? row.m_caller_raw ?? "",
        callerName: row.m_caller_name,
        callee: row.m_callee_raw ?? "",
        endpoint: row.m_endpoint,
        disposition: row.m_disposition ?? "OTHER",
        durationSec: row.m_duration_sec,
        billSec: row.m_bill_sec,
        context: row.m_context,
        scannerReachedPbx: signs.looksLikeScanner,
        scannerSigns: signs.signs,
      },
      ...(signs.looksLikeScanner
        ? { caveats: ["The PBX carried this call, but it looks like scanner traffic: the scanner reached the PBX itself."] }
        : {}),
    };
  }
  const window = {
    from: iso(new Date(row.ring_at.getTime() - row.window_minutes * 60_000)),
    to: iso(new Date(row.ring_at.getTime() + row.window_minutes * 60_000)),
  };
  const covering = sources.filter((s) => s.covered);
  if (covering.length === 0) {
    if (sources.length === 0) {
      return {
        ...base,
        verdict: "NO_COVERAGE",
        caveats: [`${row.account} has no CDR source: add its PBX as a source and import its CDRs for ${window.from} to ${window.to}.`],
        importNeeded: [{ source: null, ...window }],
      };
    }
    return {
      ...base,
      verdict: "NO_COVERAGE",
      caveats: sources.map((s) => `No imported CDRs of ${s.source} cover the ring: import ${s.source}'s CDRs for ${window.from} to ${window.to}.`),
      importNeeded: sources.map((s) => ({ source: s.source, ...window })),
    };
  }
  const caveats: string[] = [];
  for (const s of covering.filter((s) => !s.hasUnanswered)) {
    caveats.push(
      `${s.source}'s CDRs contain no unanswered calls at all (Asterisk \`unanswered=no\`?): an unanswered call would not be recorded, so the missing record is weaker evidence.`,
    );
  }
  const uncovered = sources.filter((s) => !s.covered);
  for (const s of uncovered) caveats.push(`${s.source} has no imported CDRs for this time; import ${window.from} to ${window.to} to check it too.`);
  return {
    ...base,
    verdict: "NO_PBX_RECORD",
    ...(caveats.length > 0 ? { caveats } : {}),
    ...(uncovered.length > 0 ? { importNeeded: uncovered.map((s) => ({ source: s.source, ...window })) } : {}),
  };
}

/**
 * Verdicts for every reported ring (or one customer's), and a finding per customer. For one
 * customer, other customers' rings near theirs are checked too, to see sweeps; only the
 * customer's own verdicts are returned. An unknown account gives no findings.
 */
export async function computeVerdicts(options: { customerAccount?: string } = {}): Promise<VerdictsResult> {
  const account = options.customerAccount;
  const customers = await prisma.customer.findMany({
    where: account === undefined ? {} : { account },
    select: { account: true, timeZone: true },
    orderBy: { account: "asc" },
  });
  if (customers.length === 0) return { verdicts: [], findings: [] };
  const ids = await reportIdsInScope(account);
  const rows = ids?.length === 0 ? [] : await prisma.$queryRaw<Row[]>(VERDICT_SQL(ids, account ?? null));
  const all = rows.map((row) => ({ row, verdict: verdictOf(row) }));
  const findings = computeFindings(
    customers,
    all.map(({ row, verdict }) => ({
      account: row.account,
      ringAt: row.ring_at,
      verdict: verdict.verdict,
      callerId: row.caller_id,
      scannerReachedPbx: verdict.matchedCdr?.scannerReachedPbx ?? false,
    })),
  );
  return { verdicts: all.filter(({ row }) => row.target).map(({ verdict }) => verdict), findings };
}

/** The verdict of one stored report (its customer's rings are computed together, for sweeps). */
export async function verdictForReport(reportId: string): Promise<RingVerdict | null> {
  const report = await prisma.ghostReport.findUnique({ where: { id: reportId }, include: { customer: { select: { account: true } } } });
  if (!report) return null;
  const { verdicts } = await computeVerdicts({ customerAccount: report.customer.account });
  return verdicts.find((v) => v.number === report.number && v.ringTime === report.ringAt.toISOString()) ?? null;
}
