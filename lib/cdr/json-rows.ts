// cdr rows sent to PostgreSQL as one JSON text and read back with json_to_recordset: the feed
// writer's encoding (lib/feeds/writer.ts), where a whole transaction goes in one simple-query
// message, which takes no parameters and no COPY data. JSON.stringify is the encoder, with
// NormalisedCdr's own keys; the column list below types each key as cdr's column.
// https://www.postgresql.org/docs/current/functions-json.html (json_to_recordset).
import { CDR_COPY_COLUMNS, REJECT_COPY_COLUMNS } from "./copy";

type CdrColumn = (typeof CDR_COPY_COLUMNS)[number];

/** camelCase of a column's name: NormalisedCdr's key for it. */
const keyOf = (column: string) => column.replace(/_(.)/g, (_, c: string) => c.toUpperCase());

const COLUMN_TYPES: Record<CdrColumn, string> = {
  line: "int",
  started_at: "timestamptz",
  answered_at: "timestamptz",
  ended_at: "timestamptz",
  duration_sec: "numeric",
  bill_sec: "numeric",
  caller_number: "text",
  caller_name: "text",
  caller_raw: "text",
  callee_number: "text",
  callee_raw: "text",
  endpoint: "text",
  disposition: '"CdrDisposition"',
  disposition_raw: "text",
  context: "text",
  unique_id: "text",
  linked_id: "text",
  natural_key: "text",
};

/** json_to_recordset's column definition list for recordsJson's text of NormalisedCdr rows: `… as s(${CDR_RECORDSET})`. */
export const CDR_RECORDSET = CDR_COPY_COLUMNS.map((c) => `"${keyOf(c)}" ${COLUMN_TYPES[c]}`).join(", ");

/** The recordset's values in CDR_COPY_COLUMNS order, from alias `s`, each line moved by `lineOffset` (an SQL expression). */
export const cdrRecordsetValues = (lineOffset: string) => CDR_COPY_COLUMNS.map((c) => (c === "line" ? `s.line + ${lineOffset}` : `s."${keyOf(c)}"`)).join(", ");

/** The same for RejectedRow (its keys are cdr_reject's columns). */
export const REJECT_RECORDSET = REJECT_COPY_COLUMNS.map((c) => `${c} ${c === "line" ? "int" : "text"}`).join(", ");

/** The key a value is read by in recordsJson's text, for a WHERE on the recordset. */
export const recordsetKey = (column: CdrColumn) => `s."${keyOf(column)}"`;

/**
 * Records as JSON text for json_to_recordset. A lone UTF-16 surrogate (a JSON push can carry
 * "\ud800" in a string) comes out of JSON.stringify as an escape that PostgreSQL's json refuses
 * (RFC 8259 §8.2 leaves it undefined), which would fail the whole statement: such text is kept
 * with U+FFFD in its place, as a file's invalid UTF-8 is (decode.ts). The test is on the JSON
 * text, so a well-formed batch pays one scan.
 */
export function recordsJson(records: readonly object[]): string {
  const json = JSON.stringify(records);
  if (!/\\ud[89a-f]/i.test(json)) return json;
  return JSON.stringify(records, (_, v: unknown) => (typeof v === "string" ? v.toWellFormed() : v));
}

/** The text as a dollar-quoted literal, with a tag it does not contain (the text is untrusted PBX data). */
export function dollarQuoted(body: string): string {
  let tag = "$j$";
  for (let i = 0; body.includes(tag); i++) tag = `$j${i}$`;
  return `${tag}${body}${tag}`;
}
