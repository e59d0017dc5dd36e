import "server-only";
// Runs a queued import (a cdr_import row in QUEUED with its file at upload_path): the job
// queue's worker and the CLI both call runImport. The load itself is loadCdrFile's one
// transaction, so the rows appear only on COMMIT; this module adds the lifecycle around it:
//   QUEUED → RUNNING (attempts + 1, started_at) → LOADED / REFUSED / FAILED,
// live progress, the upload's removal (kept when FAILED, for a retry) and re-evaluation.
//
// While an import runs, its runner holds a session advisory lock on it, on a connection of its
// own (the one that writes progress). A process that dies mid-load loses the lock with its
// connection, so a RUNNING import whose lock is free was orphaned: its transaction rolled back,
// and it is marked FAILED (retryable). That is checked at worker start, and by every run for the
// other imports of its source: a CLI killed mid-import (kill -9, the machine going down) would
// otherwise leave its import RUNNING until a server next started, which with the CLI alone is
// never. An import that another live process (a second server, the CLI) is loading keeps its
// lock and is left alone.
import { access } from "node:fs/promises";
import pg from "pg";
import { reevaluateForImport } from "@/lib/matching/evaluate.ts";
import { ensureCdrPartitions } from "./partitions.ts";
import { type CdrImportResult, connectionString, loadCdrFile } from "./load";
import type { CdrFormat } from "./schema";
import { removeUpload } from "./uploads";

/** Advisory lock key space for running imports (pg_advisory_lock(int4, int4)); 7341 is the test template lock. */
const RUN_LOCK = 7342;
/** How often live progress is written while a file loads. */
const PROGRESS_INTERVAL_MS = 1000;

export const INTERRUPTED_ERROR =
  "The import stopped while it was loading (the server or the CLI was stopped or crashed). Nothing of it was loaded; retry it.";

export const NOT_QUEUED_ERROR = "The import was recorded but its job never reached the queue (the server stopped or the queue was down). Nothing of it was loaded; retry it.";

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: connectionString(), application_name: "ghostline-import" });
  await client.connect();
  return client;
}

type ClaimedRow = {
  source_id: string;
  upload_path: string | null;
  requested_format: CdrFormat | null;
  time_zone: string | null;
  file_name: string;
  imported_by: string;
  source: string;
};

export interface RunImportOptions {
  /** Called as the file is read, besides the progress written to the row every second. */
  onProgress?: (progress: { rows: number; bytes: number }) => void;
  /** Called with the other imports of the source that a dead process had left RUNNING, now marked FAILED. */
  onInterrupted?: (importIds: string[]) => void;
}

/**
 * Loads a QUEUED import. Resolves with the load's result, or null when there was nothing to
 * run: the import is not QUEUED (already run, or run by another worker), or its file is gone
 * (then recorded FAILED). After LOADED, the verdicts that depend on the import are re-evaluated.
 */
export async function runImport(importId: string, options: RunImportOptions = {}): Promise<CdrImportResult | null> {
  const control = await connect();
  let result: CdrImportResult | null = null;
  try {
    // Lock first, then claim: a recovery pass never sees this import RUNNING without its lock.
    await control.query("select pg_advisory_lock($1, hashtext($2))", [RUN_LOCK, importId]);
    const claimed = await control.query<ClaimedRow>(
      `update cdr_import set status = 'RUNNING', attempts = attempts + 1, started_at = clock_timestamp(), finished_at = null,
         progress_rows = 0, progress_bytes = 0, error = null, error_line = null
       where id = $1 and status = 'QUEUED'
       returning source_id, upload_path, requested_format, time_zone, file_name, imported_by,
         (select name from cdr_source where cdr_source.id = cdr_import.source_id) as source`,
      [importId],
    );
    const row = claimed.rows[0];
    if (row === undefined) return null;
    const interrupted = await failOrphanedImports(control, { sourceId: row.source_id, except: importId });
    if (interrupted.length > 0) options.onInterrupted?.(interrupted);
    // The one check that the file is there: made where it is loaded, by the worker that must
    // see the upload directory (a retry queued on another instance cannot tell). With nothing
    // left to load, upload_path is cleared so the import stops offering a retry.
    if (row.upload_path === null || !(await access(row.upload_path).then(() => true, () => false))) {
      await markFailed(control, importId, "The uploaded file is no longer on the server; upload it again.", { clearUpload: true });
      return null;
    }

    // Progress goes through this connection: the load's own is inside its transaction, whose
    // writes nobody sees before COMMIT. At most one write in flight; the latest values win.
    let latest = { rows: 0, bytes: 0 };
    let written = latest;
    let writing: Promise<unknown> = Promise.resolve();
    const writeProgress = () => {
      if (latest === written) return;
      written = latest;
      writing = control
        .query("update cdr_import set progress_rows = $2, progress_bytes = $3 where id = $1 and status = 'RUNNING'", [importId, written.rows, written.bytes])
        .catch(() => {}); // progress is best effort; the outcome is written by the load itself
    };
    const timer = setInterval(() => void writing.then(writeProgress), PROGRESS_INTERVAL_MS);
    try {
      result = await loadCdrFile({
        source: row.source,
        file: { path: row.upload_path, fileName: row.file_name },
        ...(row.requested_format === null ? {} : { format: row.requested_format }),
        ...(row.time_zone === null ? {} : { timeZone: row.time_zone }),
        importedBy: row.imported_by,
        importId,
        onProgress: (p) => {
          latest = p;
          options.onProgress?.(p);
        },
      });
    } catch (error) {
      await writing;
      await markFailed(control, importId, `${row.file_name}: import failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    } finally {
      clearInterval(timer);
    }
    await writing;
    if (result.status === "FAILED") {
      // Keep the upload for a retry.
      await control.query("update cdr_import set progress_rows = $2 where id = $1", [importId, result.rowsRead]);
    } else {
      await control.query("update cdr_import set upload_path = null, progress_rows = $2, progress_bytes = file_size where id = $1", [importId, result.rowsRead]);
      await removeUpload(row.upload_path);
    }
  } finally {
    await control.end(); // also releases the advisory lock
  }
  // The load's garbage goes before Prisma's query compiler (WebAssembly, +61 MB) is first
  // instantiated for what follows: otherwise the two add up to the CLI's peak RSS (1M rows: 293
  // MB against 262 MB). gc is there when node runs with --expose-gc, as the CLI's launcher
  // (cli/ghostline.mjs) runs it; elsewhere V8 collects in its own time.
  (globalThis as { gc?: () => void }).gc?.();
  if (result?.status === "LOADED") {
    // Rows of a month without a partition went to cdr_default: give them their month's.
    await ensureCdrPartitions();
    await reevaluateForImport(importId);
  }
  return result;
}

/** `clearUpload`: the file is gone, so the import stops offering a retry. */
async function markFailed(client: pg.Client, importId: string, error: string, options: { clearUpload?: boolean } = {}) {
  await client.query(
    `update cdr_import set status = 'FAILED', error = $2, finished_at = clock_timestamp()${options.clearUpload === true ? ", upload_path = null" : ""} where id = $1`,
    [importId, error],
  );
}

/** Where pg-boss keeps the import jobs: its schema (table `job`) and the import queue's name. */
export interface ImportJobQueue {
  schema: string;
  queue: string;
}

/**
 * Marks FAILED every RUNNING import no live process is loading (see the header), and every
 * QUEUED import that has had no job for a minute (its process died between recording it and
 * sending the job, or the queue refused the job and the database the FAILED mark): neither would
 * ever run, and a QUEUED import cannot be retried. "No job" is checked in pg-boss's own table,
 * not by job_id alone: the id is recorded after the send, and a job sent whose id could not be
 * recorded still runs its import. Called when the job workers start (pg-boss's schema exists
 * then); resolves with the ids it marked.
 */
export async function failInterruptedImports(jobs: ImportJobQueue): Promise<string[]> {
  const client = await connect();
  try {
    const marked = await failOrphanedImports(client, {});
    // A job not yet finished (created, retry) or being worked on (active: its worker claims the
    // import next) will run the import; queueImport sends { importId } as the job's data. An
    // active job past its expiry is one whose worker died: pg-boss's own test for that (plans.js,
    // expire) is started_on + expire_in < now().
    const orphans = await client.query<{ id: string }>(
      `update cdr_import i set status = 'FAILED', error = $1, finished_at = clock_timestamp()
       where status = 'QUEUED' and job_id is null and created_at < clock_timestamp() - interval '1 minute'
         and not exists (
           select 1 from ${client.escapeIdentifier(jobs.schema)}.job j
           where j.name = $2 and j.data->>'importId' = i.id::text
             and (j.state in ('created', 'retry') or (j.state = 'active' and j.started_on + j.expire_in >= now())))
       returning id`,
      [NOT_QUEUED_ERROR, jobs.queue],
    );
    return [...marked, ...orphans.rows.map((r) => r.id)];
  } finally {
    await client.end();
  }
}

/**
 * Marks FAILED each RUNNING import (of one source, when given) whose runner's lock is free: its
 * process died (see the header). `except`: the caller's own import, whose lock this session holds
 * (advisory locks are re-entrant, so the try would take it). Resolves with the ids it marked.
 */
async function failOrphanedImports(client: pg.Client, scope: { sourceId?: string; except?: string }): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    "select id from cdr_import where status = 'RUNNING' and ($1::uuid is null or source_id = $1) and ($2::uuid is null or id <> $2)",
    [scope.sourceId ?? null, scope.except ?? null],
  );
  const marked: string[] = [];
  for (const { id } of rows) {
    const lock = await client.query<{ free: boolean }>("select pg_try_advisory_lock($1, hashtext($2)) as free", [RUN_LOCK, id]);
    if (lock.rows[0]?.free !== true) continue;
    try {
      const updated = await client.query(
        "update cdr_import set status = 'FAILED', error = $2, finished_at = clock_timestamp() where id = $1 and status = 'RUNNING'",
        [id, INTERRUPTED_ERROR],
      );
      if (updated.rowCount === 1) marked.push(id);
    } finally {
      await client.query("select pg_advisory_unlock($1, hashtext($2))", [RUN_LOCK, id]);
    }
  }
  return marked;
}
