import "server-only";
// Loads one CDR export into Postgres. One transaction per file:
//   BEGIN → the source's lock → a temp staging table (ON COMMIT DROP) → the parser's rows in
//   segments of SEGMENT_ROWS: each one is COPYed straight into cdr under a savepoint, the cdr_import
//   row going in first (once); rejected rows COPYed into cdr_reject in batches, each line carrying the
//   import's id → UPDATE cdr_import with the totals → COMMIT.
// A segment that meets a call already in cdr (cdr's unique natural key: an overlapping export, a
// re-run, a call repeated in the file) is undone to its savepoint and goes the careful way: COPY
// into cdr_stage, then one INSERT … SELECT DISTINCT ON … WHERE NOT EXISTS into cdr, which skips the
// duplicates; later segments go that way too until a move meets no duplicate. The straight COPY is
// what makes a load of new calls fast: staging every row cost a second parse of the COPY text and
// a stop of the stream for every move (bench:ingest, 1M rows: 0.40–0.44× of psql \copy before, 0.48–0.52× after).
// A refused file, a read error, a database error or a killed process leaves no row of the file
// behind; the failure is then recorded as a REFUSED / FAILED cdr_import in its own statement.
// A queued import (run.ts) passes its existing cdr_import id: that row is updated, not inserted.
import { createHash, randomBytes } from "node:crypto";
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
import { type CdrFormat, type CdrParseSummary, type CdrSourceSettings, type CdrWarning, type KnownCdrFormat, type RejectedRow, sourceParseOptions } from "./schema";

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
  /** Rows per segment (default SEGMENT_ROWS, or GHOSTLINE_IMPORT_SEGMENT_ROWS); tests use a small one to span several. */
  segmentRows?: number;
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
/** COPY text queued but not yet sent to Postgres, past which the parser waits. */
const MAX_UNSENT_BYTES = 8 * 1024 * 1024;
/**
 * Rows per segment: a direct segment's text (~26 MB at 100,000 Asterisk rows) is kept until it is
 * in cdr, in case it must be staged; a staged segment is one move. Each segment ends its COPY and
 * waits for it (a round trip with Postgres idle): 100,000 rather than 25,000 ran about a fifth faster.
 */
const SEGMENT_ROWS = 100_000;
/**
 * SEGMENT_ROWS unless GHOSTLINE_IMPORT_SEGMENT_ROWS says otherwise: the crash tests run the real
 * CLI on a file of several segments, and at 100,000 rows a segment that file would load for long.
 */
function defaultSegmentRows(): number {
  const value = process.env.GHOSTLINE_IMPORT_SEGMENT_ROWS;
  if (value === undefined || value === "") return SEGMENT_ROWS;
  const rows = Number(value);
  if (!Number.isSafeInteger(rows) || rows < 1) throw new Error(`GHOSTLINE_IMPORT_SEGMENT_ROWS must be a whole number of rows, 1 or more, not "${value}"`);
  return rows;
}
/** A segment also ends at this much COPY text: the kept text of wide rows (a mapped CSV) stays bounded. */
const SEGMENT_BYTES = 32 * 1024 * 1024;
/**
 * Direct segments per file, past which the rest of the file is staged. Each released savepoint
 * keeps its subtransaction's XID in the backend until COMMIT, and past 64 of them (PGPROC's
 * subxid cache, PGPROC_MAX_CACHED_SUBXIDS) every other session's snapshot checks must read
 * pg_subtrans: a known slowdown for the whole server while the import runs.
 */
const MAX_DIRECT_SEGMENTS = 60;
/** COPY text held in memory while a move runs; past this the parser waits for the move. */
const MAX_HELD_BYTES = 32 * 1024 * 1024;
/** Advisory lock key space for imports into one source (pg_advisory_xact_lock(int4, int4)); see lib/cdr/run.ts for 7341–7342. */
const CDR_SOURCE_LOCK = 7343;
/** Rejects are held in memory up to this many, then copied into cdr_reject. */
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

type SourceRow = CdrSourceSettings & { id: string };

/**
 * Imports one CDR file into the source named `options.source`. Resolves with the recorded
 * import whatever happened to the file (LOADED, REFUSED or FAILED: see `error`); rejects only
 * when the source does not exist or the failure could not even be recorded.
 */
export async function loadCdrFile(options: LoadCdrOptions): Promise<CdrImportResult> {
  const file = options.file;
  const segmentRows = options.segmentRows ?? defaultSegmentRows();
  const fileName = "path" in file ? (file.fileName ?? basename(file.path)) : file.fileName;
  let declaredSize: number | null = "path" in file ? (await stat(file.path)).size : (file.size ?? null);

  // Named apart from its runner's progress connection (run.ts, "ghostline-import"): pg_stat_activity
  // then tells which backend holds the import's transaction (support; the crash tests watch it).
  const client = new pg.Client({ connectionString: connectionString(), application_name: "ghostline-load" });
  // A connection lost mid-load (pg_terminate_backend, a restart) also fails the query or COPY in
  // flight, which records the import FAILED; unheard, the client's 'error' event (EPIPE on the
  // COPY socket) killed the process before it could (crash.int.test.ts).
  client.on("error", () => {});
  await client.connect();
  let clientUsable = true;
  let fileStream: ReadStream | null = null;
  try {
    const found = await client.query<SourceRow>(
      `select id, format, "timeZone", "defaultCountry", mapping from cdr_source where name = $1`,
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
    const ids = { sourceId: source.id, importId };
    // COPY text parsed but not yet written to a segment (held while a move has the connection).
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let pendingRows = 0;
    let segment: Segment | null = null;
    let rowsInserted = 0;
    let importCreated = false;
    /** The move in flight (INSERT … SELECT + TRUNCATE), if any; `moveSettled` once it ended. */
    let moving: Promise<void> | null = null;
    let moveSettled = false;
    /** The last move met rows already in cdr: the next segment is staged too. */
    let overlapping = false;
    /** Direct segments released so far (see MAX_DIRECT_SEGMENTS). */
    let directSegments = 0;
    let rejects: RejectedRow[] = [];

    /** The import's row goes in with the first rows (a queued import's row exists already); the totals come at the end. */
    const createImport = async () => {
      if (importCreated) return;
      importCreated = true;
      if (options.importId !== undefined) return;
      await client.query(
        `insert into cdr_import (id, source_id, status, file_name, file_size, format, imported_by)
         values ($1, $2, 'LOADED', $3, $4, $5, $6)`,
        [importId, source.id, fileName, declaredSize ?? 0, format, options.importedBy],
      );
    };
    /** Waits for the move in flight; rethrows its error. */
    const awaitMove = async () => {
      if (moving === null) return;
      const m = moving;
      await m;
      moving = null;
    };
    /**
     * Moves what cdr_stage holds (`rows` rows) into cdr. Runs are moved in file order and each run
     * in line order, so the first occurrence (lowest line) of a key wins: a later duplicate in the
     * same run is dropped by DISTINCT ON, one already in cdr (an earlier run or import) by NOT
     * EXISTS, and ids follow the file's order. Not ON CONFLICT DO NOTHING: its speculative
     * insertion (a lock and an extra WAL record per row) cost about a fifth of the move; the
     * source lock taken after BEGIN keeps other imports from inserting the same keys meanwhile.
     * Not awaited: pg queues the statements, Postgres runs them while Node parses the next rows.
     */
    const startMove = (rows: number) => {
      moveSettled = false;
      const m = (async () => {
        try {
          const inserted = await client.query(
            `insert into cdr (source_id, import_id, ${CDR_COLUMNS})
             select source_id, import_id, ${CDR_COLUMNS}
             from (select distinct on (natural_key) source_id, import_id, ${CDR_COLUMNS} from cdr_stage order by natural_key, line) s
             where not exists (select 1 from cdr c where c.source_id = $1 and c.natural_key = s.natural_key)
             order by line`,
            [source.id],
          );
          rowsInserted += inserted.rowCount ?? 0;
          overlapping = (inserted.rowCount ?? 0) < rows;
          await client.query("truncate cdr_stage");
        } finally {
          moveSettled = true;
        }
      })();
      m.catch(() => {}); // observed by awaitMove(); a failure rolls the transaction back
      moving = m;
    };
    /**
     * Opens the next segment: straight into cdr under a savepoint, or into cdr_stage when the last
     * move met rows already loaded (an overlapping export or a re-run goes on overlapping).
     */
    const beginSegment = async (): Promise<Segment> => {
      await awaitMove();
      await createImport();
      const direct = !overlapping && directSegments < MAX_DIRECT_SEGMENTS;
      if (direct) await client.query("savepoint segment");
      return openSegment(client, direct ? "cdr" : "cdr_stage", direct);
    };
    /**
     * Closes the segment. Direct: its rows are in cdr, unless one of them was already there (a
     * unique violation on the natural key): then the segment is undone to its savepoint and its
     * text, kept for this, goes through cdr_stage and a move instead. Staged: its move starts.
     */
    const endSegment = async () => {
      const s = segment;
      if (s === null) return;
      segment = null;
      await s.close();
      if (s.error === null && s.direct) {
        rowsInserted += s.copy.rowCount;
        await client.query("release savepoint segment");
        directSegments++;
        return;
      }
      if (s.error !== null) {
        if (!s.direct || !isKnownCall(s.error)) throw s.error;
        // ROLLBACK TO keeps the savepoint: release it too, or each fallback would nest one deeper.
        await client.query("rollback to savepoint segment");
        await client.query("release savepoint segment");
        const staged = openSegment(client, "cdr_stage", false);
        for (const text of s.kept) await staged.write(text);
        await staged.close();
        if (staged.error !== null) throw staged.error;
      }
      startMove(s.rows);
    };
    /** Writes the parsed rows to the segment; while a move runs they are held, up to MAX_HELD_BYTES. */
    const flushRows = async (force: boolean) => {
      if (pendingBytes === 0) return;
      if (!force && moving !== null && !moveSettled && pendingBytes < MAX_HELD_BYTES) return;
      segment ??= await beginSegment();
      const s = segment;
      const payload = pending;
      s.rows += pendingRows;
      pending = [];
      pendingBytes = 0;
      pendingRows = 0;
      for (const text of payload) await s.write(text);
      // A direct segment that met a loaded call ends now: no use sending it more rows.
      if (s.rows >= segmentRows || s.bytes >= SEGMENT_BYTES || s.error !== null) await endSegment();
    };
    /** Copies the held rejects into cdr_reject; the import's row goes in first (their foreign key). */
    const flushRejects = async () => {
      if (rejects.length === 0) return;
      await flushRows(true);
      await endSegment();
      await awaitMove();
      await createImport();
      const stream = openSegment(client, "cdr_reject", false, `import_id, ${REJECT_COLUMNS}`);
      await stream.write(rejectsToCopyText(rejects, importId));
      rejects = [];
      await stream.close();
      if (stream.error !== null) throw stream.error;
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
      await client.query(`create temp table cdr_stage on commit drop as select source_id, import_id, ${CDR_COLUMNS} from cdr with no data`);

      let summary: CdrParseSummary | null = null;
      const events = parseCdrStream(counted(), sourceParseOptions(source, options, fileName));
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
            const text = toCopyText(event.rows, ids);
            pending.push(text);
            pendingBytes += text.length;
            pendingRows += event.rows.length;
            if (pendingBytes >= COPY_WRITE_BYTES) await flushRows(false);
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
      await flushRows(true);
      await endSegment();
      await awaitMove();
      await flushRejects();
      await createImport();

      const size = declaredSize ?? bytesRead;
      const sha256 = readToEnd ? hash.digest("hex") : null;
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
      clientUsable = await rollback(client, segment, error);
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
 * One COPY … FROM STDIN on the import's connection: a segment of the file's rows (into cdr or
 * cdr_stage), or the rejects. Chunks are queued here and handed to pg-copy-streams one at a time,
 * the next when the last one's write completed: after the server fails a COPY, pg-copy-streams
 * drops its connection, and chunks still queued inside it would be flushed to that null
 * connection on the socket's next 'drain' (a TypeError outside any promise: the process dies).
 * A failure of the COPY (the server's error) is kept in `error`; nothing more is sent then.
 */
interface Segment {
  /** Straight into cdr (under the savepoint `segment`), keeping its text in case it must be staged. */
  readonly direct: boolean;
  readonly copy: CopyStreamQuery;
  /** Rows and bytes of COPY text written. */
  rows: number;
  bytes: number;
  /** The text written, when direct. */
  readonly kept: Buffer[];
  error: Error | null;
  /** Queues a chunk; waits only while more than MAX_UNSENT_BYTES are queued. */
  write(text: Buffer): Promise<void>;
  /** Sends what is queued, ends the COPY and waits for the server's answer (see `error`). */
  close(): Promise<void>;
}

function openSegment(client: pg.Client, table: string, direct: boolean, columns = `source_id, import_id, ${CDR_COLUMNS}`): Segment {
  const copy = client.query(copyFrom(`copy ${table} (${columns}) from stdin`));
  const queue: Buffer[] = [];
  let queuedBytes = 0;
  let inFlight = false;
  // The one waiter (the loader is sequential), woken by every completed write and by a failure.
  let wake = () => {};
  const progress = () => new Promise<void>((resolve) => (wake = resolve));
  const pump = () => {
    if (inFlight || segment.error !== null) return;
    const next = queue.shift();
    if (next === undefined) return;
    queuedBytes -= next.length;
    inFlight = true;
    copy.write(next, () => {
      inFlight = false;
      pump();
      wake();
    });
  };
  const segment: Segment = {
    direct,
    copy,
    rows: 0,
    bytes: 0,
    kept: [],
    error: null,
    async write(text) {
      // Kept even after a failure: a failed direct segment is re-sent through cdr_stage from `kept`,
      // and its rows written after the server's error (which arrives while the parser reads on)
      // would otherwise be lost.
      if (direct) segment.kept.push(text);
      segment.bytes += text.length;
      if (segment.error !== null) return;
      queue.push(text);
      queuedBytes += text.length;
      pump();
      while (queuedBytes >= MAX_UNSENT_BYTES && segment.error === null) await progress();
    },
    async close() {
      while ((inFlight || queue.length > 0) && segment.error === null) await progress();
      if (segment.error !== null) return;
      copy.end();
      await Promise.race([finished(copy).catch(() => {}), progress()]);
    },
  };
  copy.on("error", (error: Error) => {
    segment.error ??= error;
    wake();
  });
  return segment;
}

/** The COPY met a call already in cdr (cdr's unique natural key, SQLSTATE 23505 unique_violation). */
function isKnownCall(error: Error): boolean {
  return (error as { code?: string }).code === "23505" && (error as { constraint?: string }).constraint === "cdr_source_id_natural_key_key";
}

/**
 * Abandons the transaction: a COPY in progress is cancelled with CopyFail (not needed when the
 * server already failed it: it is then back to ReadyForQuery), then ROLLBACK.
 * Returns false when the connection had to be dropped instead (the server rolls back then).
 */
async function rollback(client: pg.Client, segment: Segment | null, error: unknown): Promise<boolean> {
  try {
    const copy = segment?.error === null ? segment.copy : null;
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
