// The verdict of a reported ring in words: a persisted verdict (evaluate.ts decides it, data.ts
// reads it) with its matched CDR, caveats, and what to import when nothing can be concluded.
// Pure: no database.
import { type Finding, type Verdict, cdrScannerSigns } from "./rules.ts";

export interface MatchedCdr {
  source: string;
  startedAt: string;
  /** started_at − ringAt, in seconds (negative: before the reported time). */
  offsetSeconds: number;
  caller: string;
  callerName: string | null;
  callee: string;
  endpoint: string | null;
  disposition: string;
  durationSec: number | null;
  billSec: number | null;
  context: string | null;
  /** The CDR looks like scanner traffic: the scanner reached the PBX itself. */
  scannerReachedPbx: boolean;
  scannerSigns: string[];
}

export interface ImportNeeded {
  source: string | null;
  from: string;
  to: string;
}

export interface RingVerdict {
  ticket: string | null;
  account: string;
  number: string;
  ringTime: string;
  verdict: Verdict;
  matchedCdr?: MatchedCdr;
  caveats?: string[];
  /** NO_COVERAGE: the CDRs to import (or the source to add, source null) to decide this ring. */
  importNeeded?: ImportNeeded[];
}

export interface VerdictsResult {
  verdicts: RingVerdict[];
  findings: Finding[];
}

export type SourceState = { source: string; covered: boolean; hasUnanswered: boolean };

/** A persisted verdict (report_verdict) with its report and the matched CDR's columns (m_*). */
export type VerdictRow = {
  ticket: string | null;
  account: string;
  number: string;
  ring_at: Date;
  window_minutes: number;
  verdict: Verdict;
  scanner_reached_pbx: boolean;
  sources: SourceState[] | string | null;
  m_source: string | null;
  m_started_at: Date | null;
  m_caller_number: string | null;
  m_caller_name: string | null;
  m_caller_raw: string | null;
  m_callee_raw: string | null;
  m_endpoint: string | null;
  m_disposition: string | null;
  m_duration_sec: number | null;
  m_bill_sec: number | null;
  m_context: string | null;
};

const iso = (d: Date) => d.toISOString();

/** A persisted verdict as the CLI, the API and the pages show it. */
export function verdictOf(row: VerdictRow): RingVerdict {
  const base = { ticket: row.ticket, account: row.account, number: row.number, ringTime: iso(row.ring_at) };
  const sources: SourceState[] = typeof row.sources === "string" ? JSON.parse(row.sources) : (row.sources ?? []);
  if (row.verdict === "PBX_RECORD_FOUND") {
    // The matched CDR is gone only if its source was deleted since: the verdict stands until re-evaluated.
    if (row.m_started_at === null) return { ...base, verdict: "PBX_RECORD_FOUND" };
    const signs = cdrScannerSigns({
      callerNumber: row.m_caller_number,
      callerName: row.m_caller_name,
      callerRaw: row.m_caller_raw ?? "",
      context: row.m_context,
      disposition: row.m_disposition ?? "OTHER",
      durationSec: row.m_duration_sec,
      billSec: row.m_bill_sec,
    });
    return {
      ...base,
      verdict: "PBX_RECORD_FOUND",
      matchedCdr: {
        source: row.m_source ?? "",
        startedAt: iso(row.m_started_at),
        offsetSeconds: Math.round((row.m_started_at.getTime() - row.ring_at.getTime()) / 1000),
        caller: row.m_caller_number ?? row.m_caller_raw ?? "",
        callerName: row.m_caller_name,
        callee: row.m_callee_raw ?? "",
        endpoint: row.m_endpoint,
        disposition: row.m_disposition ?? "OTHER",
        durationSec: row.m_duration_sec,
        billSec: row.m_bill_sec,
        context: row.m_context,
        scannerReachedPbx: row.scanner_reached_pbx,
        scannerSigns: signs.signs,
      },
      ...(row.scanner_reached_pbx
        ? { caveats: ["The PBX carried this call, but it looks like scanner traffic: the scanner reached the PBX itself."] }
        : {}),
    };
  }
  const window = {
    from: iso(new Date(row.ring_at.getTime() - row.window_minutes * 60_000)),
    to: iso(new Date(row.ring_at.getTime() + row.window_minutes * 60_000)),
  };
  const covering = sources.filter((s) => s.covered);
  if (row.verdict === "NO_COVERAGE") {
    if (sources.length === 0) {
      return {
        ...base,
        verdict: "NO_COVERAGE",
        caveats: [`${row.account} has no CDR source: add its PBX as a source and import its CDRs for ${window.from} to ${window.to}.`],
        importNeeded: [{ source: null, ...window }],
      };
    }
    return {
      ...base,
      verdict: "NO_COVERAGE",
      caveats: sources.map((s) => `No imported CDRs of ${s.source} cover the ring: import ${s.source}'s CDRs for ${window.from} to ${window.to}.`),
      importNeeded: sources.map((s) => ({ source: s.source, ...window })),
    };
  }
  const caveats: string[] = [];
  for (const s of covering.filter((s) => !s.hasUnanswered)) {
    caveats.push(
      `${s.source}'s CDRs contain no unanswered calls at all (Asterisk \`unanswered=no\`?): an unanswered call would not be recorded, so the missing record is weaker evidence.`,
    );
  }
  const uncovered = sources.filter((s) => !s.covered);
  for (const s of uncovered) caveats.push(`${s.source} has no imported CDRs for this time; import ${window.from} to ${window.to} to check it too.`);
  return {
    ...base,
    verdict: "NO_PBX_RECORD",
    ...(caveats.length > 0 ? { caveats } : {}),
    ...(uncovered.length > 0 ? { importNeeded: uncovered.map((s) => ({ source: s.source, ...window })) } : {}),
  };
}
