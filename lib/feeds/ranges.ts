// Pure: the periods a feed's batches changed, merged before they are re-evaluated.
import { MAX_WINDOW_MINUTES } from "@/lib/matching/report-schema.ts";

export type Range = { from: Date; to: Date };

/** Periods closer than a search window's width are evaluated as one. */
const MERGE_GAP_MS = 2 * MAX_WINDOW_MINUTES * 60_000;

/** Merges overlapping or near periods, sorted by start. */
export function mergeRanges(ranges: readonly Range[], gapMs = MERGE_GAP_MS): Range[] {
  const sorted = [...ranges].sort((a, b) => a.from.getTime() - b.from.getTime());
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last !== undefined && r.from.getTime() - last.to.getTime() <= gapMs) {
      if (r.to > last.to) last.to = r.to;
    } else {
      out.push({ from: r.from, to: r.to });
    }
  }
  return out;
}

