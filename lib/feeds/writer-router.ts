// In the primary of `ghostline serve` (cli/commands/serve.ts): passes the server processes' feed
// deliveries to the host's writer process and its answers back (relay.ts says why one process
// writes). node:cluster workers reach each other only through the primary. The messages need
// cluster.setupPrimary({ serialization: "advanced" }): a delivery's CDRs carry Dates.
import type { Worker } from "node:cluster";
import type { DeliveryResult, FeedDelivery } from "./writer.ts";

export type FeedWriteRequest = { feedWrite: { id: number; delivery: FeedDelivery } };
/** The writer process's first message: it takes deliveries from now on. */
export type FeedWriterReady = { feedWriterReady: true };
export type FeedWriteAnswer = { feedWritten: { id: number } & ({ result: DeliveryResult } | { busy: boolean; message: string }) };

/** The primary's side: attach() each worker as it is forked. */
export function feedWriteRouter() {
  /** The writer process, and whether it takes deliveries yet (FeedWriterReady). */
  let writer: Worker | null = null;
  let ready = false;
  /** Deliveries that came while the writer was starting: passed on once it is up. */
  const backlog: { from: Worker; id: number; delivery: FeedDelivery }[] = [];
  /** Deliveries the writer has and has not answered, by the id they were passed on with. */
  const passed = new Map<number, { from: Worker; id: number; to: Worker }>();
  let lastId = 0;

  const answer = (to: Worker, message: FeedWriteAnswer) => {
    if (to.isConnected()) to.send(message);
  };
  const pass = (writerWorker: Worker, from: Worker, id: number, delivery: FeedDelivery) => {
    const passedId = ++lastId;
    passed.set(passedId, { from, id, to: writerWorker });
    writerWorker.send({ feedWrite: { id: passedId, delivery } } satisfies FeedWriteRequest);
  };
  // Busy: the HTTP answer is a 503 with Retry-After, and FreeSWITCH posts a failed CDR again.
  const gone = (to: Worker, id: number) => answer(to, { feedWritten: { id, busy: true, message: "The feed writer process ended before this delivery was answered; retry in a few seconds." } });

  return {
    attach(worker: Worker, isWriter: boolean) {
      if (isWriter) {
        writer = worker;
        ready = false;
      }
      worker.on("message", (message: Partial<FeedWriteRequest & FeedWriteAnswer & FeedWriterReady>) => {
        if (message?.feedWriterReady === true && worker === writer && !ready) {
          ready = true;
          for (const b of backlog.splice(0)) pass(worker, b.from, b.id, b.delivery);
        } else if (message?.feedWrite !== undefined) {
          const { id, delivery } = message.feedWrite;
          if (writer === null) gone(worker, id);
          else if (!ready) backlog.push({ from: worker, id, delivery });
          else pass(writer, worker, id, delivery);
        } else if (message?.feedWritten !== undefined) {
          const to = passed.get(message.feedWritten.id);
          if (to === undefined || to.to !== worker) return;
          passed.delete(message.feedWritten.id);
          answer(to.from, { feedWritten: { ...message.feedWritten, id: to.id } });
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
        for (const b of backlog.splice(0)) gone(b.from, b.id);
      });
    },
  };
}
