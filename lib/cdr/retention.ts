import "server-only";
// CDR retention: keep the current UTC month and the `months` before it; older months' partitions
// are detached and dropped whole (no row-by-row DELETE, no bloat, no vacuum). The setting lives in
// cdr_retention (one row), edited on the admin page or with `ghostline cdrs retention`, and every
// change and every drop is audited. A drop moves cdr_retention.dropped_before on, where
// lib/matching/evaluate.ts stops counting imports as coverage: a ring whose window reaches before
// it has no CDRs to be judged against (NO_COVERAGE, never NO_PBX_RECORD).
import { recordAudit } from "@/lib/audit/writes.ts";
import { prisma } from "@/lib/db/client.ts";
import { type CdrPartition, addMonths, ensureCdrPartitions, listCdrPartitions, monthOf } from "./partitions.ts";

export interface CdrRetention {
  /** Months kept before the current one; null keeps every month. */
  months: number | null;
  /** Where the kept CDRs begin after a drop; null when nothing was dropped. */
  droppedBefore: Date | null;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export interface RetentionPlan {
  /** Partitions of months before this are dropped; null without a setting. */
  cutoff: Date | null;
  partitions: CdrPartition[];
  /** What a run now would drop. */
  due: CdrPartition[];
  /** When the oldest partition kept now falls due (a month's first instant); null when none will. */
  nextDrop: Date | null;
}

export interface Actor {
  actorId: string | null;
  actorLabel: string;
}

export class RetentionNotSetError extends Error {
  constructor() {
    super("no CDR retention is set: set a number of months first (ghostline cdrs retention --months N)");
  }
}

/** Largest setting accepted: a century, past which a typo is likelier than a plan. */
export const MAX_RETENTION_MONTHS = 1200;

export async function getCdrRetention(): Promise<CdrRetention> {
  const row = await prisma.cdrRetention.findUnique({ where: { id: 1 } });
  return { months: row?.months ?? null, droppedBefore: row?.droppedBefore ?? null, updatedAt: row?.updatedAt ?? null, updatedBy: row?.updatedBy ?? null };
}

/** The first month kept with `months` months of retention at `now`. */
export function retentionCutoff(months: number, now: Date): Date {
  return addMonths(monthOf(now), -months);
}

/**
 * Which partitions are due and when the next falls due: a month's partition is due once its
 * month is before the cutoff, i.e. on the first day of the month `months + 1` after it.
 */
export function planRetention(months: number | null, partitions: CdrPartition[], now: Date): RetentionPlan {
  if (months === null) return { cutoff: null, partitions, due: [], nextDrop: null };
  const cutoff = retentionCutoff(months, now);
  const monthly = partitions.filter((p): p is CdrPartition & { from: Date; to: Date } => p.from !== null && p.to !== null);
  const due = monthly.filter((p) => p.to.getTime() <= cutoff.getTime());
  const kept = monthly.filter((p) => p.to.getTime() > cutoff.getTime());
  const oldest = kept[0];
  return { cutoff, partitions, due, nextDrop: oldest === undefined ? null : addMonths(oldest.from, months + 1) };
}

export async function cdrRetentionPlan(now = new Date()): Promise<RetentionPlan & { retention: CdrRetention }> {
  const retention = await getCdrRetention();
  return { ...planRetention(retention.months, await listCdrPartitions(), now), retention };
}

/** Sets (or with null clears) the months kept; audited. Drops nothing by itself. */
export async function setCdrRetentionMonths(months: number | null, actor: Actor): Promise<CdrRetention> {
  if (months !== null && (!Number.isSafeInteger(months) || months < 1 || months > MAX_RETENTION_MONTHS)) {
    throw new Error(`retention must be a whole number of months from 1 to ${MAX_RETENTION_MONTHS}, not ${months}`);
  }
  await prisma.$transaction(async (tx) => {
    const before = await tx.cdrRetention.findUnique({ where: { id: 1 } });
    await tx.cdrRetention.upsert({
      where: { id: 1 },
      create: { id: 1, months, updatedBy: actor.actorLabel },
      update: { months, updatedAt: new Date(), updatedBy: actor.actorLabel },
    });
    await recordAudit({ ...actor, action: "cdr.retention.set", entityType: "cdr_retention", entityId: "1", before: { months: before?.months ?? null }, after: { months } }, tx);
  });
  return getCdrRetention();
}

export interface RetentionResult {
  cutoff: Date;
  dropped: { name: string; from: Date; rowsEstimate: number | null; bytes: number }[];
}

/**
 * Detaches and drops the partitions of months before the cutoff, in one transaction with the
 * audit event and dropped_before. Rows of old months still in cdr_default are first given their
 * partitions (ensureCdrPartitions), so they go too. DETACH (not CONCURRENTLY: PostgreSQL refuses
 * that while a DEFAULT partition exists) locks cdr briefly; an import running meanwhile waits.
 */
export async function applyCdrRetention(actor: Actor, now = new Date()): Promise<RetentionResult> {
  const retention = await getCdrRetention();
  if (retention.months === null) throw new RetentionNotSetError();
  await ensureCdrPartitions({ now });
  const plan = planRetention(retention.months, await listCdrPartitions(), now);
  const cutoff = plan.cutoff!;
  const dropped = plan.due.map((p) => ({ name: p.name, from: p.from!, rowsEstimate: p.rowsEstimate, bytes: p.bytes }));
  if (dropped.length === 0) return { cutoff, dropped };
  await prisma.$transaction(async (tx) => {
    for (const p of dropped) {
      // Names come from pg_inherits and match cdr_pYYYY_MM (partitionMonth), so quoting is enough.
      await tx.$executeRawUnsafe(`alter table cdr detach partition "${p.name}"`);
      await tx.$executeRawUnsafe(`drop table "${p.name}"`);
    }
    const droppedBefore = retention.droppedBefore !== null && retention.droppedBefore > cutoff ? retention.droppedBefore : cutoff;
    await tx.cdrRetention.update({ where: { id: 1 }, data: { droppedBefore } });
    await recordAudit(
      {
        ...actor,
        action: "cdr.retention.drop",
        entityType: "cdr_retention",
        entityId: "1",
        before: { droppedBefore: retention.droppedBefore?.toISOString() ?? null },
        after: { months: retention.months, droppedBefore: droppedBefore.toISOString(), partitions: dropped.map((p) => ({ name: p.name, rowsEstimate: p.rowsEstimate, bytes: p.bytes })) },
      },
      tx,
    );
  });
  return { cutoff, dropped };
}
