import { describe, expect, it } from "vitest";
import { naturalKey } from "./normalise";
import { SentKeys } from "./sent-keys";

const key = (i: number) => naturalKey(1_767_225_600 + i * 3, `call ${i}`);

describe("SentKeys", () => {
  it("never misses a key it was given, across several filters", () => {
    const sent = new SentKeys();
    // Past one filter's 1,048,576 keys, so that the first filter is asked too.
    const n = 1_100_000;
    for (let i = 0; i < n; i++) sent.add(key(i));
    for (let i = 0; i < n; i += 997) expect(sent.add(key(i))).toBe(true);
    expect(sent.add(key(n - 1))).toBe(true);
  });

  it("says no to keys never given, but for rare false alarms", () => {
    const sent = new SentKeys();
    let alarms = 0;
    for (let i = 0; i < 400_000; i++) if (sent.add(key(i))) alarms++;
    // The design rate is 3.4e-7 a key at a full filter (less while it fills): 3 would mean broken hashing.
    expect(alarms).toBeLessThan(3);
  });

  it("keeps keys that are not in natural-key form exactly", () => {
    const sent = new SentKeys();
    expect(sent.add("not-a-key")).toBe(false);
    expect(sent.add("not-a-key")).toBe(true);
    expect(sent.add(`${"g".repeat(42)}`)).toBe(false);
    expect(sent.add(`${"g".repeat(42)}`)).toBe(true);
  });
});
