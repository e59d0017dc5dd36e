import { describe, expect, it } from "vitest";
import { type VerdictRow, verdictOf } from "./verdicts.ts";

const ringAt = new Date("2026-07-01T15:00:00Z");
const noCdr = {
  m_source: null, m_started_at: null, m_caller_number: null, m_caller_name: null, m_caller_raw: null, m_callee_raw: null,
  m_endpoint: null, m_disposition: null, m_duration_sec: null, m_bill_sec: null, m_context: null,
};
const row = (over: Partial<VerdictRow>): VerdictRow => ({
  ticket: "T-1", account: "ACME", number: "101", ring_at: ringAt, window_minutes: 5,
  verdict: "NO_PBX_RECORD", scanner_reached_pbx: false, sources: [], ...noCdr, ...over,
});

describe("verdictOf (a stored verdict in words)", () => {
  it("shows the matched CDR, and says so when the stored flag says it was scanner traffic", () => {
    const v = verdictOf(row({
      verdict: "PBX_RECORD_FOUND", scanner_reached_pbx: true,
      m_source: "pbx", m_started_at: new Date(ringAt.getTime() - 90_000), m_caller_number: "100", m_caller_raw: '"" <100>',
      m_callee_raw: "101", m_disposition: "FAILED", m_duration_sec: 0, m_bill_sec: 0, m_context: "public",
    }));
    expect(v.matchedCdr).toMatchObject({ source: "pbx", offsetSeconds: -90, caller: "100", scannerReachedPbx: true });
    expect(v.matchedCdr!.scannerSigns).toContain("failed");
    expect(v.caveats).toEqual([expect.stringContaining("the scanner reached the PBX itself")]);
  });

  it("says which source and period to import for NO_COVERAGE, read from the stored JSON", () => {
    const v = verdictOf(row({ verdict: "NO_COVERAGE", sources: JSON.stringify([{ source: "pbx", covered: false, hasUnanswered: true }]) }));
    expect(v.importNeeded).toEqual([{ source: "pbx", from: "2026-07-01T14:55:00.000Z", to: "2026-07-01T15:05:00.000Z" }]);
  });

  it("weakens NO_PBX_RECORD on a covering source without unanswered calls, and names an uncovered one", () => {
    const v = verdictOf(row({
      sources: [{ source: "a", covered: true, hasUnanswered: false }, { source: "b", covered: false, hasUnanswered: true }],
    }));
    expect(v.caveats).toEqual([expect.stringContaining("a's CDRs contain no unanswered calls"), expect.stringContaining("b has no imported CDRs")]);
    expect(v.importNeeded).toEqual([{ source: "b", from: "2026-07-01T14:55:00.000Z", to: "2026-07-01T15:05:00.000Z" }]);
  });
});
