import { describe, expect, it } from "vitest";
import { utcMinute } from "./format.ts";

describe("utcMinute", () => {
  it("shows a moment in UTC to the minute, whatever the process zone", () => {
    expect(utcMinute(new Date("2026-11-25T09:12:59.999Z"))).toBe("2026-11-25 09:12");
    expect(utcMinute(null)).toBe("—");
  });
});
