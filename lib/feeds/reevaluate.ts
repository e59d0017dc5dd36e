import "server-only";
// Re-evaluation as a feed advances: after each committed batch, the reports of the source's
// customers whose search window overlaps what changed (the period newly covered, the times of
// the CDRs newly inserted) get their verdicts again through the matching engine's own scope
// (lib/matching/evaluate.ts, `{ sourceId, from, to }`), so a report waiting for coverage gets
// its verdict seconds after the call's CDR or the next heartbeat arrives.
//
// Coalesced per source: while one evaluation runs, the periods of later batches are merged and
// evaluated together once it ends. A feed posting hundreds of CDRs a second then costs a few
// evaluations a second, each over a few minutes of reports (an index range on ghost_report's
// ringAt), not one per POST; a live feed's periods are all "the last few minutes" and merge.
import { evaluateReports } from "@/lib/matching/evaluate.ts";
import { type Range, mergeRanges } from "./ranges.ts";

type SourceWork = { ranges: Range[]; running: Promise<void> | null };

const holder = globalThis as unknown as { ghostlineFeedReevaluation?: Map<string, SourceWork> };
const work = (): Map<string, SourceWork> => (holder.ghostlineFeedReevaluation ??= new Map());

/** Queues the source's re-evaluation for these periods (run after the current one, if any). */
export function scheduleReevaluation(sourceId: string, ranges: readonly Range[]): void {
  if (ranges.length === 0) return;
  const map = work();
  let w = map.get(sourceId);
  if (w === undefined) {
    w = { ranges: [], running: null };
    map.set(sourceId, w);
  }
  w.ranges.push(...ranges);
  start(sourceId, w);
}

function start(sourceId: string, job: SourceWork): void {
  job.running ??= (async () => {
    while (job.ranges.length > 0) {
      const merged = mergeRanges(job.ranges);
      job.ranges = [];
      for (const range of merged) {
        try {
          await evaluateReports({ sourceId, ...range });
        } catch (error) {
          console.error(`[ghostline] re-evaluation after a feed batch of source ${sourceId} failed:`, error);
        }
      }
    }
  })().finally(() => {
    job.running = null;
    // Periods queued between the loop's last check and now start the next round.
    if (job.ranges.length > 0) start(sourceId, job);
    else work().delete(sourceId);
  });
}

/** Resolves when no re-evaluation is queued or running. */
export async function reevaluationIdle(): Promise<void> {
  for (;;) {
    const running = [...work().values()].map((w) => w.running).filter((r): r is Promise<void> => r !== null);
    if (running.length === 0) return;
    await Promise.allSettled(running);
  }
}
