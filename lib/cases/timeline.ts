// The case page's timeline, drawn in the browser: hours grouped into buckets so that a chart of
// 30 or 90 days stays a few hundred marks. Recharts drew 720 hourly bars (30 days) in ~2 s and
// 2,160 (90 days) in ~7 s of main thread in headless Chromium on 2 cores, and the page waited.

export type TimelineHour = {
  /** Start of the hour (epoch ms), in the customer's zone's hours. */
  t: number;
  calls: number;
  noRecord: number;
  found: number;
  noCoverage: number;
  /** Rings not evaluated yet (no persisted verdict). */
  pending: number;
  /** Rings without PBX record that were part of a sweep across customers; null when none (not drawn). */
  sweep: number | null;
};

/** Bucket sizes in hours: each divides a day, so buckets start at the same clock hours every day. */
const BUCKET_HOURS = [1, 2, 3, 4, 6, 8, 12, 24] as const;

export interface TimelineBuckets {
  /** Hours per bucket. */
  hours: number;
  /** Buckets in time order; `t` is the first hour's start. Counts are summed; sweep is null when none. */
  points: TimelineHour[];
}

/** Groups consecutive hours into the smallest bucket size that keeps at most `maxPoints` buckets. */
export function bucketTimeline(hours: readonly TimelineHour[], maxPoints = 200): TimelineBuckets {
  const size = BUCKET_HOURS.find((h) => Math.ceil(hours.length / h) <= maxPoints) ?? 24;
  if (size === 1) return { hours: 1, points: [...hours] };
  const points: TimelineHour[] = [];
  for (let i = 0; i < hours.length; i += size) {
    const group = hours.slice(i, i + size);
    const sweep = group.reduce((n, h) => n + (h.sweep ?? 0), 0);
    points.push({
      t: group[0]?.t ?? 0,
      calls: group.reduce((n, h) => n + h.calls, 0),
      noRecord: group.reduce((n, h) => n + h.noRecord, 0),
      found: group.reduce((n, h) => n + h.found, 0),
      noCoverage: group.reduce((n, h) => n + h.noCoverage, 0),
      pending: group.reduce((n, h) => n + h.pending, 0),
      sweep: sweep > 0 ? sweep : null,
    });
  }
  return { hours: size, points };
}

/**
 * The timeline as getTimeline reads it and the case page sends it to the browser: the first hour,
 * how many hours, and only those with a call or a ring (the dense 30 days were 720 objects, 65 kB
 * of the page's 151 kB React payload at 10M CDRs, bench:dashboard). Hours are 3,600 s apart, as
 * generate_series steps them in getTimeline.
 */
export interface PackedTimeline {
  start: number;
  count: number;
  busy: TimelineHour[];
}

const HOUR_MS = 3_600_000;

/** Every hour of the range, the quiet ones as zeros: what the chart buckets and draws. */
export function unpackTimeline({ start, count, busy }: PackedTimeline): TimelineHour[] {
  const hours: TimelineHour[] = Array.from({ length: count }, (_, i) => ({
    t: start + i * HOUR_MS,
    calls: 0,
    noRecord: 0,
    found: 0,
    noCoverage: 0,
    pending: 0,
    sweep: null,
  }));
  for (const h of busy) hours[Math.round((h.t - start) / HOUR_MS)] = h;
  return hours;
}
