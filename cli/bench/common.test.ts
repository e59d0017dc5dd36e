import { describe, expect, it } from "vitest";
import { openLoop, percentile } from "./common";

describe("percentile", () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it("answers the nearest rank: p95 of 1..100 is 95, p50 of 1..4 is 2", () => {
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
  });

  it("stays within the values at the ends, and is NaN without any", () => {
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeNaN();
  });
});

describe("openLoop", () => {
  it("sends each request when it is due without waiting for the earlier answers, and counts the wait for a slow answer", async () => {
    const sentAt: number[] = [];
    const start = performance.now();
    // Every answer takes 100 ms, longer than the whole run's spacing: a closed loop of one client would send 3.
    const { times, errors, ms } = await openLoop(40, 0.5, async (i) => {
      sentAt.push(performance.now() - start);
      await new Promise((r) => setTimeout(r, 100));
      return i % 10 !== 9;
    });
    expect(sentAt).toHaveLength(20);
    // Request i is due at i × 25 ms: none leaves before its time (a timer may fire a few ms early),
    // and the last long before one client waiting for each answer could send it (19 × 100 ms).
    sentAt.forEach((t, i) => expect(t).toBeGreaterThanOrEqual(i * 25 - 5));
    expect(sentAt.at(-1)!).toBeLessThan(1000);
    expect(errors).toBe(2);
    expect(times).toHaveLength(18);
    expect(times[0]!).toBeGreaterThanOrEqual(95);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(ms).toBeGreaterThanOrEqual(19 * 25 + 100 - 5);
  });
});
