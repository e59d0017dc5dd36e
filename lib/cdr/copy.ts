// Postgres COPY … FROM STDIN (FORMAT text) payloads. Caller IDs, names and raw lines are
// untrusted PBX data, so every text value is escaped per the COPY text format: backslash, tab,
// newline and carriage return become \\ \t \n \r, null is \N
// (https://www.postgresql.org/docs/current/sql-copy.html, "Text Format").
import type { NormalisedCdr, RejectedRow } from "./schema";

type CopyValue = string | number | Date | null | undefined;

/** Staging-table column order for COPY: `COPY cdr_staging (${CDR_COPY_COLUMNS}) FROM STDIN`. */
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
export type CdrCopyColumn = (typeof CDR_COPY_COLUMNS)[number];

const CDR_VALUES: Record<CdrCopyColumn, (r: NormalisedCdr) => CopyValue> = {
  line: (r) => r.line,
  started_at: (r) => r.startedAt,
  answered_at: (r) => r.answeredAt,
  ended_at: (r) => r.endedAt,
  duration_sec: (r) => r.durationSec,
  bill_sec: (r) => r.billSec,
  caller_number: (r) => r.callerNumber,
  caller_name: (r) => r.callerName,
  caller_raw: (r) => r.callerRaw,
  callee_number: (r) => r.calleeNumber,
  callee_raw: (r) => r.calleeRaw,
  endpoint: (r) => r.endpoint,
  disposition: (r) => r.disposition,
  disposition_raw: (r) => r.dispositionRaw,
  context: (r) => r.context,
  unique_id: (r) => r.uniqueId,
  linked_id: (r) => r.linkedId,
  natural_key: (r) => r.naturalKey,
};

export const REJECT_COPY_COLUMNS = ["line", "raw", "reason", "field"] as const;
export type RejectCopyColumn = (typeof REJECT_COPY_COLUMNS)[number];

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
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPES, (c) => ESCAPED[c] ?? c) : value;
}

function copyText<T, C extends string>(items: readonly T[], columns: readonly C[], values: Record<C, (item: T) => CopyValue>): Buffer {
  const getters = columns.map((c) => values[c]);
  let text = "";
  for (const item of items) {
    for (let i = 0; i < getters.length; i++) {
      if (i > 0) text += "\t";
      text += copyValue(getters[i]?.(item));
    }
    text += "\n";
  }
  return Buffer.from(text, "utf8");
}

/** COPY text for a batch of rows (one Buffer; write it to a pg-copy-streams `from` stream). */
export function toCopyText(rows: readonly NormalisedCdr[], columns: readonly CdrCopyColumn[] = CDR_COPY_COLUMNS): Buffer {
  return copyText(rows, columns, CDR_VALUES);
}

/** COPY text for rejected rows, columns REJECT_COPY_COLUMNS. */
export function rejectsToCopyText(rejects: readonly RejectedRow[], columns: readonly RejectCopyColumn[] = REJECT_COPY_COLUMNS): Buffer {
  return copyText(rejects, columns, REJECT_VALUES);
}
