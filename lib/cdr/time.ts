// Date-time text → UTC. PBXs write local wall-clock time with no offset (cdr-formats.md §0:
// Asterisk cdr_csv/cdr_custom, FreeSWITCH mod_cdr_csv, FreePBX, 3CX v18), CUCM writes UTC epoch
// seconds (§1.7). The ids many PBXs put on each CDR embed a UTC timestamp, which lets us check
// the zone the user configured (§0 "infer it").
import { tzOffset } from "@date-fns/tz";
import type { DateFormat, TimeZoneCheck } from "./schema";

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const QUARTER_HOUR = 15 * MINUTE;

/** Set by parseWallClock: the text carried `Z`/`±hh:mm`, so its result is already UTC. */
export const wallClockFlags = { explicitOffset: false };

function digitsAt(s: string, from: number, min: number, max: number, out: { end: number }): number {
  let v = 0;
  let i = from;
  while (i < s.length && i - from < max) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    i++;
  }
  out.end = i;
  return i - from < min ? -1 : v;
}

const cursor = { end: 0 };

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(y: number, m: number): number {
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return leap ? 29 : (DAYS_IN_MONTH[m - 1] ?? 0);
}

/**
 * Parses `2024-01-31 13:05:09[.123][ PM][Z|±hh[:mm]]` (any of `-/.` between date parts, space or
 * `T` before the time, time optional) in the given field order. Returns the wall-clock time as
 * "UTC fields" ms (or a real UTC instant when an offset is present, see wallClockFlags), NaN if
 * the text is not a valid date. Hand-rolled: it runs 3× per row on the hot path.
 */
export function parseWallClock(text: string, order: "ymd" | "dmy" | "mdy"): number {
  wallClockFlags.explicitOffset = false;
  const s = text;
  const n = s.length;
  let i = 0;
  while (i < n && s.charCodeAt(i) === 32) i++;
  const parts = [0, 0, 0];
  for (let p = 0; p < 3; p++) {
    const yearPart = (order === "ymd" && p === 0) || (order !== "ymd" && p === 2);
    const v = digitsAt(s, i, yearPart ? 2 : 1, yearPart ? 4 : 2, cursor);
    if (v < 0) return NaN;
    const len = cursor.end - i;
    if (yearPart && len === 3) return NaN;
    parts[p] = yearPart && len === 2 ? 2000 + v : v;
    i = cursor.end;
    if (p < 2) {
      const sep = s.charCodeAt(i);
      if (sep !== 45 && sep !== 47 && sep !== 46) return NaN; // - / .
      i++;
    }
  }
  const [a = 0, b = 0, c = 0] = parts;
  const y = order === "ymd" ? a : c;
  const mo = order === "mdy" ? a : b;
  const d = order === "ymd" ? c : order === "dmy" ? a : b;
  let h = 0;
  let mi = 0;
  let sec = 0;
  let ms = 0;
  const sepT = s.charCodeAt(i);
  if (sepT === 32 || sepT === 84) {
    while (i < n && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 84)) i++;
    h = digitsAt(s, i, 1, 2, cursor);
    if (h < 0 || s.charCodeAt(cursor.end) !== 58) return NaN;
    mi = digitsAt(s, cursor.end + 1, 2, 2, cursor);
    if (mi < 0) return NaN;
    i = cursor.end;
    if (s.charCodeAt(i) === 58) {
      sec = digitsAt(s, i + 1, 2, 2, cursor);
      if (sec < 0) return NaN;
      i = cursor.end;
      const f = s.charCodeAt(i);
      if (f === 46 || f === 44) {
        const start = i + 1;
        const frac = digitsAt(s, start, 1, 9, cursor);
        if (frac < 0) return NaN;
        ms = Math.floor(frac / 10 ** (cursor.end - start - 3));
        i = cursor.end;
      }
    }
    while (i < n && s.charCodeAt(i) === 32) i++;
    const ap = i < n ? s.charCodeAt(i) | 32 : 0;
    if ((ap === 97 || ap === 112) && (s.charCodeAt(i + 1) | 32) === 109) {
      if (h < 1 || h > 12) return NaN;
      h = (h % 12) + (ap === 112 ? 12 : 0);
      i += 2;
      while (i < n && s.charCodeAt(i) === 32) i++;
    }
  }
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return NaN;
  let t = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  if (i < n) {
    const z = s.charCodeAt(i);
    if (z === 90 || z === 122) {
      i++;
      wallClockFlags.explicitOffset = true;
    } else if (z === 43 || z === 45) {
      const oh = digitsAt(s, i + 1, 2, 2, cursor);
      if (oh < 0) return NaN;
      i = cursor.end;
      if (s.charCodeAt(i) === 58) i++;
      const om = i < n ? digitsAt(s, i, 2, 2, cursor) : 0;
      if (om < 0) return NaN;
      if (i < n) i = cursor.end;
      t -= (z === 43 ? 1 : -1) * (oh * HOUR + om * MINUTE);
      wallClockFlags.explicitOffset = true;
    }
    while (i < n && s.charCodeAt(i) === 32) i++;
    if (i < n) return NaN;
  }
  return t;
}

/** Epoch seconds (CUCM; 0 = "never", §1.7) or milliseconds → UTC ms; NaN if not a number. */
export function parseEpoch(text: string, unit: "s" | "ms"): number {
  const t = text.trim();
  if (t === "" || !/^\d+(\.\d+)?$/.test(t)) return NaN;
  const v = Number(t);
  return unit === "s" ? Math.round(v * 1000) : Math.round(v);
}

export const TIME_KIND = { unique: 0, ambiguous: 1, nonexistent: 2 } as const;
type TimeKind = (typeof TIME_KIND)[keyof typeof TIME_KIND];

/**
 * Wall clock in an IANA zone → UTC, with a per-local-hour offset cache (tzOffset goes through
 * Intl and costs microseconds; CDR files revisit the same hours constantly).
 *
 * DST rule, documented for users: an ambiguous local time (fall back: America/Chicago
 * 2026-11-01 01:30 happens twice) resolves to its FIRST occurrence (the offset in force before
 * the change, like Temporal's "compatible"); a nonexistent one (spring forward: Europe/Berlin
 * 2026-03-29 02:30) is read with the pre-change offset, i.e. moved forward by the gap (03:30
 * CEST). Both set `kind` so the caller can warn; `alternative` holds the second occurrence.
 */
export class ZoneResolver {
  kind: TimeKind = TIME_KIND.unique;
  alternative = Number.NaN;
  private readonly hourOffsets = new Map<number, number>();

  constructor(readonly zone: string) {}

  /** Zone offset (ms, east positive) at a UTC instant. */
  offsetAt(utcMs: number): number {
    return tzOffset(this.zone, new Date(utcMs)) * MINUTE;
  }

  toUtc(wallMs: number): number {
    this.kind = TIME_KIND.unique;
    const hour = Math.floor(wallMs / HOUR);
    let offset = this.hourOffsets.get(hour);
    if (offset === undefined) {
      offset = this.uniformOffset(hour * HOUR);
      if (this.hourOffsets.size >= 100_000) this.hourOffsets.clear();
      this.hourOffsets.set(hour, offset);
    }
    return Number.isNaN(offset) ? this.resolveNearTransition(wallMs) : wallMs - offset;
  }

  /** The offset for a whole local hour when no transition is within a day of it, else NaN. */
  private uniformOffset(wallHourMs: number): number {
    const o = this.offsetAt(wallHourMs - this.offsetAt(wallHourMs));
    const t = wallHourMs - o;
    return this.offsetAt(t - DAY) === o && this.offsetAt(t + DAY) === o ? o : Number.NaN;
  }

  private resolveNearTransition(wallMs: number): number {
    const before = this.offsetAt(wallMs - DAY);
    const after = this.offsetAt(wallMs + DAY);
    const beforeFits = this.offsetAt(wallMs - before) === before;
    const afterFits = this.offsetAt(wallMs - after) === after;
    if (beforeFits && afterFits && before !== after) {
      this.kind = TIME_KIND.ambiguous;
      this.alternative = wallMs - after;
      return wallMs - before;
    }
    if (beforeFits) return wallMs - before;
    if (afterFits) return wallMs - after;
    this.kind = TIME_KIND.nonexistent;
    return wallMs - before;
  }
}

/** Reads one date-time field to a UTC instant according to the layout's date format. */
export class TimestampReader {
  /** Wall-clock ms of the last read (NaN for epoch/explicit-offset text): feeds the zone check. */
  wallMs = Number.NaN;

  constructor(
    private readonly format: DateFormat,
    readonly zone: ZoneResolver,
  ) {}

  /** UTC ms, or NaN if unparseable. Check `zone.kind` after a local-time read. */
  read(text: string): number {
    this.zone.kind = TIME_KIND.unique;
    switch (this.format) {
      case "epoch":
      case "epoch-ms":
        this.wallMs = Number.NaN;
        return parseEpoch(text, this.format === "epoch" ? "s" : "ms");
      default: {
        const wall = parseWallClock(text, this.format);
        if (Number.isNaN(wall) || wallClockFlags.explicitOffset) {
          this.wallMs = Number.NaN;
          return wall;
        }
        this.wallMs = wall;
        return this.zone.toUtc(wall);
      }
    }
  }
}

const PLAUSIBLE_FROM = Date.UTC(2000, 0, 1);
const PLAUSIBLE_TO = Date.UTC(2100, 0, 1);
const plausible = (ms: number) => (ms >= PLAUSIBLE_FROM && ms < PLAUSIBLE_TO ? ms : Number.NaN);

const ASTERISK_UNIQUEID = /^(?:.*-)?(\d{9,10})\.\d+$/;
/**
 * Asterisk uniqueid `1700000000.12` or `<systemname>-1700000000.12`: channel creation time as
 * UTC epoch seconds (cdr-formats.md §1.1 "uniqueid format"). NaN when absent.
 */
export function asteriskUniqueIdMs(uniqueId: string): number {
  const m = ASTERISK_UNIQUEID.exec(uniqueId);
  return m?.[1] === undefined ? Number.NaN : plausible(Number(m[1]) * 1000);
}

const UUID_V1 = /^([0-9a-f]{8})-([0-9a-f]{4})-1([0-9a-f]{3})-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** FreeSWITCH uuid when it is a version-1 (time-based) UUID: its UTC time (§0); NaN for v4. */
export function uuidV1Ms(uuid: string): number {
  const m = UUID_V1.exec(uuid);
  if (m === null) return Number.NaN;
  const ticks =
    parseInt(m[3] ?? "", 16) * 2 ** 48 + parseInt(m[2] ?? "", 16) * 2 ** 32 + parseInt(m[1] ?? "", 16);
  // 100 ns ticks since 1582-10-15 (RFC 9562 §5.1).
  return plausible(Math.round(ticks / 10_000 - 12_219_292_800_000));
}

const THREECX_CALLID = /^([0-9a-f]{16})_\d+$/i;
/**
 * 3CX callid `00000171DEE41BB3_2501`: the hex part is epoch milliseconds, big-endian in v16/v18
 * and little-endian in v20 (`4cc2c72490010000_26808` → 2024-06-17T05:59:49.58Z). Found by
 * comparing the saved samples' callids with their time-start; not documented by 3CX.
 */
export function threeCxCallIdMs(callId: string): number {
  const m = THREECX_CALLID.exec(callId);
  if (m?.[1] === undefined) return Number.NaN;
  const hex = m[1];
  const bigEndian = plausible(parseInt(hex, 16));
  if (!Number.isNaN(bigEndian)) return bigEndian;
  let le = "";
  for (let i = hex.length - 2; i >= 0; i -= 2) le += hex.slice(i, i + 2);
  return plausible(parseInt(le, 16));
}

function mode(counts: Map<number, number>): number | null {
  let best: number | null = null;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Compares each row's local start time with the UTC time embedded in its id. A CDR starts at
 * or a little after its channel was created, so (local − id) rounded to 15 minutes is the PBX's
 * UTC offset; it must equal the configured zone's offset at that instant.
 */
export class TimeZoneChecker {
  private samples = 0;
  private agreeing = 0;
  private readonly inferred = new Map<number, number>();
  private readonly configured = new Map<number, number>();

  constructor(
    private readonly method: TimeZoneCheck["method"],
    private readonly zone: string,
  ) {}

  add(wallMs: number, utcMs: number, idMs: number): void {
    if (Number.isNaN(idMs) || Number.isNaN(wallMs)) return;
    this.samples++;
    const inferred = (Math.round((wallMs - idMs) / QUARTER_HOUR) * QUARTER_HOUR) / MINUTE;
    const configured = Math.round((wallMs - utcMs) / MINUTE);
    if (inferred === configured) this.agreeing++;
    this.inferred.set(inferred, (this.inferred.get(inferred) ?? 0) + 1);
    this.configured.set(configured, (this.configured.get(configured) ?? 0) + 1);
  }

  result(): TimeZoneCheck {
    const base = { method: this.method, configuredZone: this.zone, samples: this.samples, agreeing: this.agreeing };
    if (this.method === "utc-times" || this.method === "none") {
      return {
        ...base,
        inferredOffsetMinutes: null,
        configuredOffsetMinutes: null,
        verdict: this.method === "utc-times" ? "not-applicable" : "unknown",
      };
    }
    return {
      ...base,
      inferredOffsetMinutes: mode(this.inferred),
      configuredOffsetMinutes: mode(this.configured),
      verdict: this.samples === 0 ? "unknown" : this.agreeing * 2 >= this.samples ? "agrees" : "disagrees",
    };
  }
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}
