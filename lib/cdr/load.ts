import "server-only";
// Loads one CDR export into Postgres. One transaction per file:
//   BEGIN → the source's lock → a temp staging table (ON COMMIT DROP) → the parser's rows in
//   batches of BATCH_ROWS, the cdr_import row going in first (once): a batch none of whose calls
//   can be in cdr yet goes on down one unbroken COPY straight into cdr; the others go through
//   cdr_stage and one INSERT … SELECT DISTINCT ON … WHERE NOT EXISTS (ON CONFLICT for a file's
//   own repeats), which skips the calls already there (an overlapping export, a re-run, a call
//   repeated in the file) → rejected rows
//   COPYed into cdr_reject in batches, each line carrying the import's id → UPDATE cdr_import
//   with the totals → COMMIT.
// Whether a batch is new is known before it is sent (sendBatch): the file's own earlier calls
// from sent-keys.ts, committed ones from the key ranges of the source's loaded imports, read once
// under the source's lock (key-ranges.ts; no other writer of the source commits meanwhile). So
// the straight COPY never meets a loaded call and is never undone: it needs no savepoints, and
// no batch's text is kept in memory for a second try (the savepoint segments this replaced held
// 26 MB of it, and idled Postgres at each segment's end: bench:ingest, 1M rows).
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
import { BINARY_COPY_HEADER, BINARY_COPY_TRAILER, CDR_COPY_COLUMNS, REJECT_COPY_COLUMNS, rejectsToCopyText, toCopyBinary } from "./copy";
import { CdrFileRefused, CdrSourceNotFound } from "./errors";
import type { CdrInput } from "./input";
import { parseCdrStream } from "./parse";
import { KeyRanges } from "./key-ranges";
import { SentKeys } from "./sent-keys";
import { type CdrFormat, type CdrParseSummary, type CdrSourceSettings, type CdrWarning, type KnownCdrFormat, type NormalisedCdr, type RejectedRow, sourceParseOptions } from "./schema";

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
  /** Rows per batch (default BATCH_ROWS, or GHOSTLINE_IMPORT_BATCH_ROWS); tests use a small one to span several. */
  batchRows?: number;
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


/** COPY text queued but not yet sent to Postgres, past which the parser waits. */
const MAX_UNSENT_BYTES = 4 * 1024 * 1024;
/**
 * Rows per batch: a staged batch is one move. The batch being read is held in memory (~5 MB of Asterisk rows).
 */
const BATCH_ROWS = 20_000;
/**
 * BATCH_ROWS unless GHOSTLINE_IMPORT_BATCH_ROWS says otherwise: the crash tests run the real CLI
 * on a file of several batches, which at 20,000 rows a batch would load for long.
 */
function defaultBatchRows(): number {
  const value = process.env.GHOSTLINE_IMPORT_BATCH_ROWS;
  if (value === undefined || value === "") return BATCH_ROWS;
  const rows = Number(value);
  if (!Number.isSafeInteger(rows) || rows < 1) throw new Error(`GHOSTLINE_IMPORT_BATCH_ROWS must be a whole number of rows, 1 or more, not "${value}"`);
  return rows;
}
/** A batch also ends at this much COPY text, so that wide rows (a mapped CSV) stay bounded. */
const BATCH_BYTES = 8 * 1024 * 1024;
/** Advisory lock key space for imports into one source (pg_advisory_xact_lock(int4, int4)); see lib/cdr/run.ts for 7341–7342. */
export const CDR_SOURCE_LOCK = 7343;
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
  const batchRows = options.batchRows ?? defaultBatchRows();
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
    // Rows parsed but not yet sent: one batch, sent as a whole one way or the other (sendBatch).
    let batch = newBatch();
    /** The COPY straight into cdr that batches of new calls go on through (null when none is open). */
    let direct: CopyStream | null = null;
    let rowsInserted = 0;
    let importCreated = false;
    /** The move in flight (INSERT … SELECT + TRUNCATE), if any. */
    let moving: Promise<void> | null = null;
    /** The last move met loaded calls (of earlier imports): the next batch is staged that way without asking. */
    let overlapping = false;
    /** Every natural key this file sent, for calls the file repeats (sent-keys.ts). */
    const sent = new SentKeys();
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
     * same run is dropped by DISTINCT ON, and ids follow the file's order. A call already in cdr:
     * - when the batch meets a loaded import's range (`committed`), by NOT EXISTS on the natural
     *   key alone, as a re-import read in another zone keeps the key but moves started_at, the
     *   partition key in cdr's unique key. The source lock taken after BEGIN keeps other imports
     *   from inserting the same keys meanwhile.
     * - else it can only be this file's own (a repeat the Bloom filter flagged), with the same
     *   start: ON CONFLICT on the unique index. Not NOT EXISTS there: its plan follows the
     *   partitions' statistics, which an autovacuum ANALYZE taken during this load reads as
     *   empty (it counts none of the load's uncommitted rows); PostgreSQL 17 then probed another
     *   index filtered by key, through every row the load had sent, for each staged row
     *   (bench:ingest, 5M rows: one move ran for over 500 s). The arbiter index is not the
     *   planner's choice. Its speculative insertion costs about a fifth more than NOT EXISTS
     *   (a lock and a WAL record per row), on these rare batches only.
     * Not awaited: pg queues the statements, Postgres runs them while Node parses the next rows.
     */
    const startMove = (rows: number, committed: boolean) => {
      const m = (async () => {
        const distinct = `select distinct on (natural_key) source_id, import_id, ${CDR_COLUMNS} from cdr_stage order by natural_key, line`;
        const inserted = await client.query(
          committed
            ? `insert into cdr (source_id, import_id, ${CDR_COLUMNS})
               select source_id, import_id, ${CDR_COLUMNS} from (${distinct}) s
               where not exists (select 1 from cdr c where c.source_id = $1 and c.natural_key = s.natural_key)
               order by line`
            : `insert into cdr (source_id, import_id, ${CDR_COLUMNS})
               select source_id, import_id, ${CDR_COLUMNS} from (${distinct}) s
               order by line
               on conflict (source_id, natural_key, started_at) do nothing`,
          committed ? [source.id] : [],
        );
        rowsInserted += inserted.rowCount ?? 0;
        // Loaded calls met: the next batch is staged the careful way without asking.
        overlapping = committed && (inserted.rowCount ?? 0) < rows;
        await client.query("truncate cdr_stage");
      })();
      m.catch(() => {}); // observed by awaitMove(); a failure rolls the transaction back
      moving = m;
    };
    /**
     * The key ranges of the source's loaded imports, read under its lock: whether a call of a
     * batch may be in cdr already is then asked of them, not of cdr. A probe of cdr's unique
     * index, on a second connection as this one is mid-COPY, met this load's own uncommitted
     * rows in the same partitions, and followed statistics an autovacuum ANALYZE took meanwhile
     * (counting none of them): its plan filtered another index's entries by key and read every
     * heap page of those rows, for each batch (bench:ingest, 5M rows, PostgreSQL 17: 7–11 s a
     * batch). A batch meeting a range goes through cdr_stage, whose move skips the known calls.
     */
    let loaded: KeyRanges | null = null;
    /** The lowest and highest key sent: this import's range, for the loads after it. */
    let minKey: string | null = null;
    let maxKey: string | null = null;
    /** Ends the direct COPY (its rows are then in cdr): before any other statement on the connection. */
    const closeDirect = async () => {
      const d = direct;
      if (d === null) return;
      direct = null;
      await d.close();
      if (d.error !== null) throw directFailure(d.error);
      rowsInserted += d.copy.rowCount;
    };
    /**
     * Sends a batch: straight on down the direct COPY when none of its calls can be in cdr
     * already (none repeats a call this file sent, none meets a loaded import's range); else through
     * cdr_stage and a move, which skips the known ones. A direct COPY never meets a loaded call,
     * so it needs no savepoint to be undone to: it runs unbroken from batch to batch, and
     * Postgres never waits for Node between them (each segment's end and savepoint cost a round
     * trip with the server idle: bench:ingest, 1M rows, a sixth of the load).
     */
    const sendBatch = async (b: Batch) => {
      if (b.rows === 0) return;
      await awaitMove();
      await createImport();
      if (minKey === null || b.minKey < minKey) minKey = b.minKey;
      if (maxKey === null || b.maxKey > maxKey) maxKey = b.maxKey;
      const committed = overlapping || loaded!.meets(b.minKey, b.maxKey);
      const fresh = !b.repeats && !committed;
      if (fresh) {
        direct ??= openCopy(client, "cdr", "binary");
        for (const text of b.texts) await direct.write(text);
        if (direct.error !== null) throw directFailure(direct.error);
        return;
      }
      await closeDirect();
      const staged = openCopy(client, "cdr_stage", "binary");
      for (const text of b.texts) await staged.write(text);
      await staged.close();
      if (staged.error !== null) throw staged.error;
      startMove(b.rows, committed);
    };
    /** Sends the batch being read, and starts the next. */
    const sendRead = async () => {
      const b = batch;
      batch = newBatch();
      await sendBatch(b);
    };
    /** Copies the held rejects into cdr_reject; the import's row goes in first (their foreign key). */
    const flushRejects = async () => {
      if (rejects.length === 0) return;
      await sendRead();
      await closeDirect();
      await awaitMove();
      await createImport();
      const stream = openCopy(client, "cdr_reject", "text", `import_id, ${REJECT_COLUMNS}`);
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
      // An import with calls but no range (written by something that does not record one) is
      // read as unbounded: its batches are staged, never wrongly sent straight.
      const ranges = await client.query<{ min: string | null; max: string | null }>(
        `select min_natural_key as min, max_natural_key as max from cdr_import
         where source_id = $1 and status = 'LOADED' and rows_inserted > 0`,
        [source.id],
      );
      loaded = new KeyRanges(ranges.rows);
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
            batch.add(event.rows, toCopyBinary(event.rows, ids), sent);
            if (batch.rows >= batchRows || batch.bytes >= BATCH_BYTES) await sendRead();
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
      await sendRead();
      await closeDirect();
      await awaitMove();
      await flushRejects();
      await createImport();

      const size = declaredSize ?? bytesRead;
      const sha256 = readToEnd ? hash.digest("hex") : null;
      const allMessages = withTotals(messages, summary.warningCounts, outOfRange);
      // status / error are set too: a queued import's row was RUNNING, a retried one may hold the last error.
      // Progress too, so that no reader sees it LOADED at less than the whole file.
      const done = await client.query<{ finished_at: Date }>(
        `update cdr_import set status = 'LOADED', error = null, error_line = null, file_size = $2, sha256 = $3, format = $4,
           rows_read = $5, rows_rejected = $6, warnings = $7, coverage_from = $8, coverage_to = $9, rows_inserted = $10,
           rows_duplicate = $11, unanswered_rows = $12, messages = $13::jsonb, finished_at = clock_timestamp(),
           progress_rows = $5, progress_bytes = $2, min_natural_key = $14, max_natural_key = $15
         where id = $1 returning finished_at`,
        [importId, size, sha256, summary.detection.format, summary.rowsRead, summary.rejected, summary.warnings + outOfRange,
          summary.earliestStartedAt, summary.latestStartedAt, rowsInserted, summary.accepted - rowsInserted, unanswered,
          JSON.stringify(allMessages), minKey, maxKey],
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
      clientUsable = await rollback(client, direct, error);
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

/** Rows read but not yet sent, with what sendBatch decides on: their key range and whether one may repeat a sent call. */
interface Batch {
  readonly texts: Buffer[];
  rows: number;
  bytes: number;
  minKey: string;
  maxKey: string;
  /** A key of the batch was sent before (or is twice in it), or sent-keys.ts cannot rule it out. */
  repeats: boolean;
  /** Adds parsed rows and their COPY text; their keys go into `sent` (so a repeat within the batch shows too). */
  add(rows: readonly NormalisedCdr[], text: Buffer, sent: SentKeys): void;
}

function newBatch(): Batch {
  const batch: Batch = {
    texts: [],
    rows: 0,
    bytes: 0,
    minKey: "",
    maxKey: "",
    repeats: false,
    add(rows, text, sent) {
      batch.texts.push(text);
      batch.bytes += text.length;
      for (const row of rows) {
        const key = row.naturalKey;
        if (sent.add(key)) batch.repeats = true;
        if (batch.rows === 0 || key < batch.minKey) batch.minKey = key;
        if (batch.rows === 0 || key > batch.maxKey) batch.maxKey = key;
        batch.rows++;
      }
    },
  };
  return batch;
}

/**
 * One COPY … FROM STDIN on the import's connection: rows into cdr or cdr_stage, or the rejects.
 * Chunks are queued here and handed to pg-copy-streams one at a time, the next when the last
 * one's write completed: after the server fails a COPY, pg-copy-streams drops its connection,
 * and chunks still queued inside it would be flushed to that null connection on the socket's next
 * 'drain' (a TypeError outside any promise: the process dies).
 * A failure of the COPY (the server's error) is kept in `error`; nothing more is sent then.
 */
interface CopyStream {
  readonly copy: CopyStreamQuery;
  error: Error | null;
  /** Queues a chunk; waits only while more than MAX_UNSENT_BYTES are queued. */
  write(text: Buffer): Promise<void>;
  /** Sends what is queued, ends the COPY and waits for the server's answer (see `error`). */
  close(): Promise<void>;
}

/**
 * Opens a COPY. "binary": cdr rows as toCopyBinary encodes them (the header is sent first, the
 * trailer by close()); "text": the rejects, as rejectsToCopyText writes them.
 */
function openCopy(client: pg.Client, table: string, format: "binary" | "text", columns = `source_id, import_id, ${CDR_COLUMNS}`): CopyStream {
  const copy = client.query(copyFrom(`copy ${table} (${columns}) from stdin${format === "binary" ? " with (format binary)" : ""}`));
  const queue: Buffer[] = format === "binary" ? [BINARY_COPY_HEADER] : [];
  let queuedBytes = 0;
  let inFlight = false;
  // The one waiter (the loader is sequential), woken by every completed write and by a failure.
  let wake = () => {};
  const progress = () => new Promise<void>((resolve) => (wake = resolve));
  const pump = () => {
    if (inFlight || stream.error !== null) return;
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
  const stream: CopyStream = {
    copy,
    error: null,
    async write(text) {
      if (stream.error !== null) return;
      queue.push(text);
      queuedBytes += text.length;
      pump();
      while (queuedBytes >= MAX_UNSENT_BYTES && stream.error === null) await progress();
    },
    async close() {
      if (format === "binary" && stream.error === null) {
        queue.push(BINARY_COPY_TRAILER);
        pump();
      }
      while ((inFlight || queue.length > 0) && stream.error === null) await progress();
      if (stream.error !== null) return;
      copy.end();
      await Promise.race([finished(copy).catch(() => {}), progress()]);
    },
  };
  copy.on("error", (error: Error) => {
    stream.error ??= error;
    wake();
  });
  return stream;
}

/**
 * Whether a database error is cdr's unique natural key refusing a row (SQLSTATE 23505). cdr is
 * partitioned: PostgreSQL names the partition's own index, which ATTACH PARTITION names
 * `<partition>_source_id_natural_key_started_at_idx` after the parent's key
 * cdr_source_id_natural_key_started_at_key.
 */
export function isNaturalKeyConflict(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e.code === "23505" && typeof e.constraint === "string" && /^cdr(_\w+)?_source_id_natural_key_started_at_(key|idx)$/.test(e.constraint);
}

/**
 * The direct COPY's failure. A loaded call there (cdr's unique natural key) means another writer
 * inserted it outside the source's lock, or under an import whose key range says otherwise:
 * nothing of the file is kept.
 */
function directFailure(error: Error): Error {
  return isNaturalKeyConflict(error) ? new Error("a call of the file was stored by another writer while it loaded; nothing was kept: retry the import", { cause: error }) : error;
}

/**
 * Abandons the transaction: a COPY in progress is cancelled with CopyFail (not needed when the
 * server already failed it: it is then back to ReadyForQuery), then ROLLBACK.
 * Returns false when the connection had to be dropped instead (the server rolls back then).
 */
async function rollback(client: pg.Client, stream: CopyStream | null, error: unknown): Promise<boolean> {
  try {
    const copy = stream?.error === null ? stream.copy : null;
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
