// Postgres COPY … FROM STDIN payloads: the rejects in text format, the CDRs in binary (below).
// Caller IDs, names and raw lines are untrusted PBX data, so every text value of the text format
// is escaped: backslash, tab, newline and carriage return become \\ \t \n \r, null is \N
// (https://www.postgresql.org/docs/current/sql-copy.html, "Text Format").
import type { NormalisedCdr, RejectedRow } from "./schema";

type CopyValue = string | number | Date | null | undefined;

/**
 * Column order of a cdr COPY after the two leading ids (cdr.source_id, cdr.import_id; see
 * toCopyBinary): `COPY cdr (source_id, import_id, ${CDR_COPY_COLUMNS}) FROM STDIN`.
 */
export const CDR_COPY_COLUMNS = [
  "line",
  "started_at",
  "answered_at",
  "ended_at",
  "duration_sec",
  "bill_sec",
  "caller_number",
  "caller_name",
  "caller_raw",
  "callee_number",
  "callee_raw",
  "endpoint",
  "disposition",
  "disposition_raw",
  "context",
  "unique_id",
  "linked_id",
  "natural_key",
] as const;
export const REJECT_COPY_COLUMNS = ["line", "raw", "reason", "field"] as const;
type RejectCopyColumn = (typeof REJECT_COPY_COLUMNS)[number];

const REJECT_VALUES: Record<RejectCopyColumn, (r: RejectedRow) => CopyValue> = {
  line: (r) => r.line,
  raw: (r) => r.raw,
  reason: (r) => r.reason,
  field: (r) => r.field,
};

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES = /[\\\t\n\r]/g;
const ESCAPED: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** One value in COPY text form. NUL never reaches here: decode.ts replaces it (Postgres text cannot hold it). */
export function copyValue(value: CopyValue): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "\\N";
  if (value instanceof Date) return value.toISOString();
  return escapeText(value);
}

const escapeText = (v: string) => (NEEDS_ESCAPE.test(v) ? v.replace(ESCAPES, (c) => ESCAPED[c] ?? c) : v);

function copyText<T, C extends string>(items: readonly T[], prefix: string, columns: readonly C[], values: Record<C, (item: T) => CopyValue>): Buffer {
  const getters = columns.map((c) => values[c]);
  let text = "";
  for (const item of items) {
    text += prefix;
    for (let i = 0; i < getters.length; i++) {
      if (i > 0) text += "\t";
      text += copyValue(getters[i]?.(item));
    }
    text += "\n";
  }
  return Buffer.from(text, "utf8");
}

/**
 * COPY text for rejected rows: each line is the import's id, then REJECT_COPY_COLUMNS
 * (`COPY cdr_reject (import_id, ${REJECT_COPY_COLUMNS}) FROM STDIN`). The id is a trusted uuid.
 */
export function rejectsToCopyText(rejects: readonly RejectedRow[], importId: string): Buffer {
  return copyText(rejects, `${importId}\t`, REJECT_COPY_COLUMNS, REJECT_VALUES);
}

// COPY … FROM STDIN (FORMAT binary) for cdr rows: Postgres then parses no text (timestamps,
// numerics, uuids), about a sixth of its CPU for a load (1M rows: 8.8 s against 10.3 s, the
// backend's own CPU time). https://www.postgresql.org/docs/current/sql-copy.html "Binary Format";
// each type's bytes are its _send / _recv function's (src/backend/utils/adt).

/** The binary COPY's header: signature, flags (no OIDs), no header extension. */
export const BINARY_COPY_HEADER = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
/** The binary COPY's trailer: a tuple of field count -1. */
export const BINARY_COPY_TRAILER = Buffer.from([0xff, 0xff]);

/** Milliseconds from the Unix epoch to Postgres's (2000-01-01T00:00:00Z). */
const PG_EPOCH_MS = 946_684_800_000;
const FIELDS = 2 + CDR_COPY_COLUMNS.length;

/** Base-10000 digits of a numeric being written (BinaryWriter.seconds): at most 3 for numeric(12,3)'s whole part, 1 for its fraction. */
const NUMERIC_DIGITS = new Int32Array(8);

/**
 * A growable buffer the row encoder writes into. Bytes are set one by one rather than through
 * Buffer's writeInt32BE and write(): at a million rows those are 20 million calls each, with their
 * bounds checks and, for write(), a call into C++ for strings mostly a few characters long.
 */
class BinaryWriter {
  buf: Buffer;
  at = 0;
  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }
  room(n: number) {
    if (this.at + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }
  /** Big-endian, with room made by the caller; a typed array keeps the low 8 bits of each shift. */
  private put32(v: number) {
    const b = this.buf;
    const a = this.at;
    b[a] = v >>> 24;
    b[a + 1] = v >>> 16;
    b[a + 2] = v >>> 8;
    b[a + 3] = v;
    this.at = a + 4;
  }
  private put16(v: number) {
    const b = this.buf;
    b[this.at] = v >>> 8;
    b[this.at + 1] = v;
    this.at += 2;
  }
  int16(v: number) {
    this.room(2);
    this.put16(v);
  }
  int32(v: number) {
    this.room(4);
    this.put32(v);
  }
  bytes(b: Buffer) {
    this.room(4 + b.length);
    this.put32(b.length);
    this.at += b.copy(this.buf, this.at);
  }
  null() {
    this.int32(-1);
  }
  /** text (and an enum's label): its UTF-8 bytes; ASCII, nearly every field, copied here. */
  text(v: string | null) {
    if (v === null) return this.null();
    const n = v.length;
    this.room(4 + n * 3);
    const b = this.buf;
    const from = this.at + 4;
    let i = 0;
    if (n <= 64) {
      for (; i < n; i++) {
        const c = v.charCodeAt(i);
        if (c >= 0x80) break;
        b[from + i] = c;
      }
    }
    const length = i === n ? n : b.write(v, from, "utf8");
    this.put32(length);
    this.at = from + length;
  }
  /** timestamptz: microseconds since 2000-01-01 UTC as int64 (timestamp_send). */
  time(v: Date | null) {
    if (v === null) return this.null();
    const us = (v.getTime() - PG_EPOCH_MS) * 1000;
    this.room(12);
    this.put32(8);
    const hi = Math.floor(us / 0x1_0000_0000);
    this.put32(hi);
    this.put32(us - hi * 0x1_0000_0000);
  }
  /**
   * numeric (numeric_send): digit count, weight, sign, display scale, then base-10000 digits.
   * Seconds are rounded to the column's 3 decimals here, half up, as Postgres rounds a text
   * value into numeric(12,3). Values are never negative (load.ts fitsSeconds).
   */
  seconds(v: number | null) {
    if (v === null || !Number.isFinite(v)) return this.null();
    const millis = Math.round(v * 1000);
    const whole = Math.floor(millis / 1000);
    const frac = millis - whole * 1000;
    // The whole part's digits, most significant first: its first is never 0.
    let count = 0;
    for (let rest = whole; rest > 0; rest = Math.floor(rest / 10_000)) count++;
    const weight = count - 1;
    for (let rest = whole, j = count - 1; j >= 0; j--, rest = Math.floor(rest / 10_000)) NUMERIC_DIGITS[j] = rest % 10_000;
    if (frac > 0) NUMERIC_DIGITS[count++] = frac * 10;
    // No trailing zero digits (10000 s is one digit of weight 1).
    while (count > 0 && NUMERIC_DIGITS[count - 1] === 0) count--;
    this.room(4 + 8 + count * 2);
    this.put32(8 + count * 2);
    this.put16(count);
    this.put16(count === 0 ? 0 : weight);
    this.put16(0x0000);
    this.put16(frac > 0 ? 3 : 0);
    for (let j = 0; j < count; j++) this.put16(NUMERIC_DIGITS[j] ?? 0);
  }
}

/** A uuid's 16 bytes (uuid_send), from its text. */
function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replaceAll("-", ""), "hex");
}

/**
 * Binary COPY tuples for a batch of rows (no header or trailer: a COPY sends BINARY_COPY_HEADER
 * once, then any number of these, then BINARY_COPY_TRAILER), the ids, then CDR_COPY_COLUMNS.
 */
export function toCopyBinary(rows: readonly NormalisedCdr[], ids: { sourceId: string; importId: string }): Buffer {
  const source = uuidBytes(ids.sourceId);
  const imp = uuidBytes(ids.importId);
  const w = new BinaryWriter(rows.length * 320 + 64);
  for (const r of rows) {
    w.int16(FIELDS);
    w.bytes(source);
    w.bytes(imp);
    w.int32(4);
    w.int32(r.line);
    w.time(r.startedAt);
    w.time(r.answeredAt);
    w.time(r.endedAt);
    w.seconds(r.durationSec);
    w.seconds(r.billSec);
    w.text(r.callerNumber);
    w.text(r.callerName);
    w.text(r.callerRaw);
    w.text(r.calleeNumber);
    w.text(r.calleeRaw);
    w.text(r.endpoint);
    w.text(r.disposition);
    w.text(r.dispositionRaw);
    w.text(r.context);
    w.text(r.uniqueId);
    w.text(r.linkedId);
    w.text(r.naturalKey);
  }
  return w.buf.subarray(0, w.at);
}
