import "server-only";
// Loads one CDR export into Postgres. One transaction per file:
//   BEGIN → the source's lock → temp staging tables (ON COMMIT DROP) → COPY parser batches into
//   cdr_stage; every MOVE_ROWS staged rows, INSERT cdr_import (once) and move them with one
//   INSERT … SELECT DISTINCT ON … WHERE NOT EXISTS … ORDER BY line into cdr + TRUNCATE cdr_stage, sent
//   without waiting so Postgres inserts while the parser reads on → rejects into cdr_reject →
//   UPDATE cdr_import with the totals → COMMIT.
// A refused file, a read error, a database error or a killed process leaves no row of the file
// behind; the failure is then recorded as a REFUSED / FAILED cdr_import in its own statement.
// A queued import (run.ts) passes its existing cdr_import id: that row is updated, not inserted.
import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { type ReadStream, createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { finished } from "node:stream/promises";
import pg from "pg";
import { type CopyStreamQuery, from as copyFrom } from "pg-copy-streams";
import { CDR_COPY_COLUMNS, REJECT_COPY_COLUMNS, rejectsToCopyText, toCopyText } from "./copy";
import { CdrFileRefused, CdrSourceNotFound } from "./errors";
import type { CdrInput } from "./input";
import { parseCdrStream } from "./parse";
import type { CdrFormat, CdrParseSummary, CdrWarning, ColumnMapping, KnownCdrFormat, RejectedRow } from "./schema";

// Its home is errors.ts (writes.ts needs it without the loader); callers of the loader catch it here.
export { CdrSourceNotFound };

export type CdrImportStatus = "LOADED" | "REFUSED" | "FAILED";

export type CdrFileInput =
  /** A file on disk: size and sha256 are always recorded, even when it is refused. */
  | { path: string; fileName?: string }
  /** Bytes from elsewhere (an upload): sha256 is null unless the stream is read to its end. */
  | { input: CdrInput; fileName: string; size?: number };

export interface LoadCdrOptions {
  /** The source's name (cdr_source.name). */
  source: string;
  file: CdrFileInput;
  /** Overrides the source's format for this file. */
  format?: CdrFormat;
  /** Overrides the source's time zone for this file. */
  timeZone?: string;
  /** Who started the import: a user's email, or "cli". */
  importedBy: string;
  /**
   * Record into this existing cdr_import row (a queued background import) instead of a new
   * one: it is updated, not inserted, and still shows its outcome only on COMMIT.
   */
  importId?: string;
  /** Called as the file is read (rows seen so far, input bytes read so far), for progress. */
  onProgress?: (progress: { rows: number; bytes: number }) => void;
  /** Staged rows per move into cdr (default MOVE_ROWS); tests use a small one to span several moves. */
  moveRows?: number;
}

/** A warning in words, as cdr_import.messages keeps it. */
export interface CdrImportMessage {
  code: string;
  message: string;
  line?: number;
}

export interface CdrImportResult {
  importId: string;
  status: CdrImportStatus;
  fileName: string;
  fileSize: number;
  sha256: string | null;
  format: KnownCdrFormat | null;
  rowsRead: number;
  rowsInserted: number;
  rowsDuplicate: number;
  rowsRejected: number;
  warnings: number;
  /** Accepted rows whose disposition is not ANSWERED (the source logs unanswered calls). */
  unansweredRows: number;
  messages: CdrImportMessage[];
  coverageFrom: Date | null;
  coverageTo: Date | null;
  /** Why it was refused or failed (null when LOADED). */
  error: string | null;
  errorLine: number | null;
  /** The thrown error behind a REFUSED / FAILED import. */
  cause?: unknown;
}


/** Row batches are gathered to about this many bytes of COPY text per write. */
const COPY_WRITE_BYTES = 1024 * 1024;
/** COPY text written but not yet sent to Postgres, past which the parser waits. */
const MAX_UNSENT_BYTES = 8 * 1024 * 1024;
/**
 * Staged rows are moved into cdr in runs of about this many, while the parser carries on.
 * 100,000 rather than 25,000: each run ends the COPY and waits for it (a round trip with
 * Postgres idle), and 1M-row benches ran about a fifth faster. The parser reads about as many
 * rows during one move as the move takes, ~26 MB of COPY text, under MAX_HELD_BYTES; the staged
 * rows (~35 MB) stay within temp_buffers.
 */
const MOVE_ROWS = 100_000;
/** COPY text held in memory while a move runs; past this the parser waits for the move. */
const MAX_HELD_BYTES = 32 * 1024 * 1024;
/** Advisory lock key space for imports into one source (pg_advisory_xact_lock(int4, int4)); see lib/cdr/run.ts for 7341–7342. */
const CDR_SOURCE_LOCK = 7343;
/** Rejects are held in memory up to this many, then copied to their staging table. */
const REJECT_BATCH = 5000;
/** cdr.duration_sec / bill_sec are numeric(12,3): a larger value (a garbled field) is stored as null and counted as a warning. */
const MAX_SECONDS = 999_999_999.999;
const fitsSeconds = (v: number | null) => v === null || (v >= 0 && v <= MAX_SECONDS);
/** Warnings kept in words on the import (the parser already caps each code; this caps the sum). */
const MAX_MESSAGES = 100;

const CDR_COLUMNS = CDR_COPY_COLUMNS.join(", ");
const REJECT_COLUMNS = REJECT_COPY_COLUMNS.join(", ");

/** A version 7 UUID (time-ordered), as Prisma's @default(uuid(7)) makes. */
export function uuidv7(): string {
  const b = randomBytes(16);
  b.writeUIntBE(Date.now(), 0, 6);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x70;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function connectionString(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run through the ghostline CLI or the app");
  return url;
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

type SourceRow = { id: string; format: string; time_zone: string; default_country: string; mapping: ColumnMapping | null };

/**
 * Imports one CDR file into the source named `options.source`. Resolves with the recorded
 * import whatever happened to the file (LOADED, REFUSED or FAILED: see `error`); rejects only
 * when the source does not exist or the failure could not even be recorded.
 */
export async function loadCdrFile(options: LoadCdrOptions): Promise<CdrImportResult> {
  const file = options.file;
  const moveRows = options.moveRows ?? MOVE_ROWS;
  const fileName = "path" in file ? (file.fileName ?? basename(file.path)) : file.fileName;
  let declaredSize: number | null = "path" in file ? (await stat(file.path)).size : (file.size ?? null);

  const client = new pg.Client({ connectionString: connectionString() });
  await client.connect();
  let clientUsable = true;
  let fileStream: ReadStream | null = null;
  try {
    const found = await client.query<SourceRow>(
      `select id, format, "timeZone" as time_zone, "defaultCountry" as default_country, mapping from cdr_source where name = $1`,
      [options.source],
    );
    const source = found.rows[0];
    if (source === undefined) throw new CdrSourceNotFound(options.source);

    const importId = options.importId ?? uuidv7();
    const hash = createHash("sha256");
    let bytesRead = 0;
    let readToEnd = false;
    const raw: CdrInput = "path" in file ? (fileStream = createReadStream(file.path, { highWaterMark: 1024 * 1024 })) : file.input;
    async function* counted(): AsyncGenerator<Buffer> {
      for await (const chunk of raw as AsyncIterable<Buffer | Uint8Array | string>) {
        const buf = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        hash.update(buf);
        bytesRead += buf.length;
        yield buf;
      }
      readToEnd = true;
    }

    let format: KnownCdrFormat | null = null;
    let accepted = 0;
    let rejected = 0;
    let warnings = 0;
    let outOfRange = 0;
    let unanswered = 0;
    const messages: CdrImportMessage[] = [];
    let copy: CopyStreamQuery | null = null;
    // The server's error for a COPY in progress (it arrives as an 'error' event at any time).
    let copyError: Error | null = null;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let pendingRows = 0;
    /** Rows copied into cdr_stage since the last move. */
    let staged = 0;
    let rowsInserted = 0;
    let importCreated = false;
    /** The move in flight (INSERT … SELECT + TRUNCATE), if any; `moveSettled` once it ended. */
    let moving: Promise<void> | null = null;
    let moveSettled = false;
    let rejects: RejectedRow[] = [];

    const openCopy = (sql: string): CopyStreamQuery => {
      const stream = client.query(copyFrom(sql));
      stream.on("error", (error: Error) => {
        copyError ??= error;
      });
      return stream;
    };
    const throwIfCopyFailed = () => {
      if (copyError !== null) throw copyError;
    };
    const closeCopy = async () => {
      if (copy === null) return;
      const stream = copy;
      copy = null;
      throwIfCopyFailed();
      stream.end();
      await finished(stream);
      throwIfCopyFailed();
    };
    /** Waits for the move in flight; rethrows its error. */
    const awaitMove = async () => {
      if (moving === null) return;
      const m = moving;
      await m;
      moving = null;
    };
    /** The import's row must exist before cdr rows reference it (FK); the totals come at the end. */
    const createImport = async () => {
      if (importCreated) return;
      importCreated = true;
      if (options.importId !== undefined) return; // the queued row exists already
      await client.query(
        `insert into cdr_import (id, source_id, status, file_name, file_size, format, imported_by)
         values ($1, $2, 'LOADED', $3, $4, $5, $6)`,
        [importId, source.id, fileName, declaredSize ?? 0, format, options.importedBy],
      );
    };
    /**
     * Moves what cdr_stage holds into cdr. Runs are moved in file order and each run in line
     * order, so the first occurrence (lowest line) of a key wins: a later duplicate in the same
     * run is dropped by DISTINCT ON, one already in cdr (an earlier run or import) by NOT EXISTS,
     * and ids follow the file's order. Not ON CONFLICT DO NOTHING: its speculative insertion
     * (a lock and an extra WAL record per row) cost about a fifth of the move; the source lock
     * taken after BEGIN keeps other imports from inserting the same keys meanwhile.
     * Not awaited: pg queues the statements, Postgres runs them while Node parses the next rows.
     */
    const startMove = async () => {
      await closeCopy();
      await awaitMove();
      if (staged === 0) return;
      staged = 0;
      await createImport();
      moveSettled = false;
      const m = (async () => {
        try {
          const inserted = await client.query(
            `insert into cdr (source_id, import_id, ${CDR_COLUMNS})
             select $1, $2, ${CDR_COLUMNS}
             from (select distinct on (natural_key) ${CDR_COLUMNS} from cdr_stage order by natural_key, line) s
             where not exists (select 1 from cdr c where c.source_id = $1 and c.natural_key = s.natural_key)
             order by line`,
            [source.id, importId],
          );
          rowsInserted += inserted.rowCount ?? 0;
          await client.query("truncate cdr_stage");
        } finally {
          moveSettled = true;
        }
      })();
      m.catch(() => {}); // observed by awaitMove(); a failure rolls the transaction back
      moving = m;
    };
    const flushRows = async () => {
      if (pendingBytes === 0) return;
      // While a move runs, the connection is busy: hold the text unless too much is held.
      if (moving !== null && !moveSettled && pendingBytes < MAX_HELD_BYTES) return;
      await awaitMove();
      // Written batch by batch, not concatenated: after a move up to MAX_HELD_BYTES are held,
      // and a concatenated copy of them showed as a second such peak in RSS.
      const payload = pending;
      pending = [];
      pendingBytes = 0;
      copy ??= openCopy(`copy cdr_stage (${CDR_COLUMNS}) from stdin`);
      throwIfCopyFailed();
      staged += pendingRows;
      pendingRows = 0;
      // Postgres reads the COPY while Node parses on: wait only when much is still unsent.
      // once() rejects if the stream emits 'error' while waiting.
      let writable = true;
      for (const batch of payload) writable = copy.write(batch);
      if (!writable && copy.writableLength >= MAX_UNSENT_BYTES) await once(copy, "drain");
    };
    const flushRejects = async () => {
      if (rejects.length === 0) return;
      await flushRows();
      await closeCopy();
      await awaitMove();
      const stream = openCopy(`copy cdr_reject_stage (${REJECT_COLUMNS}) from stdin`);
      stream.end(rejectsToCopyText(rejects));
      rejects = [];
      await finished(stream);
      throwIfCopyFailed();
    };

    try {
      await client.query("begin");
      // Only this transaction's durability is relaxed: a crash right after COMMIT may lose the
      // whole import (never part of it: atomicity is unchanged), which then simply reads as never
      // imported and can be re-run. Saves waiting for the WAL flush of a large transaction.
      await client.query("set local synchronous_commit = off");
      // Imports of one source take turns (until COMMIT): the moves' NOT EXISTS must not race
      // another transaction inserting the same keys (the unique index would fail the import).
      await client.query("select pg_advisory_xact_lock($1, hashtext($2))", [CDR_SOURCE_LOCK, source.id]);
      // Each move sorts the staged rows by line: keep that sort, and the staging table (local
      // buffers; settable because this connection is new and has used no temp table yet), in memory.
      await client.query("set local work_mem = '64MB'");
      await client.query("set local temp_buffers = '64MB'");
      await client.query(`create temp table cdr_stage on commit drop as select ${CDR_COLUMNS} from cdr with no data`);
      await client.query(`create temp table cdr_reject_stage on commit drop as select ${REJECT_COLUMNS} from cdr_reject with no data`);

      let summary: CdrParseSummary | null = null;
      const events = parseCdrStream(counted(), {
        format: options.format ?? (source.format as CdrFormat),
        timeZone: options.timeZone ?? source.time_zone,
        defaultCountry: source.default_country,
        ...(source.mapping === null ? {} : { mapping: source.mapping }),
        fileName,
      });
      for await (const event of events) {
        switch (event.kind) {
          case "detected":
            format = event.detection.format;
            break;
          case "rows": {
            accepted += event.rows.length;
            for (const row of event.rows) {
              if (row.disposition !== "ANSWERED") unanswered++;
              if (fitsSeconds(row.durationSec) && fitsSeconds(row.billSec)) continue;
              if (!fitsSeconds(row.durationSec)) row.durationSec = null;
              if (!fitsSeconds(row.billSec)) row.billSec = null;
              outOfRange++;
            }
            const text = toCopyText(event.rows);
            pending.push(text);
            pendingBytes += text.length;
            pendingRows += event.rows.length;
            if (pendingBytes >= COPY_WRITE_BYTES) await flushRows();
            if (staged >= moveRows) await startMove();
            options.onProgress?.({ rows: accepted + rejected, bytes: bytesRead });
            break;
          }
          case "reject":
            rejected++;
            rejects.push(event.reject);
            if (rejects.length >= REJECT_BATCH) await flushRejects();
            break;
          case "warning":
            warnings++; // events are capped per code; the summary has the full count
            if (messages.length < MAX_MESSAGES) messages.push(importMessage(event.warning));
            break;
          case "summary":
            summary = event.summary;
            break;
        }
      }
      if (summary === null) throw new Error("the CDR parser ended without a summary");
      await awaitMove();
      await flushRows();
      await startMove();
      await awaitMove();
      await flushRejects();
      await createImport();

      const size = declaredSize ?? bytesRead;
      const sha256 = readToEnd ? hash.digest("hex") : null;
      await client.query(
        `insert into cdr_reject (import_id, ${REJECT_COLUMNS}) select $1, ${REJECT_COLUMNS} from cdr_reject_stage order by line`,
        [importId],
      );
      const allMessages = withTotals(messages, summary.warningCounts, outOfRange);
      // status / error are set too: a queued import's row was RUNNING, a retried one may hold the last error.
      const done = await client.query<{ finished_at: Date }>(
        `update cdr_import set status = 'LOADED', error = null, error_line = null, file_size = $2, sha256 = $3, format = $4,
           rows_read = $5, rows_rejected = $6, warnings = $7, coverage_from = $8, coverage_to = $9, rows_inserted = $10,
           rows_duplicate = $11, unanswered_rows = $12, messages = $13::jsonb, finished_at = clock_timestamp()
         where id = $1 returning finished_at`,
        [importId, size, sha256, summary.detection.format, summary.rowsRead, summary.rejected, summary.warnings + outOfRange,
          summary.earliestStartedAt, summary.latestStartedAt, rowsInserted, summary.accepted - rowsInserted, unanswered,
          JSON.stringify(allMessages)],
      );
      if (done.rowCount !== 1) throw new Error("cdr_import row vanished");
      await client.query("commit");
      return {
        importId,
        status: "LOADED",
        fileName,
        fileSize: size,
        sha256,
        format: summary.detection.format,
        rowsRead: summary.rowsRead,
        rowsInserted,
        rowsDuplicate: summary.accepted - rowsInserted,
        rowsRejected: summary.rejected,
        warnings: summary.warnings + outOfRange,
        unansweredRows: unanswered,
        messages: allMessages,
        coverageFrom: summary.earliestStartedAt,
        coverageTo: summary.latestStartedAt,
        error: null,
        errorLine: null,
      };
    } catch (error) {
      clientUsable = await rollback(client, copyError === null ? copy : null, error);
      copy = null;
      const refused = error instanceof CdrFileRefused;
      // digest() throws when the success path already took it (COMMIT failed): re-read below.
      let sha256: string | null = null;
      try {
        if (readToEnd) sha256 = hash.digest("hex");
      } catch {
        sha256 = null;
      }
      if (sha256 === null && "path" in file) sha256 = await fileSha256(file.path).catch(() => null);
      declaredSize ??= bytesRead;
      const result: CdrImportResult = {
        importId,
        status: refused ? "REFUSED" : "FAILED",
        fileName,
        fileSize: declaredSize,
        sha256,
        format,
        rowsRead: accepted + rejected,
        rowsInserted: 0,
        rowsDuplicate: 0,
        rowsRejected: rejected,
        warnings: warnings + outOfRange,
        unansweredRows: 0,
        messages: withTotals(messages, {}, outOfRange),
        coverageFrom: null,
        coverageTo: null,
        error: refused ? error.message : `${fileName}: import failed: ${error instanceof Error ? error.message : String(error)}`,
        errorLine: refused ? error.line : null,
        cause: error,
      };
      await recordFailure(clientUsable ? client : null, source.id, options.importedBy, result);
      return result;
    }
  } finally {
    // Closes the file when the parser stopped before reading it (e.g. refused options).
    fileStream?.destroy();
    if (clientUsable) await client.end();
  }
}

/**
 * Abandons the transaction: a COPY in progress is cancelled with CopyFail (not needed when the
 * server already failed it: it is then back to ReadyForQuery), then ROLLBACK.
 * Returns false when the connection had to be dropped instead (the server rolls back then).
 */
async function rollback(client: pg.Client, copy: CopyStreamQuery | null, error: unknown): Promise<boolean> {
  try {
    if (copy !== null && !copy.destroyed && !copy.writableFinished) {
      copy.destroy(error instanceof Error ? error : new Error(String(error)));
      await finished(copy).catch(() => {});
    }
    await client.query("rollback");
    return true;
  } catch {
    await client.end().catch(() => {});
    return false;
  }
}

/**
 * Records a REFUSED / FAILED import on its own (autocommit), so it is visible though nothing
 * loaded: a new row, or the queued import's row (which exists: ON CONFLICT updates it).
 */
async function recordFailure(client: pg.Client | null, sourceId: string, importedBy: string, r: CdrImportResult): Promise<void> {
  const own = client === null ? new pg.Client({ connectionString: connectionString() }) : null;
  if (own !== null) await own.connect();
  try {
    await (client ?? (own as pg.Client)).query(
      `insert into cdr_import (id, source_id, status, file_name, file_size, sha256, format, imported_by, finished_at,
         rows_read, rows_rejected, warnings, error, error_line, messages)
       values ($1, $2, $3, $4, $5, $6, $7, $8, clock_timestamp(), $9, $10, $11, $12, $13, $14::jsonb)
       on conflict (id) do update set status = excluded.status, file_size = excluded.file_size, sha256 = excluded.sha256,
         format = excluded.format, finished_at = excluded.finished_at, rows_read = excluded.rows_read,
         rows_rejected = excluded.rows_rejected, warnings = excluded.warnings, error = excluded.error,
         error_line = excluded.error_line, messages = excluded.messages, rows_inserted = 0, rows_duplicate = 0,
         unanswered_rows = 0, coverage_from = null, coverage_to = null`,
      [r.importId, sourceId, r.status, r.fileName, r.fileSize, r.sha256, r.format, importedBy, r.rowsRead, r.rowsRejected, r.warnings,
        r.error, r.errorLine, JSON.stringify(r.messages)],
    );
  } finally {
    await own?.end();
  }
}

function importMessage(w: CdrWarning): CdrImportMessage {
  return w.line === undefined ? { code: w.code, message: w.message } : { code: w.code, message: w.message, line: w.line };
}

/** The warnings listed, plus one line per code for those the caps left out, and the out-of-range durations. */
function withTotals(listed: CdrImportMessage[], counts: Partial<Record<string, number>>, outOfRange: number): CdrImportMessage[] {
  const out = [...listed];
  for (const [code, n = 0] of Object.entries(counts)) {
    const shown = listed.filter((m) => m.code === code).length;
    if (n > shown) out.push({ code, message: `${n - shown} more ${code} warning${n - shown === 1 ? "" : "s"} not listed` });
  }
  if (outOfRange > 0) {
    out.push({
      code: "duration-out-of-range",
      message: `${outOfRange} row${outOfRange === 1 ? "" : "s"} had a duration or billsec over ${MAX_SECONDS} seconds (a garbled field?); stored as empty`,
    });
  }
  return out;
}

export interface CoveragePeriod {
  from: Date;
  to: Date;
}

/** A source's coverage: the union of its LOADED imports' [first call, last call] periods, in order. */
export async function sourceCoverage(sourceId: string): Promise<CoveragePeriod[]> {
  const client = new pg.Client({ connectionString: connectionString() });
  await client.connect();
  try {
    const { rows } = await client.query<CoveragePeriod>(
      `select lower(r) as "from", upper(r) as "to"
       from unnest((select range_agg(tstzrange(coverage_from, coverage_to, '[]'))
                    from cdr_import
                    where source_id = $1 and status = 'LOADED' and coverage_from is not null)) r
       order by 1`,
      [sourceId],
    );
    return rows;
  } finally {
    await client.end();
  }
}
