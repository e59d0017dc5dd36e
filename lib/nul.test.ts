import { describe, expect, it } from "vitest";
import { findNul, hasNul } from "./nul.ts";

describe("findNul", () => {
  it("gives the path of the first NUL in a value or a key", () => {
    expect(findNul({ account: "ACME", devices: [{ label: "ok" }, { label: "de\u0000sk" }] })).toEqual(["devices", 1, "label"]);
    expect(findNul([{ "ca\u0000ller": 1 }])).toEqual([0, "ca\u0000ller"]);
    expect(findNul("\u0000")).toEqual([]);
  });

  it("passes JSON without one, whatever its shape", () => {
    expect(findNul({ a: [1, null, true, "x", { b: "\u0001\uFFFD" }] })).toBeNull();
    expect(hasNul("\\u0000")).toBe(false);
  });
});
