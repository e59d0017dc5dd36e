import "server-only";
// Reads of the stored verdicts and findings (written by evaluate.ts), in the shapes the CLI
// (`ghostline verdicts --json`), GET /api/v1/customers/:account/findings and the pages show.
import { Prisma, prisma } from "@/lib/db/client.ts";
import { type Evidence, type Finding, type FindingLevel, type Verdict, computeFindings } from "./rules.ts";
import { type RingVerdict, type VerdictRow, type VerdictsResult, verdictOf } from "./verdicts.ts";

/** A report's window (ghost_report as `g`): the CDRs whose start lies in it can be its call. */
export const REPORT_WINDOW = {
  lo: Prisma.sql`g."ringAt" - make_interval(mins => g."windowMinutes")`,
  hi: Prisma.sql`g."ringAt" + make_interval(mins => g."windowMinutes")`,
};

// `within`: where the matched CDRs started, when known. A matched CDR started within its report's
// window (evaluate.ts's probe), so the span of the windows read bounds them all; as parameters
// PostgreSQL prunes cdr's monthly partitions while planning. Joined by id alone, the plan held
// every partition's key index (18 partitions, 3 months ahead and a year kept: 15–20 ms of
// planning for one customer's 11 verdicts, against 4 ms to run; bench:dashboard's database).
const VERDICT_ROWS = (where: Prisma.Sql, within?: { lo: Date; hi: Date }) => Prisma.sql`
  select g.ticket, c.account, g.number, g."ringAt" as ring_at, g."windowMinutes" as window_minutes,
         v.verdict::text as verdict, v.scanner_reached_pbx, v.sources,
         so.name as m_source, m.started_at as m_started_at, m.caller_number as m_caller_number,
         m.caller_name as m_caller_name, m.caller_raw as m_caller_raw, m.callee_raw as m_callee_raw,
         m.endpoint as m_endpoint, m.disposition::text as m_disposition, m.duration_sec::float8 as m_duration_sec,
         m.bill_sec::float8 as m_bill_sec, m.context as m_context
  from report_verdict v
  join ghost_report g on g.id = v.report_id
  join customer c on c.id = v.customer_id
  left join cdr m on m.id = v.matched_cdr_id ${within === undefined ? Prisma.empty : Prisma.sql`and m.started_at between ${within.lo} and ${within.hi}`}
  left join cdr_source so on so.id = m.source_id
  where ${where}
  order by g."ringAt", c.account, g.id`;

/**
 * The stored verdict of every reported ring (or one customer's) and a finding per customer.
 * A customer without a stored finding has reported no ring yet. An unknown account gives nothing.
 */
export async function getVerdicts(options: { customerAccount?: string } = {}): Promise<VerdictsResult> {
  const account = options.customerAccount;
  const customers = await prisma.customer.findMany({
    where: account === undefined ? {} : { account },
    select: { account: true, timeZone: true, finding: { select: { level: true, score: true, evidence: true } } },
    orderBy: { account: "asc" },
  });
  if (customers.length === 0) return { verdicts: [], findings: [] };
  const rows = await prisma.$queryRaw<VerdictRow[]>(
    VERDICT_ROWS(account === undefined ? Prisma.sql`true` : Prisma.sql`c.account = ${account}`),
  );
  return { verdicts: rows.map(verdictOf), findings: customers.map((c) => findingOf(c, c.finding)) };
}

type StoredFinding = { level: string; score: number; evidence: Prisma.JsonValue };

// A customer without a stored finding has reported no ring yet: the rules' finding for no rings.
function findingOf(customer: { account: string; timeZone: string }, stored: StoredFinding | null): Finding {
  if (!stored) {
    const { account, level, score, evidence } = computeFindings([customer], [])[0]!;
    return { account, level, score, evidence };
  }
  return { account: customer.account, level: stored.level as FindingLevel, score: stored.score, evidence: stored.evidence as unknown as Evidence[] };
}

/**
 * One customer's finding and the customers their rings were part of a sweep with, from one read
 * of the stored finding (the customer page shows both).
 */
export async function getCustomerFinding(customer: { id: string; account: string; timeZone: string }) {
  const stored = await prisma.customerFinding.findUnique({
    where: { customerId: customer.id },
    select: { level: true, score: true, evidence: true, sweepWith: true },
  });
  return { finding: findingOf(customer, stored), sweepWith: stored?.sweepWith ?? [] };
}

/** The stored verdicts of one customer's reported rings, oldest first. */
export async function getCustomerVerdicts(customerId: string): Promise<RingVerdict[]> {
  return (await boundedVerdictRows(Prisma.sql`g."customerId" = ${customerId}::uuid`)).map(verdictOf);
}

/** The stored verdict of one report (null: no such report, or not evaluated yet). */
export async function verdictForReport(reportId: string): Promise<RingVerdict | null> {
  const [row] = await boundedVerdictRows(Prisma.sql`g.id = ${reportId}::uuid`);
  return row ? verdictOf(row) : null;
}

/** VERDICT_ROWS for the reports `where` picks (on ghost_report `g`), bounded by their windows' span. */
async function boundedVerdictRows(where: Prisma.Sql): Promise<VerdictRow[]> {
  const [span] = await prisma.$queryRaw<{ lo: Date | null; hi: Date | null }[]>`
    select min(${REPORT_WINDOW.lo}) as lo, max(${REPORT_WINDOW.hi}) as hi from ghost_report g where ${where}`;
  if (!span?.lo || !span.hi) return [];
  return prisma.$queryRaw<VerdictRow[]>(VERDICT_ROWS(where, { lo: span.lo, hi: span.hi }));
}

/** The stored verdict of each of these reports, by report id. */
export async function verdictsByReport(reportIds: string[]): Promise<Map<string, Verdict>> {
  const rows = await prisma.reportVerdict.findMany({ where: { reportId: { in: reportIds } }, select: { reportId: true, verdict: true } });
  return new Map(rows.map((r) => [r.reportId, r.verdict]));
}
