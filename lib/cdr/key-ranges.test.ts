import { describe, expect, it } from "vitest";
import { KeyRanges } from "./key-ranges";

describe("KeyRanges", () => {
  const ranges = new KeyRanges([
    { min: "0500", max: "0599" },
    { min: "0100", max: "0199" },
    { min: "0150", max: "0250" }, // overlaps the one before: merged into 0100–0250
  ]);

  it("says a batch meets a loaded range when the two overlap at all", () => {
    expect(ranges.meets("0190", "0210")).toBe(true);
    expect(ranges.meets("0240", "0300")).toBe(true); // the merged range's tail
    expect(ranges.meets("0050", "0100")).toBe(true); // touches its first key
    expect(ranges.meets("0599", "0700")).toBe(true);
    expect(ranges.meets("0000", "9999")).toBe(true); // spans them all
  });

  it("says a batch between, before or after the loaded ranges meets none", () => {
    expect(ranges.meets("0251", "0499")).toBe(false);
    expect(ranges.meets("0000", "0099")).toBe(false);
    expect(ranges.meets("0600", "0700")).toBe(false);
  });

  it("knows nothing loaded when there is no import", () => {
    expect(new KeyRanges([]).meets("0000", "9999")).toBe(false);
  });

  it("reads a missing bound as unbounded on that side", () => {
    const open = new KeyRanges([{ min: "0500", max: null }, { min: null, max: "0100" }]);
    expect(open.meets("9000", "9001")).toBe(true);
    expect(open.meets("0000", "0001")).toBe(true);
    expect(open.meets("0200", "0300")).toBe(false);
    expect(new KeyRanges([{ min: null, max: null }]).meets("0200", "0300")).toBe(true);
  });
});
