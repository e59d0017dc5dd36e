import "server-only";
// Writes live-feed deliveries (a POST's CDRs, an AMI event, a heartbeat) with group commit: per
// source, deliveries that arrive while the source's previous transaction runs are committed
// together in the next one, so a PBX posting one CDR per call (FreeSWITCH: one request per CDR,
// a new connection each) costs one transaction per batch, not per call, with no timer added to
// anyone's latency. A delivery's promise settles when its transaction has committed
// (synchronous_commit stays on: the PBX is told 2xx only for what is durable, and does not
// retry it).
//
// One transaction per batch, sent as one message (commitBatch says why):
//   the source's import lock (the file loader's CDR_SOURCE_LOCK: pg_advisory_xact_lock(7343,
//   hashtext(source_id))), then the feed lock (7344, same key), with BEGIN → the day's feed
//   import row upserted (its line counter gives the rows their lines) → INSERT … ON CONFLICT
//   (source_id, natural_key) DO NOTHING into cdr from the rows as JSON, with the import's counts
//   → the rejects into cdr_reject → the coverage segment extended, or a gap and a new segment
//   (one statement) → COMMIT.
// The import lock is the one file imports take for their whole load: their straight COPY and
// their staged NOT EXISTS both rely on no other transaction inserting the source's keys
// meanwhile, so a push waits for a running import rather than failing it (lock_timeout bounds
// the wait: then 503 and the PBX retries). ON CONFLICT covers duplicate deliveries (a retry
// after a lost answer, a call also in a loaded export) and duplicates within one batch.
// Heartbeats (no CDRs) take only the feed lock, so a long import never stops the feed's clock.
import pg from "pg";
import { CDR_COPY_COLUMNS, REJECT_COPY_COLUMNS } from "@/lib/cdr/copy.ts";
import { CDR_RECORDSET, REJECT_RECORDSET, cdrRecordsetValues, dollarQuoted, recordsJson, recordsetKey } from "@/lib/cdr/json-rows.ts";
import { CDR_SOURCE_LOCK, connectionString, uuidv7 } from "@/lib/cdr/load.ts";
import type { NormalisedCdr, RejectedRow } from "@/lib/cdr/schema.ts";
import type { Range } from "./ranges.ts";
import { type FeedChange, reevaluationIdle, scheduleReevaluation } from "./reevaluate.ts";
import type { FeedVia } from "./schema.ts";

/** This module's own key space: a source's coverage segments. */
const FEED_LOCK = 7344;
/** Rows per transaction at most; a backlog is committed in several. */
const MAX_BATCH_ROWS = 20_000;
/** Rows waiting for one source past which a push is answered 503 (the PBX retries). */
const MAX_PENDING_ROWS = 200_000;
/** How long a push waits for a file import of its source to commit. */
const LOCK_TIMEOUT = "30s";
/** Connections for feed writes: batches of different sources commit in parallel. */
const POOL_SIZE = 3;

const CDR_COLUMNS = CDR_COPY_COLUMNS.join(", ");

export interface FeedDelivery {
  sourceId: string;
  via: FeedVia;
  /** Lines are 1-based positions in the delivery (rows and rejects share them); renumbered here. */
  rows: NormalisedCdr[];
  rejects: RejectedRow[];
  warnings?: number;
  /** The format whose reader read the records (kept on the day's import row). */
  format?: string;
  /** When it arrived: the feed is known to be up until then. */
  receivedAt: Date;
  /** The source's quiet limit, in minutes (cdr_source.feedQuietMinutes). */
  quietMinutes: number;
  /** Starts a new coverage segment even within the quiet limit (an AMI link back up), the time since the last one being a gap for this reason. */
  gapReason?: string;
}

export interface DeliveryResult {
  /** The day's feed import (null for a heartbeat): its page lists the rejects. */
  importId: string | null;
  inserted: number;
  duplicate: number;
  rejected: number;
  /** The rejects' lines in the import, in the delivery's order. */
  rejectLines: number[];
}

/** Too much is waiting for this source, or a file import of it held its lock too long: retry later. */
export class FeedBusy extends Error {
  override readonly name = "FeedBusy";
}

type Pending = FeedDelivery & { resolve: (r: DeliveryResult) => void; reject: (e: unknown) => void };
type SourceQueue = { pending: Pending[]; rows: number; running: Promise<void> | null };

type State = { pool: pg.Pool | null; queues: Map<string, SourceQueue>; unanswered: Set<string> };
const holder = globalThis as unknown as { ghostlineFeedWriter?: State };
const state = (): State => (holder.ghostlineFeedWriter ??= { pool: null, queues: new Map(), unanswered: new Set() });

function pool(): pg.Pool {
  const s = state();
  if (s.pool !== null) return s.pool;
  const p = new pg.Pool({ connectionString: connectionString(), max: POOL_SIZE, application_name: "ghostline-feed", idleTimeoutMillis: 60_000 });
  p.on("error", (error) => console.error("[ghostline] feed writer connection error:", error.message));
  s.pool = p;
  return p;
}

/** Queues a delivery for its source's next transaction; resolves once it is committed. */
export function deliverFeed(delivery: FeedDelivery): Promise<DeliveryResult> {
  const s = state();
  let q = s.queues.get(delivery.sourceId);
  if (q === undefined) {
    q = { pending: [], rows: 0, running: null };
    s.queues.set(delivery.sourceId, q);
  }
  if (q.rows + delivery.rows.length > MAX_PENDING_ROWS && delivery.rows.length > 0) {
    return Promise.reject(new FeedBusy(`${q.rows} CDRs of this source are waiting to be written; retry in a few seconds`));
  }
  const queue = q;
  return new Promise<DeliveryResult>((resolve, reject) => {
    queue.pending.push({ ...delivery, resolve, reject });
    queue.rows += delivery.rows.length;
    start(delivery.sourceId, queue);
  });
}

function start(sourceId: string, q: SourceQueue): void {
  q.running ??= drain(sourceId, q).finally(() => {
    q.running = null;
    // Deliveries queued after the loop's last look (their callers ran before this) go next.
    if (q.pending.length > 0) start(sourceId, q);
    else state().queues.delete(sourceId);
  });
}

async function drain(sourceId: string, q: SourceQueue): Promise<void> {
  // Lets the deliveries of the same event-loop turn (concurrent requests parsed together) join.
  await new Promise<void>((resolve) => setImmediate(resolve));
  // One connection for the whole backlog: a checkout per batch costs an event-loop turn each.
  let client: pg.PoolClient | null = null;
  try {
    while (q.pending.length > 0) {
      if (client === null) {
        try {
          client = await pool().connect();
        } catch (error) {
          // No connection to be had (the database is down): what waits fails now, and the PBX retries.
          for (const d of q.pending.splice(0)) d.reject(error);
          q.rows = 0;
          return;
        }
      }
      await commitNext(sourceId, q, client).catch((broken: unknown) => {
        client?.release(broken as Error);
        client = null;
      });
    }
  } finally {
    client?.release();
  }
}

/** Commits the queue's next batch; rejects (with the cause) only when the connection is unusable. */
async function commitNext(sourceId: string, q: SourceQueue, client: pg.PoolClient): Promise<void> {
  const batch: Pending[] = [];
  let rows = 0;
  while (q.pending.length > 0 && (batch.length === 0 || rows + q.pending[0]!.rows.length <= MAX_BATCH_ROWS)) {
    const next = q.pending.shift()!;
    rows += next.rows.length;
    batch.push(next);
  }
  q.rows -= rows;
  try {
    const results = await commitBatch(client, sourceId, batch);
    batch.forEach((d, i) => d.resolve(results[i]!));
  } catch (error) {
    const busy = (error as { code?: string }).code === "55P03" ? new FeedBusy("a file import of this source is still loading; retry in a few seconds") : error;
    for (const d of batch) d.reject(busy);
    const unusable = await client.query("rollback").then(() => null, (e: unknown) => e);
    if (unusable !== null) throw unusable;
  }
}

async function commitBatch(client: pg.PoolClient, sourceId: string, batch: Pending[]): Promise<DeliveryResult[]> {
  const records = batch.map((d) => d.rows.length + d.rejects.length);
  const total = records.reduce((a, b) => a + b, 0);
  const results: DeliveryResult[] = batch.map(() => ({ importId: null, inserted: 0, duplicate: 0, rejected: 0, rejectLines: [] }));
  const receivedAt = new Date(Math.max(...batch.map((d) => d.receivedAt.getTime())));
  const change: FeedChange = { covered: [], numbers: [], times: [] };
  const s = state();

  // The whole transaction is one simple-query message, so one round trip: under a FreeSWITCH feed
  // (a batch per few calls) each round trip cost the batch about a millisecond on a busy 2-core
  // host, and a COPY several, and a batch's latency is what holds its POSTs (bench:feeds: five
  // round trips, 6–7 ms for 16 POSTs). That protocol takes no parameters, hence the literals
  // (escapeLiteral, and the rows as one dollar-quoted JSON text). If a statement fails, the
  // server skips the rest of the message, COMMIT with it, and commitNext rolls back. The import
  // lock first, so that a batch waiting for a file import does not hold the feed lock meanwhile
  // (heartbeats go on).
  const text = (v: string | null) => (v === null ? "null" : client.escapeLiteral(v));
  const src = `${text(sourceId)}::uuid`;
  const key = `hashtext(${text(sourceId)})`;
  const statements = ["begin"];
  if (total > 0) statements.push(`set local lock_timeout = '${LOCK_TIMEOUT}'`, `select pg_advisory_xact_lock(${CDR_SOURCE_LOCK}, ${key})`);
  statements.push(`select pg_advisory_xact_lock(${FEED_LOCK}, ${key})`);
  const rows = batch.flatMap((d) => d.rows);
  const rejects = batch.reduce((n, d) => n + d.rejects.length, 0);
  const unanswered = rows.filter((r) => r.disposition !== "ANSWERED").length;
  const warnings = batch.reduce((n, d) => n + (d.warnings ?? 0), 0);
  // The source's first unanswered CDR lifts the "logs no unanswered calls" caveat from every
  // report on it (reevaluateForImport does the same for a file): asked once per process.
  const askFirstUnanswered = total > 0 && unanswered > 0 && !s.unanswered.has(sourceId);
  const at = { firstUnanswered: -1, imported: -1, inserted: -1 };
  if (askFirstUnanswered) at.firstUnanswered = statements.push(`select 1 from cdr_import where source_id = ${src} and status = 'LOADED' and unanswered_rows > 0 limit 1`) - 1;
  // Each delivery's records take the next lines, in arrival order: here from 1 in the batch, in
  // the database after the day's lines so far (`base`, read back from the import row).
  const offsets: number[] = [];
  let nextLine = 0;
  for (const n of records) {
    offsets.push(nextLine);
    nextLine += n;
  }
  const allRejects: RejectedRow[] = [];
  if (total > 0) {
    const dayText = receivedAt.toISOString().slice(0, 10);
    const day = `${text(dayText)}::date`;
    // The import's id and the day's lines before this batch, from the upsert's row: returned by
    // it, and read again by the later statements of the message.
    const importRow = `id, rows_read - ${total} as base`;
    // The day's key range grows with each batch: a file load of the source asks it whether a
    // batch may repeat a fed call (lib/cdr/key-ranges.ts); least/greatest skip a null.
    let minKey: string | null = null;
    let maxKey: string | null = null;
    for (const { naturalKey: k } of rows) {
      if (minKey === null || k < minKey) minKey = k;
      if (maxKey === null || k > maxKey) maxKey = k;
    }
    at.imported = statements.push(
      `insert into cdr_import (id, source_id, status, file_name, file_size, format, imported_by, feed_day,
         rows_read, rows_rejected, unanswered_rows, warnings, finished_at, min_natural_key, max_natural_key)
       values (${text(uuidv7())}, ${src}, 'LOADED', ${text(`live feed ${dayText}`)}, 0, ${text(batch.find((d) => d.format)?.format ?? null)}, 'feed', ${day},
         ${total}, ${rejects}, ${unanswered}, ${warnings}, clock_timestamp(), ${text(minKey)}, ${text(maxKey)})
       on conflict (source_id, feed_day) do update set rows_read = cdr_import.rows_read + excluded.rows_read,
         rows_rejected = cdr_import.rows_rejected + excluded.rows_rejected, unanswered_rows = cdr_import.unanswered_rows + excluded.unanswered_rows,
         warnings = cdr_import.warnings + excluded.warnings, finished_at = excluded.finished_at,
         min_natural_key = least(cdr_import.min_natural_key, excluded.min_natural_key),
         max_natural_key = greatest(cdr_import.max_natural_key, excluded.max_natural_key)
       returning ${importRow}`,
    ) - 1;
    const imp = `(select ${importRow} from cdr_import where source_id = ${src} and feed_day = ${day})`;
    if (rows.length > 0) {
      batch.forEach((d, i) => {
        for (const r of d.rows) r.line += offsets[i]!;
      });
      at.inserted = statements.push(
        // NOT EXISTS on the natural key alone, as the file loader's move (lib/cdr/load.ts): cdr's
        // unique key also holds started_at, its partition key (migration
        // 20261126150000_partition_cdr_by_month), and a call read in another zone keeps its
        // natural key but not its start. ON CONFLICT for a call twice in one batch. The import's
        // counts in the same statement (the upsert above was an earlier one, so no row is
        // changed twice in one statement).
        `with imp as ${imp},
         ins as (
           insert into cdr (source_id, import_id, ${CDR_COLUMNS})
           select ${src}, imp.id, ${cdrRecordsetValues("imp.base")} from imp, json_to_recordset(${dollarQuoted(recordsJson(rows))}) as s(${CDR_RECORDSET})
           where not exists (select 1 from cdr c where c.source_id = ${src} and c.natural_key = ${recordsetKey("natural_key")})
           order by s.line
           on conflict (source_id, natural_key, started_at) do nothing
           returning line, started_at, callee_number, endpoint
         ), counted as (
           update cdr_import set rows_inserted = rows_inserted + (select count(*) from ins),
             rows_duplicate = rows_duplicate + ${rows.length} - (select count(*) from ins)
           where id = (select id from imp)
         )
         select ins.line - imp.base as line, started_at, callee_number, endpoint from ins, imp`,
      ) - 1;
    }
    batch.forEach((d, i) => {
      for (const rej of d.rejects) allRejects.push({ ...rej, line: rej.line + offsets[i]! });
    });
    if (allRejects.length > 0) {
      statements.push(
        `insert into cdr_reject (import_id, ${REJECT_COPY_COLUMNS.join(", ")})
         select imp.id, s.line + imp.base, s.raw, s.reason, s.field
         from ${imp} imp, json_to_recordset(${dollarQuoted(recordsJson(allRejects))}) as s(${REJECT_RECORDSET})`,
      );
    }
  }
  const restart = batch.find((d) => d.gapReason !== undefined);
  const coverage: number[] = [];
  if (restart !== undefined) coverage.push(statements.push(coverageSql(text, src, restart, restart.receivedAt, 0, restart.gapReason)) - 1);
  coverage.push(statements.push(coverageSql(text, src, batch.at(-1)!, receivedAt, rows.length)) - 1);
  statements.push("commit");

  const answers = (await client.query(statements.join(";\n"))) as unknown as pg.QueryResult[];

  const firstUnanswered = askFirstUnanswered && answers[at.firstUnanswered]!.rowCount === 0;
  if (total > 0) {
    const { id: importId, base } = answers[at.imported]!.rows[0] as { id: string; base: number };
    const counted = new Set<number>();
    if (at.inserted >= 0) {
      for (const r of answers[at.inserted]!.rows as { line: number; started_at: Date; callee_number: string | null; endpoint: string | null }[]) {
        counted.add(r.line);
        // The numbers the new CDR can be matched by (lib/matching/evaluate.ts: callee, or endpoint for an extension).
        for (const num of new Set([r.callee_number, r.endpoint])) {
          if (num === null) continue;
          change.numbers.push(num);
          change.times.push(r.started_at);
        }
      }
    }
    batch.forEach((d, i) => {
      const r = results[i]!;
      r.importId = importId;
      r.inserted = d.rows.filter((row) => counted.has(row.line)).length;
      r.duplicate = d.rows.length - r.inserted;
      r.rejected = d.rejects.length;
      for (const rej of d.rejects) r.rejectLines.push(base + rej.line + offsets[i]!);
    });
    if (unanswered > 0) s.unanswered.add(sourceId);
  }
  for (const i of coverage) change.covered.push(coveredRange(answers[i]!.rows[0] as { was: Date | null; at: Date }));
  scheduleReevaluation(sourceId, firstUnanswered ? { ...change, all: true } : change);
  return results;
}

/**
 * Extends the source's newest UP segment to `at` when it ended at most the quiet limit ago (and
 * no gapReason forces a new one); otherwise records the time since as a GAP and opens a new UP
 * segment at `at`. One statement, as it runs in every batch; its row gives coveredRange the
 * period newly covered. Runs under the feed lock, taken by an earlier statement (so this one's
 * snapshot sees the segments as the lock's previous holder committed them).
 */
function coverageSql(text: (v: string | null) => string, src: string, d: FeedDelivery, received: Date, cdrs: number, gapReason?: string): string {
  const at = `${text(received.toISOString())}::timestamptz`;
  const reason = text(gapReason ?? null);
  const quiet = Math.trunc(d.quietMinutes);
  return `with last as (
       select id, to_at from cdr_feed_segment where source_id = ${src} and status = 'UP' order by to_at desc limit 1
     ), extended as (
       update cdr_feed_segment s set to_at = greatest(s.to_at, ${at}), cdrs = s.cdrs + ${cdrs}
       from last where s.id = last.id and ${reason}::text is null and ${at} - last.to_at <= make_interval(mins => ${quiet})
       returning last.to_at as was
     ), gap as (
       insert into cdr_feed_segment (source_id, status, from_at, to_at, via, reason)
       select ${src}, 'GAP', last.to_at, ${at}, ${text(d.via)},
              coalesce(${reason}::text, format('nothing received for %s min (the source''s quiet limit is %s min)',
                                        round(extract(epoch from ${at} - last.to_at) / 60), ${quiet}))
       from last where not exists (select 1 from extended) and last.to_at < ${at}
     ), opened as (
       insert into cdr_feed_segment (source_id, status, from_at, to_at, via, cdrs)
       select ${src}, 'UP', ${at}, ${at}, ${text(d.via)}, ${cdrs} where not exists (select 1 from extended)
     )
     select (select was from extended) as was, ${at} as at`;
}

function coveredRange({ was, at }: { was: Date | null; at: Date }): Range {
  return was === null ? { from: at, to: at } : { from: was, to: at > was ? at : was };
}

/** Resolves when every queued delivery is committed and its re-evaluation has run (tests, the bench). */
export async function feedWriterIdle(): Promise<void> {
  for (;;) {
    const running = [...state().queues.values()].map((q) => q.running).filter((r): r is Promise<void> => r !== null);
    if (running.length === 0) break;
    await Promise.allSettled(running);
  }
  await reevaluationIdle();
}

/** Closes the writer's connections (after feedWriterIdle). */
export async function closeFeedWriter(): Promise<void> {
  const s = state();
  const p = s.pool;
  s.pool = null;
  await p?.end();
}
