import "server-only";
// One writer per host for the feed pushes. Each server process of `ghostline serve` that took a
// push reads and normalises it (push.ts: the CPU work stays spread over the processes), but only
// one process writes (writer.ts): the source's locks (CDR_SOURCE_LOCK, FEED_LOCK) let one
// transaction at a time write a source, so two writing processes took turns on them and each
// group commit held half the waiting POSTs (bench:feeds, FreeSWITCH single POSTs on 2 cores:
// 1,411–1,551/s with one process against 728–791/s with two at 32 connections).
// GHOSTLINE_FEED_WRITER, set by serve.ts: "relay" in the processes that hand their deliveries
// over node:cluster IPC to the primary, which passes them to the writer process ("self",
// serveFeedWrites) and its answers back (writer-router.ts); unset (tests, `npm run dev`, one
// process), the delivery is written here.
import { type FeedWrite, type FeedWriteAnswer, type FeedWriteRequest, type FeedWriterReady, type FeedWritten, batchedSender } from "./writer-router.ts";
import { type DeliveryResult, type FeedDelivery, FeedBusy, deliverFeed } from "./writer.ts";

type Waiting = { resolve: (r: DeliveryResult) => void; reject: (e: unknown) => void };
// On globalThis as writer.ts keeps its state: Next's bundle of the route files and node-endpoint.ts
// load their own copies of this module in one process, and ids must not collide.
type State = { lastId: number; waiting: Map<number, Waiting> | null; send: ((write: FeedWrite) => void) | null };
const holder = globalThis as unknown as { ghostlineFeedRelay?: State };
const state = (): State => (holder.ghostlineFeedRelay ??= { lastId: 0, waiting: null, send: null });

/** Writes the delivery in this process or in the host's writer process; resolves once it is committed. */
export function submitFeed(delivery: FeedDelivery): Promise<DeliveryResult> {
  const send = process.send?.bind(process);
  if (process.env.GHOSTLINE_FEED_WRITER !== "relay" || send === undefined) return deliverFeed(delivery);
  const s = state();
  const waiting = (s.waiting ??= listen());
  const write = (s.send ??= batchedSender((feedWrite: FeedWrite[]) => send({ feedWrite } satisfies FeedWriteRequest)));
  const id = ++s.lastId;
  return new Promise<DeliveryResult>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    write({ id, delivery });
  });
}

function listen(): Map<number, Waiting> {
  const waiting = new Map<number, Waiting>();
  process.on("message", (message: Partial<FeedWriteAnswer>) => {
    for (const answer of message?.feedWritten ?? []) {
      const w = waiting.get(answer.id);
      if (w === undefined) continue;
      waiting.delete(answer.id);
      if ("result" in answer) w.resolve(answer.result);
      // A writer's FeedBusy, or the writer process gone before answering (writer-router.ts): 503 and
      // the PBX posts again; a commit it did not report is then a duplicate, skipped by ON CONFLICT.
      else if (answer.busy) w.reject(new FeedBusy(answer.message));
      else w.reject(new Error(`the feed writer process failed: ${answer.message}`));
    }
  });
  return waiting;
}

/** In the writer process: writes the deliveries the primary passes on and sends back each answer. */
export function serveFeedWrites(): void {
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error("serveFeedWrites runs in a node:cluster worker");
  // A group commit answers its deliveries together: their answers go back in one message.
  const answer = batchedSender((feedWritten: FeedWritten[]) => send({ feedWritten } satisfies FeedWriteAnswer));
  process.on("message", (message: Partial<FeedWriteRequest>) => {
    for (const request of message?.feedWrite ?? []) {
      deliverFeed(request.delivery).then(
        (result) => answer({ id: request.id, result }),
        (error: unknown) => {
          if (!(error instanceof FeedBusy)) console.error("[ghostline] a relayed feed write failed:", error);
          answer({ id: request.id, busy: error instanceof FeedBusy, message: error instanceof Error ? error.message : String(error) });
        },
      );
    }
  });
  send({ feedWriterReady: true } satisfies FeedWriterReady);
}
