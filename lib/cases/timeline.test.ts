import { describe, expect, it } from "vitest";
import { type TimelineHour, bucketTimeline, unpackTimeline } from "./timeline.ts";

const HOUR = 3_600_000;
const hoursOf = (n: number): TimelineHour[] =>
  Array.from({ length: n }, (_, i) => ({ t: i * HOUR, calls: i % 3, noRecord: i === 5 ? 1 : 0, found: 0, noCoverage: 0, pending: 0, sweep: i === 5 ? 1 : null }));

describe("bucketTimeline", () => {
  it("keeps hours as they are for a week", () => {
    const week = hoursOf(7 * 24);
    expect(bucketTimeline(week)).toEqual({ hours: 1, points: week });
  });

  it("groups 30 days into 4-hour buckets and 90 days into 12-hour ones, losing no call or ring", () => {
    for (const [days, size] of [[30, 4], [90, 12]] as const) {
      const hours = hoursOf(days * 24);
      const { hours: got, points } = bucketTimeline(hours);
      expect(got).toBe(size);
      expect(points).toHaveLength((days * 24) / size);
      expect(points.reduce((n, p) => n + p.calls, 0)).toBe(hours.reduce((n, h) => n + h.calls, 0));
      expect(points.every((p, i) => p.t === i * size * HOUR)).toBe(true);
      // The one ring without PBX record (hour 5, in a sweep) lands in the bucket holding hour 5.
      const at = Math.floor(5 / size);
      expect(points[at]).toMatchObject({ noRecord: 1, sweep: 1 });
      expect(points.filter((p) => p.noRecord > 0 || p.sweep !== null)).toHaveLength(1);
    }
  });

  it("keeps a last, shorter bucket", () => {
    const { points } = bucketTimeline(hoursOf(30 * 24 + 2));
    expect(points.at(-1)).toMatchObject({ t: 30 * 24 * HOUR, calls: (720 % 3) + (721 % 3) });
  });
});

describe("unpackTimeline", () => {
  it("gives back every hour in order, the busy ones where they fall", () => {
    const start = Date.UTC(2026, 10, 1, 5, 30); // a zone on the half hour (India): hours at :30 UTC
    const hours = hoursOf(30 * 24).map((h, i) => ({ ...h, t: start + i * HOUR, calls: i % 50 === 0 ? 2 : 0, pending: i === 7 ? 1 : 0 }));
    // Hours 0, 50, …, 700 have calls; 5 a ring in a sweep; 7 a pending one.
    const busy = hours.filter((_, i) => i % 50 === 0 || i === 5 || i === 7);
    expect(unpackTimeline({ start, count: hours.length, busy })).toEqual(hours);
  });

  it("keeps an empty range empty", () => {
    expect(unpackTimeline({ start: 0, count: 0, busy: [] })).toEqual([]);
  });
});
