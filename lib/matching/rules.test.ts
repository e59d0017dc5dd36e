import { describe, expect, it } from "vitest";
import { cdrScannerSigns, computeFindings, fixedCadence, isScannerCallerId, type FindingRing } from "./rules.ts";

describe("isScannerCallerId", () => {
  it.each(["100", "1000", "1001", "sipvicious", "SIPVicious", "friendly-scanner", "", "  ", "1.1.1.1", "192.168.10.4", '"sipvicious"<sip:100@1.1.1.1>', "sip:100@example.com", "<1000>", "abc123", "sipsak"])(
    "%j is a scanner's",
    (id) => expect(isScannerCallerId(id)).toBe(true),
  );
  it.each(["+13125550199", "3125550199", "Acme Front Desk", "101", "2025", "Dr. Smith"])("%j is not", (id) => {
    expect(isScannerCallerId(id)).toBe(false);
  });
  it("treats a missing caller ID as empty", () => expect(isScannerCallerId(null)).toBe(true));
});

const cdr = (over: Partial<Parameters<typeof cdrScannerSigns>[0]> = {}) => ({
  callerNumber: "+13125550199",
  callerName: "Caller",
  callerRaw: '"Caller" <+13125550199>',
  context: "from-pstn",
  disposition: "ANSWERED",
  durationSec: 65,
  billSec: 60,
  ...over,
});

describe("cdrScannerSigns", () => {
  it("an ordinary answered call is not scanner traffic", () => {
    expect(cdrScannerSigns(cdr())).toEqual({ looksLikeScanner: false, signs: [] });
  });
  it("caller 100 / sipvicious is", () => {
    expect(cdrScannerSigns(cdr({ callerNumber: "100", callerRaw: '"" <100>', callerName: null })).looksLikeScanner).toBe(true);
    expect(cdrScannerSigns(cdr({ callerNumber: null, callerRaw: '"sipvicious" <sip:100@1.1.1.1>', callerName: "sipvicious" })).looksLikeScanner).toBe(true);
  });
  it("a 0 s failed call into `public` or `from-sip-external` is, with the signs in words", () => {
    const r = cdrScannerSigns(cdr({ context: "from-sip-external", disposition: "FAILED", durationSec: 0, billSec: 0 }));
    expect(r.looksLikeScanner).toBe(true);
    expect(r.signs).toEqual(['arrived in the unauthenticated context "from-sip-external"', "lasted 0 seconds", "failed"]);
    expect(cdrScannerSigns(cdr({ context: "public", disposition: "NO_ANSWER", billSec: 0, durationSec: 1 })).looksLikeScanner).toBe(true);
  });
  it("an empty caller ID needs the unauthenticated context", () => {
    expect(cdrScannerSigns(cdr({ callerNumber: null, callerName: null, callerRaw: "" })).looksLikeScanner).toBe(false);
    expect(cdrScannerSigns(cdr({ callerNumber: null, callerName: null, callerRaw: "", context: "public", billSec: 0, durationSec: 0 })).looksLikeScanner).toBe(true);
  });
  it("a 0 s call in from-pstn alone is not", () => {
    expect(cdrScannerSigns(cdr({ disposition: "NO_ANSWER", billSec: 0, durationSec: 0 })).looksLikeScanner).toBe(false);
  });
});

describe("fixedCadence", () => {
  const t = (min: number) => new Date(Date.UTC(2026, 0, 1) + min * 60_000);
  it("needs three rings with even gaps", () => {
    expect(fixedCadence([t(0), t(46)])).toBeNull();
    expect(fixedCadence([t(0), t(46), t(93), t(138)])).toEqual({ minutes: 46 });
    expect(fixedCadence([t(0), t(10), t(100)])).toBeNull();
  });
});

// 2026-01-15 09:12 UTC is 03:12 in Chicago (CST, UTC−6).
const at = (h: number, m: number, day = 15) => new Date(Date.UTC(2026, 0, day, h, m));
const ring = (account: string, ringAt: Date, verdict: FindingRing["verdict"], callerId: string | null = "+13125550199"): FindingRing => ({ account, ringAt, verdict, callerId });
const chicago = (account: string) => ({ account, timeZone: "America/Chicago" });

describe("computeFindings", () => {
  it("is NOT_INDICATED when every ring has a PBX record", () => {
    const [f] = computeFindings([chicago("A")], [ring("A", at(9, 12), "PBX_RECORD_FOUND", "100"), ring("A", at(10, 0), "PBX_RECORD_FOUND")]);
    expect(f).toMatchObject({ account: "A", level: "NOT_INDICATED", score: 0 });
    expect(f!.evidence.map((e) => e.text)).toEqual(["All 2 checked rings have a PBX record."]);
  });
  it("is NOT_INDICATED with no rings, or only uncovered ones", () => {
    const f = computeFindings([chicago("A"), chicago("B")], [ring("B", at(9, 0), "NO_COVERAGE")]);
    expect(f.map((x) => [x.level, x.score])).toEqual([["NOT_INDICATED", 0], ["NOT_INDICATED", 0]]);
    expect(f[1]!.evidence[0]!.text).toBe("1 ring could not be checked: no imported CDRs cover it.");
  });
  it("a daytime ring from a normal number without a record is POSSIBLE", () => {
    const [f] = computeFindings([chicago("A")], [ring("A", at(16, 0), "NO_PBX_RECORD"), ring("A", at(17, 0), "PBX_RECORD_FOUND")]);
    expect(f).toMatchObject({ level: "POSSIBLE", score: 40 });
    expect(f!.evidence[0]!.text).toBe("1 of 2 checked rings had no PBX record although the CDRs cover the time (2026-01-15 10:00 America/Chicago).");
  });
  it("night rings from scanner caller IDs at a fixed cadence are LIKELY_SCANNED, with each reason", () => {
    const rings = [ring("A", at(7, 0), "NO_PBX_RECORD", "100"), ring("A", at(7, 46), "NO_PBX_RECORD", "100"), ring("A", at(8, 32), "NO_PBX_RECORD", "sipvicious")];
    const [f] = computeFindings([chicago("A")], rings);
    expect(f!.level).toBe("LIKELY_SCANNED");
    expect(f!.evidence.map((e) => [e.rule, e.weight])).toEqual([
      ["noPbxRecord", 40],
      ["repeatedNoPbxRecord", 10],
      ["scannerCallerId", 25],
      ["night", 15],
      ["cadence", 15],
    ]);
    expect(f!.score).toBe(100);
    expect(f!.evidence[0]!.text).toContain("between 2026-01-15 01:00 and 2026-01-15 02:32 America/Chicago");
    expect(f!.evidence[2]!.text).toBe('3 rings without a PBX record showed a caller ID scanners send: "100", "sipvicious".');
  });
  it("reads night in the customer's zone, not UTC", () => {
    const [f] = computeFindings([{ account: "A", timeZone: "Asia/Tokyo" }], [ring("A", at(9, 12), "NO_PBX_RECORD")]);
    expect(f!.evidence.some((e) => e.rule === "night")).toBe(false); // 18:12 in Tokyo
  });
  it("reads local time across a DST change, on quarter-hour zones too", () => {
    // Chicago springs forward at 08:00 UTC on 2026-03-08 (02:00 CST becomes 03:00 CDT).
    const before = new Date(Date.UTC(2026, 2, 8, 7, 59));
    const after = new Date(Date.UTC(2026, 2, 8, 11, 30));
    const [f] = computeFindings([chicago("A")], [ring("A", before, "NO_PBX_RECORD"), ring("A", after, "NO_PBX_RECORD")]);
    expect(f!.evidence[0]!.text).toContain("between 2026-03-08 01:59 and 2026-03-08 06:30 America/Chicago");
    expect(f!.evidence.find((e) => e.rule === "night")!.text).toMatch(/^1 ring /);
    // Adelaide (UTC+10:30 in summer) falls back at 03:00 local = 16:30 UTC on 2026-04-04.
    const adelaide = [new Date(Date.UTC(2026, 3, 4, 16, 29)), new Date(Date.UTC(2026, 3, 4, 16, 31))];
    const [g] = computeFindings([{ account: "B", timeZone: "Australia/Adelaide" }], adelaide.map((d) => ring("B", d, "NO_PBX_RECORD")));
    expect(g!.evidence[0]!.text).toContain("between 2026-04-05 02:59 and 2026-04-05 02:01 Australia/Adelaide");
  });
  it("sees a sweep: rings without a record at other customers within minutes", () => {
    const rings = [ring("A", at(16, 0), "NO_PBX_RECORD"), ring("B", at(16, 4), "NO_PBX_RECORD"), ring("C", at(16, 30), "NO_PBX_RECORD"), ring("D", at(16, 1), "PBX_RECORD_FOUND")];
    const f = computeFindings([chicago("A"), chicago("B"), chicago("C")], rings);
    expect(f.map((x) => [x.account, x.score])).toEqual([["A", 60], ["B", 60], ["C", 40]]);
    expect(f[0]!.evidence.at(-1)!.text).toContain("Other customers (B) reported rings without a PBX record within 10 minutes");
  });
  it("mentions scanner traffic that reached the PBX without raising the level", () => {
    const [f] = computeFindings([chicago("A")], [{ ...ring("A", at(9, 0), "PBX_RECORD_FOUND", "100"), scannerReachedPbx: true }]);
    expect(f!.level).toBe("NOT_INDICATED");
    expect(f!.evidence.map((e) => e.rule)).toEqual(["allRecorded", "scannerReachedPbx"]);
  });
});
