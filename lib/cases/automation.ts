import "server-only";
// The automatic part of the case workflow (issue 6): cases open when a customer is flagged, reopen
// when a ring without PBX record follows a remediation, and move on by themselves once the phones
// have had time to take the change and have stayed quiet. People do the rest (lib/cases/writes.ts).
// Each statement changes every case it concerns and writes their audit events in one go: it runs
// after an import that may touch thousands of customers.
import * as z from "zod";
import { Prisma, prisma } from "@/lib/db/client.ts";
import type { CaseStatus } from "./rules.ts";

/** Who the audit trail says made an automatic change. */
export const AUTOMATIC_ACTOR = "ghostline (automatic)";

const envSchema = z.object({
  // Phones take provisioning changes at their periodic resync (daily by default on Yealink,
  // Polycom and Grandstream), so a ring soon after the remediation was sent proves nothing yet.
  GHOSTLINE_PROVISIONING_GRACE_HOURS: z.coerce.number().positive().default(24),
  // Issue 6: a case resolves itself after 14 days without a ring lacking a PBX record.
  GHOSTLINE_QUIET_DAYS: z.coerce.number().positive().default(14),
});

/** The grace and quiet periods, in seconds, from the environment. */
export function casePeriods(env: Record<string, string | undefined> = process.env) {
  const parsed = envSchema.parse({
    GHOSTLINE_PROVISIONING_GRACE_HOURS: env.GHOSTLINE_PROVISIONING_GRACE_HOURS || undefined,
    GHOSTLINE_QUIET_DAYS: env.GHOSTLINE_QUIET_DAYS || undefined,
  });
  return { graceSeconds: parsed.GHOSTLINE_PROVISIONING_GRACE_HOURS * 3600, quietSeconds: parsed.GHOSTLINE_QUIET_DAYS * 86_400 };
}

export interface SyncCasesResult {
  /** New cases (status NEW) for customers flagged without an open case. */
  opened: number;
  /** Cases reopened as INVESTIGATING by a ring without PBX record after their remediation. */
  reopened: number;
}

export interface AdvanceCasesResult {
  /** Case numbers moved from REMEDIATION_SENT to VERIFYING. */
  verifying: number[];
  /** Case numbers moved from VERIFYING to RESOLVED. */
  resolved: number[];
}

const hours = (seconds: number) => `${+(seconds / 3600).toFixed(2)} h`;
const days = (seconds: number) => `${+(seconds / 86_400).toFixed(2)} days`;

// audit_event."createdAt" is a timestamp without zone holding UTC, as Prisma writes it.
const auditTime = (now: Date) => Prisma.sql`(${now}::timestamptz at time zone 'UTC')`;

/**
 * Opens and reopens the cases of these customers from their stored findings and verdicts:
 * - a case waiting on its remediation (REMEDIATION_SENT, VERIFYING), or the customer's last
 *   closed case if it was RESOLVED, with a NO_PBX_RECORD ring after its remediation was sent,
 *   is reopened as INVESTIGATING and counted as a recurrence;
 * - then a customer who is LIKELY_SCANNED or POSSIBLE without an open case gets a NEW case,
 *   unless a case of theirs was closed and no NO_PBX_RECORD ring came after it (a supervisor
 *   called it a false positive, or it was resolved, on this very evidence).
 */
export async function syncCases(customerIds: string[], options: { now?: Date } = {}): Promise<SyncCasesResult> {
  if (customerIds.length === 0) return { opened: 0, reopened: 0 };
  const now = options.now ?? new Date();
  // One statement (a new report's verdict has a 50 ms budget): its parts see the cases as they
  // were before it, so the opening part leaves out the customers whose case the first part reopens.
  const [counts] = await prisma.$queryRaw<SyncCasesResult[]>`
    with recurring as (
      select c.id, c.customer_id, c.status,
             (select max(v.ring_at) from report_verdict v
              where v.customer_id = c.customer_id and v.verdict = 'NO_PBX_RECORD'
                and v.ring_at > c.remediation_sent_at) as ring_at
      from cases c
      where c.customer_id = any(${customerIds}::uuid[]) and c.remediation_sent_at is not null
        and ((c.open_customer_id is not null and c.status in ('REMEDIATION_SENT', 'VERIFYING'))
          or (c.open_customer_id is null and c.status = 'RESOLVED'
              and not exists (select 1 from cases o where o.open_customer_id = c.customer_id)
              and not exists (select 1 from cases l
                              where l.customer_id = c.customer_id and l.id <> c.id and l.open_customer_id is null
                                and coalesce(l.closed_at, l.updated_at) > coalesce(c.closed_at, c.updated_at))))
    ),
    reopened as (
      update cases c
      set status = 'INVESTIGATING', recurrences = c.recurrences + 1, last_recurrence_at = recurring.ring_at,
          open_customer_id = c.customer_id, verifying_since = null, closed_at = null, updated_at = ${now}::timestamptz
      from recurring
      where c.id = recurring.id and recurring.ring_at is not null
      returning c.id, c.customer_id, recurring.status as before_status, c.recurrences, c.last_recurrence_at
    ),
    flagged as (
      select f.customer_id, f.level, f.score from customer_finding f
      where f.customer_id = any(${customerIds}::uuid[]) and f.level in ('LIKELY_SCANNED', 'POSSIBLE')
        and not exists (select 1 from cases o where o.open_customer_id = f.customer_id)
        and not exists (select 1 from recurring r where r.customer_id = f.customer_id and r.ring_at is not null)
        and not exists (
          select 1 from cases l
          where l.customer_id = f.customer_id and l.open_customer_id is null
            and not exists (select 1 from report_verdict v
                            where v.customer_id = f.customer_id and v.verdict = 'NO_PBX_RECORD'
                              and v.ring_at > coalesce(l.closed_at, l.updated_at)))
    ),
    opened as (
      insert into cases (id, customer_id, open_customer_id, status, opened_at, updated_at)
      select gen_random_uuid(), customer_id, customer_id, 'NEW', ${now}::timestamptz, ${now}::timestamptz from flagged
      -- Another evaluation may have opened it meanwhile: one open case per customer.
      on conflict (open_customer_id) do nothing
      returning id, number, customer_id
    ),
    audit as (
      insert into audit_event ("actorLabel", action, "entityType", "entityId", before, after, "createdAt")
      select ${AUTOMATIC_ACTOR}, 'case.recurrence', 'case', r.id::text,
             jsonb_build_object('status', r.before_status),
             jsonb_build_object('status', 'INVESTIGATING', 'recurrences', r.recurrences, 'lastRecurrenceAt', r.last_recurrence_at),
             ${auditTime(now)}
      from reopened r
      union all
      select ${AUTOMATIC_ACTOR}, 'case.opened', 'case', o.id::text, null,
             jsonb_build_object('status', 'NEW', 'number', o.number, 'level', f.level, 'score', f.score,
                                'reason', case f.level when 'LIKELY_SCANNED' then 'likely scanned' else 'possibly scanned' end
                                          || ' (score ' || f.score || ')'),
             ${auditTime(now)}
      from opened o join flagged f on f.customer_id = o.customer_id
    )
    select (select count(*)::int from opened) as opened, (select count(*)::int from reopened) as reopened`;
  return counts!;
}

/**
 * Moves cases on with time (run by `ghostline cases advance` and the job queue):
 * REMEDIATION_SENT → VERIFYING once the grace period has passed since the remediation was sent,
 * then VERIFYING → RESOLVED after the quiet period without a NO_PBX_RECORD ring. Each transition
 * is dated when its condition was met, not when this runs, so a late run changes no history.
 */
export async function advanceCases(options: { now?: Date; env?: Record<string, string | undefined> } = {}): Promise<AdvanceCasesResult> {
  const now = options.now ?? new Date();
  const { graceSeconds, quietSeconds } = casePeriods(options.env);
  const verifying = await moveCases(now, {
    from: "REMEDIATION_SENT",
    to: "VERIFYING",
    due: Prisma.sql`c.remediation_sent_at + make_interval(secs => ${graceSeconds}) <= ${now}::timestamptz`,
    set: Prisma.sql`verifying_since = c.remediation_sent_at + make_interval(secs => ${graceSeconds})`,
    dated: { key: "verifyingSince", column: Prisma.sql`c.verifying_since` },
    reason: `the phones have had ${hours(graceSeconds)} to take the overrides`,
  });
  const resolved = await moveCases(now, {
    from: "VERIFYING",
    to: "RESOLVED",
    due: Prisma.sql`c.verifying_since + make_interval(secs => ${quietSeconds}) <= ${now}::timestamptz
      and not exists (select 1 from report_verdict v
                      where v.customer_id = c.customer_id and v.verdict = 'NO_PBX_RECORD' and v.ring_at >= c.verifying_since)`,
    set: Prisma.sql`open_customer_id = null, closed_at = c.verifying_since + make_interval(secs => ${quietSeconds})`,
    dated: { key: "closedAt", column: Prisma.sql`c.closed_at` },
    reason: `no ring without PBX record for ${days(quietSeconds)}`,
  });
  return { verifying, resolved };
}

/** One automatic transition: which cases are due, what else changes, and the date it is known by. */
type Move = {
  from: CaseStatus;
  to: CaseStatus;
  due: Prisma.Sql;
  set: Prisma.Sql;
  /** The column holding when the condition was met, and its key in the audit event. */
  dated: { key: string; column: Prisma.Sql };
  reason: string;
};

/** Moves every due case from one status to the next with its audit event; the case numbers moved. */
async function moveCases(now: Date, m: Move): Promise<number[]> {
  const moved = await prisma.$queryRaw<{ number: number }[]>`
    with moved as (
      update cases c
      set status = ${m.to}::"CaseStatus", ${m.set}, updated_at = ${now}::timestamptz
      where c.status = ${m.from}::"CaseStatus" and ${m.due}
      returning c.id, c.number, ${m.dated.column} as dated
    ),
    audit as (
      insert into audit_event ("actorLabel", action, "entityType", "entityId", before, after, "createdAt")
      select ${AUTOMATIC_ACTOR}, 'case.status', 'case', m.id::text,
             jsonb_build_object('status', ${m.from}::text),
             jsonb_build_object('status', ${m.to}::text, ${m.dated.key}::text, m.dated, 'reason', ${m.reason}::text),
             ${auditTime(now)}
      from moved m
    )
    select number from moved order by number`;
  return moved.map((r) => r.number);
}
