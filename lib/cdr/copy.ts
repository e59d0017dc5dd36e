// Postgres COPY … FROM STDIN (FORMAT text) payloads. Caller IDs, names and raw lines are
// untrusted PBX data, so every text value is escaped per the COPY text format: backslash, tab,
// newline and carriage return become \\ \t \n \r, null is \N
// (https://www.postgresql.org/docs/current/sql-copy.html, "Text Format").
import type { NormalisedCdr, RejectedRow } from "./schema";

type CopyValue = string | number | Date | null | undefined;

/**
 * Column order of the COPY text after the two leading ids (cdr.source_id, cdr.import_id; see
 * toCopyText): `COPY cdr (source_id, import_id, ${CDR_COPY_COLUMNS}) FROM STDIN`.
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

const textField = (v: string | null) => (v === null ? "\\N" : escapeText(v));
const pad2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));
const pad3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));
const DAY_MS = 86_400_000;
let isoDay = Number.NaN;
let isoDayPrefix = "";

/**
 * Date#toISOString's text, built from a cached `YYYY-MM-DDT` of the day: three times per row,
 * toISOString was the largest single cost of the COPY text. CDR files stay on one day for
 * thousands of rows.
 */
export function isoTime(date: Date): string {
  const ms = date.getTime();
  const day = Math.floor(ms / DAY_MS);
  if (day !== isoDay) {
    isoDay = day;
    isoDayPrefix = new Date(day * DAY_MS).toISOString().slice(0, -13);
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const sec = Math.floor(rest / 1000);
  return `${isoDayPrefix}${pad2[h]}:${pad2[m]}:${pad2[sec]}.${pad3[rest - sec * 1000]}Z`;
}

const timeField = (v: Date | null) => (v === null ? "\\N" : isoTime(v));
const secondsField = (v: number | null) => (v === null || !Number.isFinite(v) ? "\\N" : String(v));

/**
 * One row: the ids, then CDR_COPY_COLUMNS in order, written out field by field: the loader's hot
 * path (generic per-column getters, as the rejects use, cost about twice as much at a million rows).
 */
function cdrLine(r: NormalisedCdr, ids: string): string {
  return `${ids}${r.line}\t${isoTime(r.startedAt)}\t${timeField(r.answeredAt)}\t${timeField(r.endedAt)}\t${secondsField(r.durationSec)}\t${secondsField(r.billSec)}\t${textField(r.callerNumber)}\t${textField(r.callerName)}\t${textField(r.callerRaw)}\t${textField(r.calleeNumber)}\t${textField(r.calleeRaw)}\t${textField(r.endpoint)}\t${r.disposition}\t${textField(r.dispositionRaw)}\t${textField(r.context)}\t${textField(r.uniqueId)}\t${textField(r.linkedId)}\t${r.naturalKey}\n`;
}

/**
 * COPY text for a batch of rows (one Buffer; write it to a pg-copy-streams `from` stream): each
 * line is the source's and the import's ids, then CDR_COPY_COLUMNS. The ids are trusted uuids.
 */
export function toCopyText(rows: readonly NormalisedCdr[], ids: { sourceId: string; importId: string }): Buffer {
  const prefix = `${ids.sourceId}\t${ids.importId}\t`;
  let out = "";
  for (const row of rows) out += cdrLine(row, prefix);
  return Buffer.from(out, "utf8");
}

/**
 * COPY text for rejected rows: each line is the import's id, then REJECT_COPY_COLUMNS
 * (`COPY cdr_reject (import_id, ${REJECT_COPY_COLUMNS}) FROM STDIN`). The id is a trusted uuid.
 */
export function rejectsToCopyText(rejects: readonly RejectedRow[], importId: string): Buffer {
  return copyText(rejects, `${importId}\t`, REJECT_COPY_COLUMNS, REJECT_VALUES);
}
