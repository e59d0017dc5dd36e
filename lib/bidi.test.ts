import { describe, expect, it } from "vitest";
import { bidiParts, showBidiControls } from "./bidi.ts";

describe("[reliability: untrusted] direction controls in untrusted text", () => {
  it("leaves text without them as it is, right-to-left letters included", () => {
    expect(bidiParts("Acme Dental")).toEqual(["Acme Dental"]);
    expect(bidiParts("מרפאת שיניים")).toEqual(["מרפאת שיניים"]);
    expect(bidiParts("")).toEqual([""]);
    expect(showBidiControls("<img src=x onerror=alert(1)>")).toBe("<img src=x onerror=alert(1)>");
  });

  it("names an override instead of applying it", () => {
    expect(bidiParts("Master\u202Evsc.exe")).toEqual(["Master", { label: "[U+202E]", name: "RIGHT-TO-LEFT OVERRIDE" }, "vsc.exe"]);
    expect(showBidiControls("Master\u202Evsc.exe")).toBe("Master[U+202E]vsc.exe");
  });

  it("covers all nine explicit controls of UAX #9, at the ends and side by side", () => {
    const controls = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";
    expect(showBidiControls(controls)).toBe("[U+202A][U+202B][U+202C][U+202D][U+202E][U+2066][U+2067][U+2068][U+2069]");
    const parts = bidiParts(`\u2067x\u2069`);
    expect(parts).toEqual([{ label: "[U+2067]", name: "RIGHT-TO-LEFT ISOLATE" }, "x", { label: "[U+2069]", name: "POP DIRECTIONAL ISOLATE" }]);
    // Each part holds one control or none: nothing is applied in between.
    for (const part of bidiParts(`a${controls}b`)) if (typeof part === "string") expect(part).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });

  it("keeps the implicit marks (LRM, RLM, ALM), which cannot override a run", () => {
    expect(bidiParts("a\u200Eb\u200Fc\u061Cd")).toEqual(["a\u200Eb\u200Fc\u061Cd"]);
  });
});
