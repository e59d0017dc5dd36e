import { describe, expect, it } from "vitest";
import { canonicalTimeZone, timeZoneSchema } from "./time-zone";

describe("canonicalTimeZone", () => {
  it("spells a known zone as the runtime does, and knows no blank or made-up zone", () => {
    expect(canonicalTimeZone("america/chicago")).toBe("America/Chicago");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    expect(canonicalTimeZone("  ")).toBeNull();
    expect(canonicalTimeZone("Mars/Olympus")).toBeNull();
  });
});

describe("timeZoneSchema", () => {
  it("trims and canonicalises, and refuses an unknown zone with examples of good ones", () => {
    expect(timeZoneSchema.parse(" europe/paris ")).toBe("Europe/Paris");
    const refused = timeZoneSchema.safeParse("Mars/Olympus");
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('Unknown IANA time zone "Mars/Olympus" (e.g. America/New_York, Europe/Paris, UTC)');
  });
});
