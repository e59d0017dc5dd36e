import { describe, expect, it } from "vitest";
import { formatDuration, utcMinute } from "./format.ts";

describe("formatDuration", () => {
  it("shows the two largest units, rounded down", () => {
    expect(formatDuration(0)).toBe("0 min");
    expect(formatDuration(59)).toBe("0 min");
    expect(formatDuration(12 * 60 + 30)).toBe("12 min");
    expect(formatDuration(5 * 3600 + 20 * 60)).toBe("5 h 20 min");
    expect(formatDuration(2 * 3600)).toBe("2 h");
    expect(formatDuration(3 * 86400 + 4 * 3600 + 59 * 60)).toBe("3 d 4 h");
    expect(formatDuration(86400)).toBe("1 d");
  });

  it("never shows a negative duration", () => {
    expect(formatDuration(-100)).toBe("0 min");
  });
});

describe("utcMinute", () => {
  it("shows a moment in UTC to the minute, whatever the process zone", () => {
    expect(utcMinute(new Date("2026-11-25T09:12:59.999Z"))).toBe("2026-11-25 09:12");
    expect(utcMinute(null)).toBe("—");
  });
});
