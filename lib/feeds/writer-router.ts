// In the primary of `ghostline serve` (cli/commands/serve.ts): passes the server processes' feed
// deliveries to the host's writer process and its answers back (relay.ts says why one process
// writes). node:cluster workers reach each other only through the primary. The messages need
// cluster.setupPrimary({ serialization: "advanced" }): a delivery's CDRs carry Dates.
//
// Each message carries every delivery (or answer) of one turn of the sender's event loop: a
// FreeSWITCH single-CDR POST is small, and it took four IPC messages (two hops, each way), each
// serialized and read on both sides. bench:feeds (10M CDRs, 2 cores, alternate runs): server CPU
// per 1,000 single POSTs 465–864 ms (median 668) batched against 629–957 ms (median 709) one
// message each, 1,003–1,648 POSTs/s against 897–1,476: a small gain inside the runs' noise.
import type { Worker } from "node:cluster";
import type { DeliveryResult, FeedDelivery } from "./writer.ts";

export type FeedWrite = { id: number; delivery: FeedDelivery };
export type FeedWritten = { id: number } & ({ result: DeliveryResult } | { busy: boolean; message: string });
export type FeedWriteRequest = { feedWrite: FeedWrite[] };
/** The writer process's first message: it takes deliveries from now on. */
export type FeedWriterReady = { feedWriterReady: true };
export type FeedWriteAnswer = { feedWritten: FeedWritten[] };

/**
 * `push(item)` sends every item pushed in this turn of the event loop as one array, through
 * `send`, once the turn's other callbacks have run (setImmediate: after the I/O callbacks that
 * read the other POSTs that arrived together).
 */
export function batchedSender<T>(send: (items: T[]) => void): (item: T) => void {
  let pending: T[] | null = null;
  return (item) => {
    if (pending !== null) {
      pending.push(item);
      return;
    }
    pending = [item];
    setImmediate(() => {
      const items = pending!;
      pending = null;
      send(items);
    });
  };
}

/** The primary's side: attach() each worker as it is forked. */
export function feedWriteRouter() {
  /** The writer process, and whether it takes deliveries yet (FeedWriterReady). */
  let writer: Worker | null = null;
  let ready = false;
  /** Deliveries that came while the writer was starting: passed on once it is up. */
  const backlog: { from: Worker; write: FeedWrite }[] = [];
  /** Deliveries the writer has and has not answered, by the id they were passed on with. */
  const passed = new Map<number, { from: Worker; id: number; to: Worker }>();
  let lastId = 0;
  /** A batched sender per worker, for its answers (server processes) or deliveries (the writer). */
  const senders = new WeakMap<Worker, { answer: (a: FeedWritten) => void; write: (w: FeedWrite) => void }>();
  const sender = (worker: Worker) => {
    let s = senders.get(worker);
    if (s === undefined) {
      const sendIfConnected = (message: FeedWriteRequest | FeedWriteAnswer) => {
        if (worker.isConnected()) worker.send(message);
      };
      s = {
        answer: batchedSender((feedWritten: FeedWritten[]) => sendIfConnected({ feedWritten })),
        write: batchedSender((feedWrite: FeedWrite[]) => sendIfConnected({ feedWrite })),
      };
      senders.set(worker, s);
    }
    return s;
  };

  const pass = (writerWorker: Worker, from: Worker, write: FeedWrite) => {
    const passedId = ++lastId;
    passed.set(passedId, { from, id: write.id, to: writerWorker });
    sender(writerWorker).write({ id: passedId, delivery: write.delivery });
  };
  // Busy: the HTTP answer is a 503 with Retry-After, and FreeSWITCH posts a failed CDR again.
  const gone = (to: Worker, id: number) =>
    sender(to).answer({ id, busy: true, message: "The feed writer process ended before this delivery was answered; retry in a few seconds." });

  return {
    attach(worker: Worker, isWriter: boolean) {
      if (isWriter) {
        writer = worker;
        ready = false;
      }
      worker.on("message", (message: Partial<FeedWriteRequest & FeedWriteAnswer & FeedWriterReady>) => {
        if (message?.feedWriterReady === true && worker === writer && !ready) {
          ready = true;
          for (const b of backlog.splice(0)) pass(worker, b.from, b.write);
        } else if (message?.feedWrite !== undefined) {
          for (const write of message.feedWrite) {
            if (writer === null) gone(worker, write.id);
            else if (!ready) backlog.push({ from: worker, write });
            else pass(writer, worker, write);
          }
        } else if (message?.feedWritten !== undefined) {
          for (const answer of message.feedWritten) {
            const to = passed.get(answer.id);
            if (to === undefined || to.to !== worker) continue;
            passed.delete(answer.id);
            sender(to.from).answer({ ...answer, id: to.id });
          }
        }
      });
      worker.on("exit", () => {
        // What it had not answered may or may not be committed: the PBX's retry is stored once
        // either way (writer.ts: ON CONFLICT DO NOTHING). A writer started in its place (attach,
        // before or after this) takes the backlog and what comes after.
        for (const [passedId, p] of passed) {
          if (p.to !== worker) continue;
          passed.delete(passedId);
          gone(p.from, p.id);
        }
        if (worker !== writer) return;
        writer = null;
        for (const b of backlog.splice(0)) gone(b.from, b.write.id);
      });
    },
  };
}
