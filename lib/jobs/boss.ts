import "server-only";
// Background jobs in Postgres with pg-boss (its tables in the schema `pgboss` of the app's
// database): CDR imports, which take minutes for a big export and must not hold a request open,
// and the hourly case automation. One pg-boss per process (kept on globalThis: Next's dev server
// re-evaluates modules); API routes only send jobs, the workers run where startJobWorkers was
// called (instrumentation.ts). pg-boss fetches with SKIP LOCKED, so several app instances share
// the queues safely.
import PgBoss from "pg-boss";
import { advanceCases } from "@/lib/cases/automation.ts";
import { connectionString } from "@/lib/cdr/load.ts";
import { failInterruptedImports, runImport } from "@/lib/cdr/run.ts";
import { failQueuedImport, setImportJob } from "@/lib/cdr/writes.ts";
import { type AmiFeeds, startAmiFeeds } from "@/lib/feeds/ami-feeds.ts";

export const IMPORT_QUEUE = "cdr-import";
/** pg-boss's schema; failInterruptedImports looks for an import's job in its table. */
export const JOB_SCHEMA = "pgboss";
export const ADVANCE_CASES_QUEUE = "advance-cases";

type Jobs = { boss: Promise<PgBoss> | null; workers: Promise<void> | null; importWorkerId: string | null; amiFeeds: AmiFeeds | null };
const holder = globalThis as unknown as { ghostlineJobs?: Jobs };
const jobs = (): Jobs => (holder.ghostlineJobs ??= { boss: null, workers: null, importWorkerId: null, amiFeeds: null });

/** The process's pg-boss, started on first use (which creates or migrates its schema). */
export function getBoss(): Promise<PgBoss> {
  const state = jobs();
  if (state.boss !== null) return state.boss;
  const starting = (async () => {
    const boss = new PgBoss({ connectionString: connectionString(), schema: JOB_SCHEMA, max: 4, application_name: "ghostline-jobs" });
    boss.on("error", (error) => console.error("[ghostline] job queue error:", error));
    await boss.start();
    // A failed import is a FAILED cdr_import a person retries (the file may need fixing
    // first), so pg-boss does not retry it. A 5M-row file loads in minutes: expire at 6 h.
    await boss.createQueue(IMPORT_QUEUE, { name: IMPORT_QUEUE, retryLimit: 0, expireInSeconds: 6 * 3600 });
    await boss.createQueue(ADVANCE_CASES_QUEUE, { name: ADVANCE_CASES_QUEUE, retryLimit: 2, retryDelay: 60, expireInSeconds: 3600 });
    return boss;
  })();
  state.boss = starting;
  starting.catch(() => {
    if (state.boss === starting) state.boss = null; // the next call tries again
  });
  return starting;
}

/** The job queue did not take an import's job; the import was marked FAILED (retryable). */
export class ImportNotQueued extends Error {
  override readonly name = "ImportNotQueued";
  constructor(
    readonly importId: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Hands a QUEUED import to the job queue, and wakes this process's worker if it has one. The
 * one way imports are queued (upload, retry): when the queue does not take the job (pg-boss or
 * its database unreachable, the queue missing), the import would otherwise wait in QUEUED with
 * no job to run it, so it is marked FAILED with the reason (its upload is kept: it can be
 * retried) and ImportNotQueued is thrown for the caller to answer.
 */
export async function queueImport(importId: string): Promise<void> {
  let boss: PgBoss;
  let jobId: string | null;
  try {
    boss = await getBoss();
    // null: pg-boss created no job (a queue policy refused it); the import would never run.
    jobId = await boss.send(IMPORT_QUEUE, { importId });
    if (jobId === null) throw new Error(`pg-boss created no job in the ${IMPORT_QUEUE} queue`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = `The job queue did not take the import (${reason}); retry it.`;
    // Conditional on QUEUED, so it never overwrites a run's own outcome.
    await failQueuedImport(importId, message).catch((markError: unknown) => console.error(`[ghostline] could not mark import ${importId} FAILED:`, markError));
    throw new ImportNotQueued(importId, message, { cause: error });
  }
  // The job exists and will run the import: its id is only kept for support (failInterruptedImports
  // looks for the job itself), so failing to record it must not report the import as unqueued.
  await setImportJob(importId, jobId).catch((error: unknown) => console.error(`[ghostline] could not record job ${jobId} of import ${importId}:`, error));
  const worker = jobs().importWorkerId;
  if (worker !== null) boss.notifyWorker(worker);
}

/**
 * Starts this process's workers (once): imports that a dead process left RUNNING are marked
 * FAILED first, then one import at a time is loaded (the loader keeps a core busy; more
 * instances run more), advanceCases runs every hour on the hour, and the AMI feeds connect.
 */
export function startJobWorkers(): Promise<void> {
  const state = jobs();
  state.workers ??= (async () => {
    const boss = await getBoss();
    const interrupted = await failInterruptedImports({ schema: JOB_SCHEMA, queue: IMPORT_QUEUE });
    if (interrupted.length > 0) console.warn(`[ghostline] marked ${interrupted.length} interrupted import(s) FAILED: ${interrupted.join(", ")}`);
    state.importWorkerId = await boss.work<{ importId: string }>(IMPORT_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
      if (job === undefined) return;
      try {
        await runImport(job.data.importId, {
          onInterrupted: (ids) => console.warn(`[ghostline] marked ${ids.length} interrupted import(s) FAILED: ${ids.join(", ")}`),
        });
      } catch (error) {
        console.error(`[ghostline] import ${job.data.importId} failed:`, error);
        throw error; // pg-boss keeps it as the job's output
      }
    });
    await boss.work(ADVANCE_CASES_QUEUE, async () => {
      await advanceCases({ now: new Date() });
    });
    await boss.schedule(ADVANCE_CASES_QUEUE, "0 * * * *");
    // The Asterisk manager links of the live feeds: one per source, from this process only.
    state.amiFeeds ??= startAmiFeeds();
  })();
  state.workers.catch(() => {
    state.workers = null;
  });
  return state.workers;
}

/** Stops the AMI feeds and the workers (waiting up to 10 s for a job in progress) and pg-boss's connections. */
export async function stopJobs(): Promise<void> {
  const state = jobs();
  const boss = state.boss;
  const amiFeeds = state.amiFeeds;
  state.boss = null;
  state.workers = null;
  state.importWorkerId = null;
  state.amiFeeds = null;
  await amiFeeds?.stop();
  if (boss !== null) await (await boss).stop({ graceful: true, timeout: 10_000 });
}
