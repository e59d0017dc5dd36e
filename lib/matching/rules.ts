// The rules that turn verdicts into a per-customer finding, in one place with their weights.
// Pure: no database, no clock, no process time zone (times are read in the customer's zone).
// Sources for the scanner signs: /work/shared/notes/cdr-formats.md §4.
import { tzOffset } from "@date-fns/tz";

// --- Scanner caller IDs (§4.2, §4.3) ------------------------------------------------------------

/** Caller numbers the scanning tools send by default: SIPVicious svmap/SIPPTS `100`, fail2ban
 * logs' `1000`, `1001`, SIPVicious contact `123`, and those seen in real CDR samples (§4.4). */
export const SCANNER_CALLER_NUMBERS: ReadonlySet<string> = new Set(["100", "1000", "1001", "1002", "1009", "123", "2001"]);

/** Words in a caller ID / name that only scanning tools send (matched case-insensitively, as
 * whole caller IDs or substrings: `"sipvicious"<sip:100@1.1.1.1>`). */
export const SCANNER_CALLER_WORDS: readonly string[] = [
  "sipvicious",
  "friendly-scanner",
  "friendly-request",
  "sipsak",
  "sipcli",
  "sip-scan",
  "sipscan",
  "sundayddr",
  "iwar",
  "pplsip",
  "siparmyknife",
  "sipptk",
  "vaxsipuseragent",
  "@1.1.1.1",
];

/** Placeholder names scanners use as a caller ID (whole value only: `default` could be a word). */
const SCANNER_CALLER_NAMES: ReadonlySet<string> = new Set(["default", "abc123", "sipp", "anonymous-scanner"]);

const IPV4 = /(^|[^\d.])(\d{1,3}\.){3}\d{1,3}([^\d.]|$)/;
const IPV6 = /^\[?[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}\]?$/i;

/**
 * Whether a caller ID shown on the phone (or in a CDR) is one scanners send: the tools' default
 * numbers and names, empty, or an IP address instead of a number.
 */
export function isScannerCallerId(callerId: string | null | undefined): boolean {
  const text = (callerId ?? "").trim().replace(/^"(.*)"$/, "$1").trim();
  if (text === "") return true;
  const lower = text.toLowerCase();
  if (SCANNER_CALLER_WORDS.some((w) => lower.includes(w))) return true;
  if (SCANNER_CALLER_NAMES.has(lower)) return true;
  // `sip:100@host`, `<100>`, `100`: the user part.
  const user = lower.replace(/^.*</, "").replace(/>.*$/, "").replace(/^sips?:/, "").replace(/@.*$/, "");
  if (SCANNER_CALLER_NUMBERS.has(user)) return true;
  return IPV4.test(text) || IPV6.test(text);
}

// --- CDRs that look like scanner traffic (the scanner reached the PBX) ------------------------

/** Contexts where calls from unauthenticated / internet peers land (Asterisk, FreePBX). */
export const INBOUND_UNAUTHENTICATED_CONTEXTS: ReadonlySet<string> = new Set([
  "public",
  "default",
  "from-sip-external",
  "unauthenticated",
  "anonymous",
  "guest",
]);

export interface CdrSignsInput {
  callerNumber: string | null;
  callerName: string | null;
  callerRaw: string;
  context: string | null;
  disposition: string;
  durationSec: number | null;
  billSec: number | null;
}

/**
 * The signs that a CDR is scanner traffic that reached the PBX, in plain words. It looks like a
 * scanner when the caller ID is a scanner's, or when an unanswered 0-second call came in
 * through an unauthenticated inbound context.
 */
export function cdrScannerSigns(cdr: CdrSignsInput): { looksLikeScanner: boolean; signs: string[] } {
  const signs: string[] = [];
  // An empty caller ID alone is common on real calls (withheld numbers), so it needs the context.
  const shown = (t: string | null) => t !== null && t.trim() !== "" && !/^"?\s*"?\s*(<\s*>)?$/.test(t.trim());
  const callerText = cdr.callerNumber ?? cdr.callerRaw;
  const callerIsScanner =
    (shown(callerText) && isScannerCallerId(callerText)) || (shown(cdr.callerName) && isScannerCallerId(cdr.callerName));
  if (callerIsScanner) signs.push(`caller ID ${JSON.stringify(cdr.callerRaw)} is one scanners send`);
  const inbound = cdr.context !== null && INBOUND_UNAUTHENTICATED_CONTEXTS.has(cdr.context.trim().toLowerCase());
  if (inbound) signs.push(`arrived in the unauthenticated context ${JSON.stringify(cdr.context)}`);
  const zeroSeconds = (cdr.billSec ?? 0) === 0 && (cdr.durationSec ?? 0) <= 2;
  if (zeroSeconds) signs.push("lasted 0 seconds");
  const unanswered = cdr.disposition === "FAILED" || cdr.disposition === "NO_ANSWER";
  if (cdr.disposition === "FAILED") signs.push("failed");
  return { looksLikeScanner: callerIsScanner || (inbound && (zeroSeconds || unanswered)), signs };
}

// --- Per-customer finding --------------------------------------------------------------------

export type Verdict = "PBX_RECORD_FOUND" | "NO_PBX_RECORD" | "NO_COVERAGE";
export type FindingLevel = "LIKELY_SCANNED" | "POSSIBLE" | "NOT_INDICATED";

/** Points each piece of evidence adds to a customer's score (capped at 100). */
export const WEIGHTS = {
  /** At least one reported ring had no PBX record although the CDRs cover it. */
  noPbxRecord: 40,
  /** Three or more such rings. */
  repeatedNoPbxRecord: 10,
  /** A ring without a PBX record showed a scanner's caller ID. */
  scannerCallerId: 25,
  /** A ring without a PBX record came at night (00:00–06:00) in the customer's zone. */
  night: 15,
  /** Rings without a PBX record came at a fixed cadence. */
  cadence: 15,
  /** Other customers had rings without a PBX record within SWEEP_MINUTES. */
  sweep: 20,
} as const;

/** Score from which the level is LIKELY_SCANNED; below it (with a ring lacking a record) POSSIBLE. */
export const LIKELY_SCANNED_FROM = 60;
/** Night in the customer's zone: hours [NIGHT_FROM_HOUR, NIGHT_TO_HOUR). */
export const NIGHT_FROM_HOUR = 0;
export const NIGHT_TO_HOUR = 6;
/** Rings at different customers this close together form a sweep. */
export const SWEEP_MINUTES = 10;
/** A cadence needs this many rings; gaps may differ by max(CADENCE_TOLERANCE_MINUTES, 15 %). */
export const CADENCE_MIN_RINGS = 3;
export const CADENCE_TOLERANCE_MINUTES = 2;

export interface FindingRing {
  account: string;
  ringAt: Date;
  verdict: Verdict;
  callerId: string | null;
  /** PBX_RECORD_FOUND whose CDR looks like scanner traffic. */
  scannerReachedPbx?: boolean;
}

export interface Evidence {
  rule: keyof typeof WEIGHTS | "allRecorded" | "noRings" | "noCoverage" | "scannerReachedPbx";
  weight: number;
  text: string;
}

export interface Finding {
  account: string;
  level: FindingLevel;
  score: number;
  evidence: Evidence[];
}

/** What the queue sorts and filters on, stored beside the finding (customer_finding). */
export interface FindingFacts {
  noRecordRings: number;
  firstNoRecordAt: Date | null;
  lastNoRecordAt: Date | null;
  /** Accounts of the other customers in a sweep with this one. */
  sweepWith: string[];
}

export type FindingWithFacts = Finding & { facts: FindingFacts };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const QUARTER_HOUR = 15 * 60_000;

/**
 * Wall-clock times in a zone, the zone's offset looked up once per quarter hour: every zone's
 * offset is a whole number of quarter hours and changes on one, and a lookup through Intl costs
 * microseconds, which 100k rings multiply into seconds (bench:match).
 */
function zoneClock() {
  const offsets = new Map<string, number>();
  const wallClock = (d: Date, timeZone: string): Date => {
    const ms = d.getTime();
    const key = `${timeZone} ${Math.floor(ms / QUARTER_HOUR)}`;
    let offset = offsets.get(key);
    if (offset === undefined) {
      offset = tzOffset(timeZone, new Date(Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR)) * 60_000;
      offsets.set(key, offset);
    }
    // The local time read through the UTC fields.
    return new Date(ms + offset);
  };
  return {
    hour: (d: Date, timeZone: string) => wallClock(d, timeZone).getUTCHours(),
    /** "yyyy-MM-dd HH:mm" in the zone. */
    when: (d: Date, timeZone: string) => wallClock(d, timeZone).toISOString().slice(0, 16).replace("T", " "),
  };
}

/** Rings at a fixed cadence: ≥ CADENCE_MIN_RINGS, all gaps within tolerance of each other. */
export function fixedCadence(times: Date[]): { minutes: number } | null {
  if (times.length < CADENCE_MIN_RINGS) return null;
  const sorted = times.map((t) => t.getTime()).sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((t, i) => (t - sorted[i]!) / 60_000);
  const min = Math.min(...gaps);
  const max = Math.max(...gaps);
  if (min <= 0) return null;
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  if (max - min > Math.max(CADENCE_TOLERANCE_MINUTES, 0.15 * mean)) return null;
  return { minutes: Math.round(mean) };
}

/** Index of the first ring at or after `time` in rings sorted by time. */
function firstAtOrAfter(sorted: readonly FindingRing[], time: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.ringAt.getTime() < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One finding per customer from their rings' verdicts. `rings` may include other customers'
 * rings (they are needed to see sweeps); `customers` says whom to report on and in which zone.
 */
export function computeFindings(customers: { account: string; timeZone: string }[], rings: FindingRing[]): FindingWithFacts[] {
  // Indexed once, not filtered per customer: at 20k customers and 100k rings
  // a per-customer scan was billions of steps (bench:match).
  const byTime = (a: FindingRing, b: FindingRing) => a.ringAt.getTime() - b.ringAt.getTime();
  const ringsOf = new Map<string, FindingRing[]>();
  for (const r of rings) {
    const list = ringsOf.get(r.account);
    if (list) list.push(r);
    else ringsOf.set(r.account, [r]);
  }
  const allNoRecord = rings.filter((r) => r.verdict === "NO_PBX_RECORD").sort(byTime);
  const { hour: localHour, when } = zoneClock();
  return customers.map((customer) => {
    const tz = customer.timeZone;
    const own = [...(ringsOf.get(customer.account) ?? [])].sort(byTime);
    const evidence: Evidence[] = [];
    const noRecord = own.filter((r) => r.verdict === "NO_PBX_RECORD");
    const found = own.filter((r) => r.verdict === "PBX_RECORD_FOUND");
    const uncovered = own.filter((r) => r.verdict === "NO_COVERAGE");
    const reached = found.filter((r) => r.scannerReachedPbx === true);

    if (own.length === 0) evidence.push({ rule: "noRings", weight: 0, text: "No rings reported." });
    if (uncovered.length > 0) {
      evidence.push({
        rule: "noCoverage",
        weight: 0,
        text: `${plural(uncovered.length, "ring")} could not be checked: no imported CDRs cover ${uncovered.length === 1 ? "it" : "them"}.`,
      });
    }
    if (reached.length > 0) {
      evidence.push({
        rule: "scannerReachedPbx",
        weight: 0,
        text: `${plural(reached.length, "ring")} went through the PBX on a call that looks like scanner traffic: the PBX itself is reachable by scanners.`,
      });
    }
    if (noRecord.length === 0) {
      if (found.length > 0) {
        evidence.unshift({
          rule: "allRecorded",
          weight: 0,
          text: `All ${plural(found.length, "checked ring")} ${found.length === 1 ? "has" : "have"} a PBX record.`,
        });
      }
      return {
        account: customer.account,
        level: "NOT_INDICATED",
        score: 0,
        evidence,
        facts: { noRecordRings: 0, firstNoRecordAt: null, lastNoRecordAt: null, sweepWith: [] },
      };
    }

    const first = noRecord[0]!.ringAt;
    const last = noRecord[noRecord.length - 1]!.ringAt;
    const checked = noRecord.length + found.length;
    evidence.push({
      rule: "noPbxRecord",
      weight: WEIGHTS.noPbxRecord,
      text:
        `${noRecord.length} of ${plural(checked, "checked ring")} had no PBX record although the CDRs cover the time` +
        (noRecord.length === 1 ? ` (${when(first, tz)} ${tz}).` : `, between ${when(first, tz)} and ${when(last, tz)} ${tz}.`),
    });
    if (noRecord.length >= 3) {
      evidence.push({ rule: "repeatedNoPbxRecord", weight: WEIGHTS.repeatedNoPbxRecord, text: `It happened ${noRecord.length} times.` });
    }
    const scannerIds = noRecord.filter((r) => r.callerId !== null && isScannerCallerId(r.callerId));
    if (scannerIds.length > 0) {
      const ids = [...new Set(scannerIds.map((r) => JSON.stringify(r.callerId)))].join(", ");
      evidence.push({
        rule: "scannerCallerId",
        weight: WEIGHTS.scannerCallerId,
        text: `${plural(scannerIds.length, "ring")} without a PBX record showed a caller ID scanners send: ${ids}.`,
      });
    }
    const night = noRecord.filter((r) => {
      const h = localHour(r.ringAt, tz);
      return h >= NIGHT_FROM_HOUR && h < NIGHT_TO_HOUR;
    });
    if (night.length > 0) {
      evidence.push({
        rule: "night",
        weight: WEIGHTS.night,
        text: `${plural(night.length, "ring")} without a PBX record came at night (${String(NIGHT_FROM_HOUR).padStart(2, "0")}:00–${String(NIGHT_TO_HOUR).padStart(2, "0")}:00 ${tz}).`,
      });
    }
    const cadence = fixedCadence(noRecord.map((r) => r.ringAt));
    if (cadence !== null) {
      evidence.push({
        rule: "cadence",
        weight: WEIGHTS.cadence,
        text: `The rings without a PBX record repeat at a fixed cadence of about ${plural(cadence.minutes, "minute")}.`,
      });
    }
    const sweepWith = new Set<string>();
    const span = SWEEP_MINUTES * 60_000;
    for (const r of noRecord) {
      // allNoRecord is sorted by time: find the window's start, walk to its end.
      const t = r.ringAt.getTime();
      for (let i = firstAtOrAfter(allNoRecord, t - span); i < allNoRecord.length; i++) {
        const o = allNoRecord[i]!;
        if (o.ringAt.getTime() > t + span) break;
        if (o.account !== customer.account) sweepWith.add(o.account);
      }
    }
    if (sweepWith.size > 0) {
      evidence.push({
        rule: "sweep",
        weight: WEIGHTS.sweep,
        text: `Other customers (${[...sweepWith].sort().join(", ")}) reported rings without a PBX record within ${SWEEP_MINUTES} minutes of these: a sweep across customers.`,
      });
    }
    const score = Math.min(100, evidence.reduce((sum, e) => sum + e.weight, 0));
    return {
      account: customer.account,
      level: score >= LIKELY_SCANNED_FROM ? "LIKELY_SCANNED" : "POSSIBLE",
      score,
      evidence,
      facts: { noRecordRings: noRecord.length, firstNoRecordAt: first, lastNoRecordAt: last, sweepWith: [...sweepWith].sort() },
    };
  });
}
