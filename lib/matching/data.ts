import "server-only";
// Reads of the stored verdicts and findings (written by evaluate.ts), in the shapes the CLI
// (`ghostline verdicts --json`), GET /api/v1/customers/:account/findings and the pages show.
import { Prisma, prisma } from "@/lib/db/client.ts";
import { type Evidence, type Finding, type FindingLevel, type Verdict, computeFindings } from "./rules.ts";
import { type RingVerdict, type VerdictRow, type VerdictsResult, verdictOf } from "./verdicts.ts";

const VERDICT_ROWS = (where: Prisma.Sql) => Prisma.sql`
  select g.ticket, c.account, g.number, g."ringAt" as ring_at, g."windowMinutes" as window_minutes,
         v.verdict::text as verdict, v.scanner_reached_pbx, v.sources,
         so.name as m_source, m.started_at as m_started_at, m.caller_number as m_caller_number,
         m.caller_name as m_caller_name, m.caller_raw as m_caller_raw, m.callee_raw as m_callee_raw,
         m.endpoint as m_endpoint, m.disposition::text as m_disposition, m.duration_sec::float8 as m_duration_sec,
         m.bill_sec::float8 as m_bill_sec, m.context as m_context
  from report_verdict v
  join ghost_report g on g.id = v.report_id
  join customer c on c.id = v.customer_id
  left join cdr m on m.id = v.matched_cdr_id
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
  const findings: Finding[] = customers.map((c) =>
    c.finding
      ? { account: c.account, level: c.finding.level as FindingLevel, score: c.finding.score, evidence: c.finding.evidence as unknown as Evidence[] }
      : withoutFacts(computeFindings([c], [])[0]!),
  );
  return { verdicts: rows.map(verdictOf), findings };
}

const withoutFacts = ({ account, level, score, evidence }: Finding): Finding => ({ account, level, score, evidence });

/** The stored verdict of one report (null: no such report, or not evaluated yet). */
export async function verdictForReport(reportId: string): Promise<RingVerdict | null> {
  const [row] = await prisma.$queryRaw<VerdictRow[]>(VERDICT_ROWS(Prisma.sql`v.report_id = ${reportId}::uuid`));
  return row ? verdictOf(row) : null;
}

/** The stored verdict of each of these reports, by report id. */
export async function verdictsByReport(reportIds: string[]): Promise<Map<string, Verdict>> {
  const rows = await prisma.reportVerdict.findMany({ where: { reportId: { in: reportIds } }, select: { reportId: true, verdict: true } });
  return new Map(rows.map((r) => [r.reportId, r.verdict]));
}
