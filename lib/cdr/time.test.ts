import { describe, expect, it } from "vitest";
import {
  TIME_KIND,
  TimeZoneChecker,
  ZoneResolver,
  asteriskUniqueIdMs,
  parseWallClock,
  threeCxCallIdMs,
  uuidV1Ms,
  wallClockFlags,
} from "./time";

const iso = (ms: number) => new Date(ms).toISOString();

describe("parseWallClock", () => {
  it("reads the PBX layouts as wall-clock fields", () => {
    expect(iso(parseWallClock("2026-07-01 10:00:00", "ymd"))).toBe("2026-07-01T10:00:00.000Z");
    expect(iso(parseWallClock("2026/05/04 10:53:43", "ymd"))).toBe("2026-05-04T10:53:43.000Z");
    expect(iso(parseWallClock("2020/2/10 22:41", "ymd"))).toBe("2020-02-10T22:41:00.000Z");
    expect(iso(parseWallClock("01/07/2026 10:05", "dmy"))).toBe("2026-07-01T10:05:00.000Z");
    expect(iso(parseWallClock("7/1/2026 1:05:09 PM", "mdy"))).toBe("2026-07-01T13:05:09.000Z");
    expect(iso(parseWallClock("2026-07-01T10:00:00.5", "ymd"))).toBe("2026-07-01T10:00:00.500Z");
    expect(wallClockFlags.explicitOffset).toBe(false);
  });

  it("honours an explicit offset in the text", () => {
    expect(iso(parseWallClock("2026-07-01T10:00:00-05:00", "ymd"))).toBe("2026-07-01T15:00:00.000Z");
    expect(wallClockFlags.explicitOffset).toBe(true);
    expect(iso(parseWallClock("2026-07-01 10:00:00Z", "ymd"))).toBe("2026-07-01T10:00:00.000Z");
  });

  it("refuses impossible or malformed dates", () => {
    expect(parseWallClock("2026-02-30 10:00:00", "ymd")).toBeNaN();
    expect(parseWallClock("2026-13-01 10:00:00", "ymd")).toBeNaN();
    expect(parseWallClock("2026-07-01 25:00:00", "ymd")).toBeNaN();
    expect(parseWallClock("yesterday", "ymd")).toBeNaN();
    expect(parseWallClock("2026-07-01 10:00:00 junk", "ymd")).toBeNaN();
    expect(iso(parseWallClock("2024-02-29 00:00:00", "ymd"))).toBe("2024-02-29T00:00:00.000Z");
  });
});

describe("ZoneResolver", () => {
  it("converts ordinary local times", () => {
    const chicago = new ZoneResolver("America/Chicago");
    expect(iso(chicago.toUtc(Date.UTC(2026, 6, 1, 10)))).toBe("2026-07-01T15:00:00.000Z");
    expect(iso(chicago.toUtc(Date.UTC(2026, 0, 15, 10)))).toBe("2026-01-15T16:00:00.000Z");
    expect(chicago.kind).toBe(TIME_KIND.unique);
  });

  it("resolves an ambiguous fall-back time to its first occurrence and offers the second", () => {
    const chicago = new ZoneResolver("America/Chicago");
    const t = chicago.toUtc(Date.UTC(2026, 10, 1, 1, 30));
    expect(chicago.kind).toBe(TIME_KIND.ambiguous);
    expect(iso(t)).toBe("2026-11-01T06:30:00.000Z"); // 01:30 CDT
    expect(iso(chicago.alternative)).toBe("2026-11-01T07:30:00.000Z"); // 01:30 CST
    expect(iso(chicago.toUtc(Date.UTC(2026, 10, 1, 2, 30)))).toBe("2026-11-01T08:30:00.000Z");
    expect(chicago.kind).toBe(TIME_KIND.unique);
  });

  it("moves a nonexistent spring-forward time forward by the gap", () => {
    const berlin = new ZoneResolver("Europe/Berlin");
    const t = berlin.toUtc(Date.UTC(2026, 2, 29, 2, 30));
    expect(berlin.kind).toBe(TIME_KIND.nonexistent);
    expect(iso(t)).toBe("2026-03-29T01:30:00.000Z"); // = 03:30 CEST
    expect(iso(berlin.toUtc(Date.UTC(2026, 2, 29, 3, 30)))).toBe("2026-03-29T01:30:00.000Z");
    expect(iso(berlin.toUtc(Date.UTC(2026, 2, 29, 1, 30)))).toBe("2026-03-29T00:30:00.000Z");
  });

  it("handles half-hour zones", () => {
    expect(iso(new ZoneResolver("Asia/Kolkata").toUtc(Date.UTC(2026, 6, 1, 10)))).toBe("2026-07-01T04:30:00.000Z");
  });
});

describe("id timestamps", () => {
  it("reads Asterisk uniqueids, with or without systemname", () => {
    expect(iso(asteriskUniqueIdMs("1700000000.12"))).toBe("2023-11-14T22:13:20.000Z");
    expect(iso(asteriskUniqueIdMs("mainserverdss-1706420300.0"))).toBe("2024-01-28T05:38:20.000Z");
    expect(asteriskUniqueIdMs("abc")).toBeNaN();
  });

  it("reads FreeSWITCH v1 uuids and ignores v4", () => {
    // cdr-formats.md §0: docs sample uuid a5c9f6c0-e752-11e3-… decodes to 2014-05-29 16:59:50.6Z.
    expect(iso(uuidV1Ms("a5c9f6c0-e752-11e3-8a1b-0a0b0c0d0e0f"))).toBe("2014-05-29T16:59:50.606Z");
    expect(uuidV1Ms("3b241101-e2bb-4255-8caf-4136c566a962")).toBeNaN();
  });

  it("reads 3CX callids in both byte orders", () => {
    expect(iso(threeCxCallIdMs("00000171DEE41BB3_2501"))).toBe("2020-05-04T08:53:43.475Z");
    expect(iso(threeCxCallIdMs("4cc2c72490010000_26808"))).toBe("2024-06-17T05:59:49.580Z");
    expect(threeCxCallIdMs("nothex_1")).toBeNaN();
  });
});

describe("TimeZoneChecker", () => {
  it("infers the PBX offset and flags a wrong configured zone", () => {
    const check = new TimeZoneChecker("asterisk-uniqueid", "UTC");
    const wall = Date.UTC(2023, 6, 26, 1, 51, 32); // KelySaina: 01:51:32 local, uniqueid 22:51:32Z
    check.add(wall, wall, Date.UTC(2023, 6, 25, 22, 51, 32));
    const result = check.result();
    expect(result.inferredOffsetMinutes).toBe(180);
    expect(result.configuredOffsetMinutes).toBe(0);
    expect(result.verdict).toBe("disagrees");
  });
});
