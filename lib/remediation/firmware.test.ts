import { describe, expect, it } from "vitest";
import { assertFirmwareRange, describeFirmwareRange, inFirmwareRange, parseFirmware, type ParsedFirmware } from "./firmware";

function parsed(format: "yealink" | "dotted", raw: string): ParsedFirmware {
  const result = parseFirmware(format, raw);
  if (!result) throw new Error(`could not parse ${raw}`);
  return result;
}

describe("parseFirmware", () => {
  it("reads the Yealink release train from field B, never field A", () => {
    expect(parseFirmware("yealink", "28.73.0.50")).toEqual({ raw: "28.73.0.50", version: [73, 0, 50], label: "V73", hardwareId: 28 });
    expect(parseFirmware("yealink", "96.86.0.70")).toEqual({ raw: "96.86.0.70", version: [86, 0, 70], label: "V86", hardwareId: 96 });
    expect(parseFirmware("yealink", " 66.84.0.10 ")?.label).toBe("V84");
  });

  it("accepts the Yealink V-number shorthand", () => {
    expect(parseFirmware("yealink", "V81")).toEqual({ raw: "V81", version: [81], label: "V81" });
    expect(parseFirmware("yealink", "v80")?.version).toEqual([80]);
  });

  it("rejects strings that are not Yealink firmware", () => {
    expect(parseFirmware("yealink", "28.73")).toBeNull();
    expect(parseFirmware("yealink", "73")).toBeNull();
    expect(parseFirmware("yealink", "")).toBeNull();
  });

  it("reads dotted versions with vendor prefixes and suffixes", () => {
    expect(parseFirmware("dotted", "SIP 3.1.6")?.version).toEqual([3, 1, 6]);
    expect(parseFirmware("dotted", "UCS 4.1.6.4835")?.version).toEqual([4, 1, 6, 4835]);
    expect(parseFirmware("dotted", "3.2.4B")).toEqual({ raw: "3.2.4B", version: [3, 2, 4], label: "3.2.4" });
    expect(parseFirmware("dotted", "sip88xx.11-3-7MPP")?.version).toEqual([11, 3, 7]);
    expect(parseFirmware("dotted", "latest")).toBeNull();
  });

  it("echoes any non-empty string in the free format", () => {
    expect(parseFirmware("free", "V0550 B0003")).toEqual({ raw: "V0550 B0003", version: null, label: "V0550 B0003" });
    expect(parseFirmware("free", "  ")).toBeNull();
  });
});

describe("inFirmwareRange", () => {
  it("separates Yealink V73, V80 and V81", () => {
    const upToV73 = { from: "V70", to: "V73" };
    const onlyV80 = { from: "V80", to: "V80" };
    const fromV81 = { from: "V81" };
    const cases: [string, boolean, boolean, boolean][] = [
      ["28.69.0.1", false, false, false],
      ["28.70.0.1", true, false, false],
      ["28.73.0.50", true, false, false],
      ["28.76.0.1", false, false, false],
      ["28.80.0.95", false, true, false],
      ["28.81.0.110", false, false, true],
      ["96.86.0.70", false, false, true],
    ];
    for (const [raw, a, b, c] of cases) {
      const fw = parsed("yealink", raw);
      expect([raw, inFirmwareRange("yealink", fw, upToV73), inFirmwareRange("yealink", fw, onlyV80), inFirmwareRange("yealink", fw, fromV81)]).toEqual([raw, a, b, c]);
    }
  });

  it("compares on the bound's length, so 'to 3.1' includes 3.1.6 and 'from 3.2' includes 3.2.0", () => {
    expect(inFirmwareRange("dotted", parsed("dotted", "3.1.6"), { to: "3.1" })).toBe(true);
    expect(inFirmwareRange("dotted", parsed("dotted", "3.2.0"), { to: "3.1" })).toBe(false);
    expect(inFirmwareRange("dotted", parsed("dotted", "3.2"), { from: "3.2" })).toBe(true);
    expect(inFirmwareRange("dotted", parsed("dotted", "3.1.99"), { from: "3.2" })).toBe(false);
    expect(inFirmwareRange("dotted", parsed("dotted", "4.1.6.4835"), { from: "1.4", to: "4.1.6" })).toBe(true);
    expect(inFirmwareRange("dotted", parsed("dotted", "4.1.7"), { from: "1.4", to: "4.1.6" })).toBe(false);
    expect(inFirmwareRange("dotted", parsed("dotted", "1.3.9"), { from: "1.4" })).toBe(false);
  });

  it("places nothing without a version in a range, and everything when there is no range", () => {
    const free = { raw: "x", version: null, label: "x" };
    expect(inFirmwareRange("free", free, { from: "1.0" })).toBe(false);
    expect(inFirmwareRange("free", free, undefined)).toBe(true);
  });
});

describe("describeFirmwareRange", () => {
  it("words ranges for messages", () => {
    expect(describeFirmwareRange(undefined)).toBe("all firmware");
    expect(describeFirmwareRange({ from: "V80", to: "V80" })).toBe("V80");
    expect(describeFirmwareRange({ from: "V70", to: "V73" })).toBe("V70 to V73");
    expect(describeFirmwareRange({ from: "V81" })).toBe("V81 and later");
    expect(describeFirmwareRange({ to: "3.1" })).toBe("3.1 and earlier");
  });
});

describe("assertFirmwareRange", () => {
  it("rejects bounds that are not versions of the vendor's format", () => {
    expect(() => assertFirmwareRange("yealink", { from: "73" })).toThrow('firmware bound "73" is not a yealink version');
    expect(() => assertFirmwareRange("dotted", { to: "3.1" })).not.toThrow();
  });
});
