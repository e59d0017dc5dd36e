import { describe, expect, it } from "vitest";
import { formatBytes, formatDuration, utcMinute } from "./format.ts";

describe("formatDuration", () => {
  it("shows the largest unit and the next one, rounded down", () => {
    expect(formatDuration(42.9)).toBe("42 s");
    expect(formatDuration(200)).toBe("3 min 20 s");
    expect(formatDuration(12 * 60)).toBe("12 min");
    expect(formatDuration(3900)).toBe("1 h 5 min");
    expect(formatDuration(5 * 3600 + 20 * 60 + 59)).toBe("5 h 20 min");
    expect(formatDuration(2 * 3600 + 30)).toBe("2 h");
    expect(formatDuration(3 * 86400 + 4 * 3600 + 59 * 60)).toBe("3 d 4 h");
    expect(formatDuration(86400)).toBe("1 d");
  });

  it("never shows a negative duration", () => {
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(0.5)).toBe("0 s");
    expect(formatDuration(-100)).toBe("0 s");
  });
});

describe("utcMinute", () => {
  it("shows a moment in UTC to the minute, whatever the process zone", () => {
    expect(utcMinute(new Date("2026-11-25T09:12:59.999Z"))).toBe("2026-11-25 09:12");
    expect(utcMinute(null)).toBe("—");
  });
});

describe("formatBytes", () => {
  it("prints bytes below a kilobyte as they are, larger sizes to one decimal in the largest unit under 1000", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(8192)).toBe("8.2 kB");
    expect(formatBytes(999_960)).toBe("1.0 MB");
    expect(formatBytes(1_500_000)).toBe("1.5 MB");
    expect(formatBytes(2_345_000_000)).toBe("2.3 GB");
  });
});
