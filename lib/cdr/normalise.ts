// Shared normalisation: numbers, caller IDs, dispositions, endpoints, durations, and the step
// from a format's RawCdr to a NormalisedCdr. Format files only pick columns.
import { hash } from "node:crypto";
import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js";
import type { RawCdr, Layout } from "./formats/spec";
import type { CdrWarningCode, Disposition, NormalisedCdr } from "./schema";
import { TIME_KIND, TimestampReader, TimeZoneChecker, ZoneResolver } from "./time";

const CACHE_LIMIT = 50_000;

/** A Map used as a bounded memo: cleared when full (distinct numbers in one file are few). */
function memo<V>(compute: (key: string) => V): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as V;
    const value = compute(key);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, value);
    return value;
  };
}

const EXT_FORM = /^ext\.?\s*(\d+)$/i;
const DIALLABLE = /^\+?\d+$/;
const VISUAL_SEPARATORS = /[\s().\-/]/g;

/** `sip:+1312…@host;user=phone`, `tel:+1312…` → the user part; other text unchanged. */
function uriUser(text: string): string {
  let s = text;
  const scheme = /^(sips?|tel):/i.exec(s);
  if (scheme !== null) s = s.slice(scheme[0].length);
  const at = s.indexOf("@");
  if (at >= 0 && (scheme !== null || at > 0)) s = s.slice(0, at);
  const semi = s.indexOf(";");
  return semi >= 0 ? s.slice(0, semi) : s;
}

function normaliseNumberUncached(raw: string, country: CountryCode | undefined): string | null {
  const user = uriUser(raw.trim());
  const ext = EXT_FORM.exec(user);
  if (ext?.[1] !== undefined) return ext[1]; // 3CX `Ext.610` (cdr-formats.md §1.5)
  const compact = user.replace(VISUAL_SEPARATORS, "");
  // Letters: Asterisk dst `s`, `anonymous`, scanner caller IDs like `abc123` (§4.2) — no number.
  if (!DIALLABLE.test(compact)) return null;
  // Extensions are 2–5 digits (§0); nothing that short is a possible national number either.
  if (!compact.startsWith("+") && compact.length <= 6) return compact;
  const parsed = parsePhoneNumberFromString(compact, country);
  // National forms must be valid for the country (scanner placeholders like `0000000000` are
  // "possible" US lengths); an explicit `+` only needs a possible length.
  if (parsed !== undefined && (compact.startsWith("+") ? parsed.isPossible() : parsed.isValid())) return parsed.number;
  // Dial-out prefixes (`9011441…`, §4.4 prefix sweeps) and unknown plans: keep what was dialled.
  return compact;
}

/**
 * Phone number → E.164 (`3125550101`, `13125550101`, `+1 312-555-0101` with country US all give
 * `+13125550101`); extensions stay digits; SIP/tel URIs and `Ext.123` are unwrapped; text that
 * is not a number gives null. Memoised per raw text: libphonenumber costs ~10 µs a call.
 */
export function createNumberNormaliser(defaultCountry?: CountryCode): (raw: string) => string | null {
  return memo((raw) => normaliseNumberUncached(raw, defaultCountry));
}

function unquote(text: string): string {
  const t = text.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
}

/**
 * Splits a caller ID: Asterisk clid `"Name" <number>` (empty name `"" <100>`), FreePBX's
 * reordered `<123> "Name"` for Hebrew names (§1.3), bare `<100>`, `"Name"`, or a bare number.
 */
export function splitCallerId(text: string): { name: string; number: string } {
  const lt = text.indexOf("<");
  const gt = lt >= 0 ? text.indexOf(">", lt + 1) : -1;
  if (gt > lt && lt >= 0) {
    return {
      number: text.slice(lt + 1, gt).trim(),
      name: unquote(`${text.slice(0, lt)} ${text.slice(gt + 1)}`),
    };
  }
  const t = text.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return { name: unquote(t), number: "" };
  return { name: "", number: t };
}

type DispositionRule = Disposition | "BY_ANSWER";

// Keys are upper-cased with everything but letters/digits removed, so `NO ANSWER`, `NO_ANSWER`
// and `NoAnswer` meet. Sources: Asterisk dispositions (§1.1), FreeSWITCH/Q.850 hangup causes
// (§1.4), 3CX reason-terminated (§1.5). BY_ANSWER: the value only says how the call ended, so
// whether it was answered decides.
const DISPOSITION_WORDS = new Map<string, DispositionRule>([
  ...["ANSWERED", "ANSWER"].map((w) => [w, "ANSWERED"] as const),
  ...["NORMALCLEARING", "NORMALUNSPECIFIED", "TERMINATEDBYSRC", "TERMINATEDBYDST", "CONNECTED", "COMPLETED", "SUCCESS"].map(
    (w) => [w, "BY_ANSWER"] as const,
  ),
  ...[
    "NOANSWER",
    "NOUSERRESPONSE",
    "ORIGINATORCANCEL",
    "CANCEL",
    "CANCELLED",
    "CANCELED",
    "FAILEDCANCELLED",
    "MISSED",
    "UNANSWERED",
    "NOTANSWERED",
    "ALLOTTEDTIMEOUT",
    "PICKEDOFF",
    "LOSERACE",
  ].map((w) => [w, "NO_ANSWER"] as const),
  ...["BUSY", "USERBUSY", "ROUTEBUSY"].map((w) => [w, "BUSY"] as const),
  ...[
    "FAILED",
    "CONGESTION",
    "CALLREJECTED",
    "REJECTED",
    "USERNOTREGISTERED",
    "UNALLOCATEDNUMBER",
    "NOROUTEDESTINATION",
    "NOROUTETRANSITNET",
    "NOROUTEEXISTS",
    "NOTAVAILABLE",
    "RECOVERYONTIMEREXPIRE",
    "INVALIDGATEWAY",
    "GATEWAYDOWN",
    "NORMALTEMPORARYFAILURE",
    "NORMALCIRCUITCONGESTION",
    "DESTINATIONOUTOFORDER",
    "INCOMPATIBLEDESTINATION",
    "SUBSCRIBERABSENT",
    "NETWORKOUTOFORDER",
    "SERVICEUNAVAILABLE",
    "INVALIDNUMBERFORMAT",
    "EXCHANGEROUTINGERROR",
    "MANDATORYIEMISSING",
    "FACILITYREJECTED",
    "NUMBERCHANGED",
    "MEDIATIMEOUT",
    "PROGRESSTIMEOUT",
    "INTERWORKING",
    "CHANUNAVAIL",
    "ERROR",
  ].map((w) => [w, "FAILED"] as const),
]);

function numericRule(code: number): DispositionRule {
  // SIP final responses (RFC 3261 §21).
  if (code >= 200 && code < 700) {
    if (code < 300) return "ANSWERED";
    if (code === 486 || code === 600) return "BUSY";
    if (code === 408 || code === 480 || code === 487) return "NO_ANSWER";
    return code < 400 ? "OTHER" : "FAILED";
  }
  // Q.850 cause values (CUCM origCause_value/destCause_value, §1.7).
  if (code === 0 || code === 16 || code === 31) return "BY_ANSWER";
  if (code === 17) return "BUSY";
  if (code === 18 || code === 19) return "NO_ANSWER";
  return code < 128 ? "FAILED" : "OTHER";
}

const dispositionRule = memo((code: string): DispositionRule => {
  const t = code.trim();
  if (t === "") return "BY_ANSWER";
  if (/^\d+$/.test(t)) return numericRule(Number(t));
  return DISPOSITION_WORDS.get(t.toUpperCase().replace(/[^A-Z0-9]/g, "")) ?? "OTHER";
});

/**
 * Maps a PBX's disposition / hangup cause / reason code to the five classes. `answered` (an
 * answer time or billable seconds exist) only matters for codes that describe how a call ended
 * rather than whether it was answered (NORMAL_CLEARING, TerminatedBySrc, Q.850 16, empty).
 */
export function classifyDisposition(code: string, answered: boolean): Disposition {
  const rule = dispositionRule(code);
  if (rule !== "BY_ANSWER") return rule;
  if (answered) return "ANSWERED";
  return code.trim() === "" ? "OTHER" : "NO_ANSWER";
}

const CHANNEL_SUFFIX = /-[0-9a-f]+(;\d+)?$/i;

/**
 * The device that rang, from an Asterisk channel name or an extension-ish value. Asterisk's dst
 * is often `s` or a DID, the ringing phone is in dstchannel (§1.1): `PJSIP/202-0000001f` → 202,
 * `SIP/trunk-00000a1b` → trunk, `Local/202@from-internal-00000012;1` → 202; `Ext.202` → 202.
 */
export function endpointOf(text: string): string | null {
  const t = text.trim();
  if (t === "") return null;
  const slash = t.indexOf("/");
  if (slash > 0 && !/^(sips?|tel):/i.test(t)) {
    let resource = t.slice(slash + 1);
    const at = resource.indexOf("@");
    resource = at >= 0 ? resource.slice(0, at) : resource.replace(CHANNEL_SUFFIX, "");
    return resource === "" ? null : resource;
  }
  const ext = EXT_FORM.exec(t);
  if (ext?.[1] !== undefined) return ext[1];
  const user = uriUser(t);
  return user === "" ? null : user;
}

/** `42`, `4.250` (cdr_custom `CDR(duration,f)`, §1.2) or `H:MM:SS` (3CX, §1.5) → seconds; NaN if not. */
export function parseSeconds(text: string): number {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  const m = /^(\d+):(\d{2}):(\d{2})$/.exec(t) ?? /^()(\d+):(\d{2})$/.exec(t);
  if (m === null) return Number.NaN;
  return Number(m[1] || 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** Seconds added so that wall clocks back to the year 1425 encode as non-negative hex. */
const KEY_TIME_BIAS = 2 ** 34;

/**
 * A CDR's natural key: its start (the wall clock as written in the file, or the epoch for
 * epoch/UTC formats: never the time zone's reading of it, so a re-import with another zone keeps
 * the key) in seconds as 10 hex digits, then the first 128 bits of the sha256 of the format
 * family and the fields that tell the CDR apart (`material`, which includes the start text).
 * The time comes first so that keys arrive nearly in order: inserts into the unique
 * (source_id, natural_key) index then append to a few leaf pages instead of landing on a random
 * one each (at a million rows the index no longer fits in shared_buffers; a random sha256 key
 * cost about a sixth more per insert already then). The prisma migration
 * 20261126110800_cdr_time_led_natural_keys rewrote earlier keys the same way.
 */
export function naturalKey(startSeconds: number, material: string): string {
  return (startSeconds + KEY_TIME_BIAS).toString(16).padStart(10, "0") + hash("sha256", material, "hex").slice(0, 32);
}

export interface RowProblem {
  reason: string;
  field: string;
}

export interface RowNormaliserOptions {
  timeZone: string;
  defaultCountry?: CountryCode;
  warn(code: CdrWarningCode, message: string, line: number, field?: string): void;
}

export interface RowNormaliser {
  normalise(raw: RawCdr, line: number): NormalisedCdr | RowProblem;
  readonly zoneCheck: TimeZoneChecker;
}

/** Time/zone state used to read one CDR's times consistently. */
function createTimeFields(layout: Layout, zone: ZoneResolver) {
  const reader = new TimestampReader(layout.dateFormat, zone);
  const epoch = layout.dateFormat === "epoch" || layout.dateFormat === "epoch-ms";
  return {
    reader,
    /** Optional time (answer/end): "" and CUCM's `0` mean "never" (§1.7). Picks the DST
     * occurrence not before `notBefore`, so a call crossing 02:00→01:00 ends after it starts. */
    read(text: string, notBefore: number): number | null {
      if (text === "" || (epoch && text.trim() === "0")) return null;
      const t = reader.read(text);
      if (zone.kind === TIME_KIND.ambiguous && t < notBefore && zone.alternative >= notBefore) {
        return zone.alternative;
      }
      return t;
    },
  };
}

export function createRowNormaliser(layout: Layout, options: RowNormaliserOptions): RowNormaliser {
  const zone = new ZoneResolver(options.timeZone);
  const times = createTimeFields(layout, zone);
  const number = createNumberNormaliser(options.defaultCountry);
  const zoneCheck = new TimeZoneChecker(layout.zoneCheck, options.timeZone);
  const keyPrefix = `${layout.keyFamily}\u001f`;

  function problem(field: string, what: string, text: string): RowProblem {
    return { field, reason: `${what} ${JSON.stringify(text)} is not a valid ${layout.dateFormat} date-time` };
  }

  function dstWarning(line: number, field: string, text: string, resolvedBy: string): void {
    if (zone.kind === TIME_KIND.ambiguous) {
      options.warn(
        "ambiguous-local-time",
        `${field} ${text} happens twice in ${options.timeZone} (DST ends); ${resolvedBy}`,
        line,
        field,
      );
    } else if (zone.kind === TIME_KIND.nonexistent) {
      options.warn(
        "nonexistent-local-time",
        `${field} ${text} does not exist in ${options.timeZone} (DST starts); read with the pre-change offset, i.e. moved forward by the gap`,
        line,
        field,
      );
    }
  }

  function normalise(raw: RawCdr, line: number): NormalisedCdr | RowProblem {
    if (raw.start.trim() === "") return { field: "start", reason: "start time is empty" };
    let start = times.reader.read(raw.start);
    if (Number.isNaN(start)) return problem("start", "start time", raw.start);
    const wall = times.reader.wallMs;
    if (zone.kind === TIME_KIND.ambiguous && !Number.isNaN(raw.idMs)) {
      // The id's UTC time tells which occurrence it was (channel created at or just before start).
      if (Math.abs(zone.alternative - raw.idMs) < Math.abs(start - raw.idMs)) start = zone.alternative;
      dstWarning(line, "start", raw.start, "resolved with the UTC time in the CDR's id");
    } else {
      dstWarning(line, "start", raw.start, "took the first occurrence");
    }
    zoneCheck.add(wall, start, raw.idMs);

    let answer: number | null = start;
    if (raw.answer !== raw.start) {
      answer = times.read(raw.answer, start);
      if (answer !== null && Number.isNaN(answer)) return problem("answer", "answer time", raw.answer);
      if (answer !== null) dstWarning(line, "answer", raw.answer, "took the occurrence not before start");
    }
    let end = times.read(raw.end, answer ?? start);
    if (end !== null && Number.isNaN(end)) return problem("end", "end time", raw.end);
    if (end !== null) dstWarning(line, "end", raw.end, "took the occurrence not before start");

    let duration: number | null = null;
    if (raw.duration.trim() !== "") {
      duration = parseSeconds(raw.duration);
      if (Number.isNaN(duration)) return { field: "duration", reason: `duration ${JSON.stringify(raw.duration)} is not a number of seconds` };
    }
    let billsec: number | null = null;
    if (raw.billsec.trim() !== "") {
      billsec = parseSeconds(raw.billsec);
      if (Number.isNaN(billsec)) return { field: "billsec", reason: `billsec ${JSON.stringify(raw.billsec)} is not a number of seconds` };
    }
    // Formats without some of the times (FreePBX has calldate only, §1.3) get them derived:
    // Asterisk defines duration = end − start and billsec = end − answer (§1.1).
    if (end === null && duration !== null) end = start + duration * 1000;
    if (duration === null && end !== null) duration = (end - start) / 1000;
    let answered = answer;
    if (billsec === null && answer !== null && end !== null) billsec = (end - answer) / 1000;
    if (answered === null && end !== null && billsec !== null && billsec > 0) answered = end - billsec * 1000;

    let callerNumberText = raw.callerNumber;
    let callerName = raw.callerName;
    if (raw.callerId !== "") {
      const split = splitCallerId(raw.callerId);
      if (callerNumberText === "") callerNumberText = split.number;
      if (callerName === "") callerName = split.name;
    }
    const dispositionRaw = raw.disposition;
    return {
      line,
      startedAt: new Date(start),
      answeredAt: answered === null ? null : new Date(answered),
      endedAt: end === null ? null : new Date(end),
      durationSec: duration,
      billSec: billsec,
      callerNumber: number(callerNumberText),
      callerName: callerName === "" ? null : callerName,
      callerRaw: raw.callerId === "" ? raw.callerNumber : raw.callerId,
      calleeNumber: number(raw.callee),
      calleeRaw: raw.callee,
      endpoint: endpointOf(raw.endpoint),
      disposition: classifyDisposition(
        raw.dispositionCode === "" ? dispositionRaw : raw.dispositionCode,
        answered !== null || (billsec ?? 0) > 0,
      ),
      dispositionRaw,
      context: raw.context === "" ? null : raw.context,
      uniqueId: raw.uniqueId === "" ? null : raw.uniqueId,
      linkedId: raw.linkedId === "" ? null : raw.linkedId,
      naturalKey: naturalKey(Math.floor((Number.isNaN(wall) ? start : wall) / 1000), keyPrefix + raw.key),
    };
  }

  return { normalise, zoneCheck };
}
