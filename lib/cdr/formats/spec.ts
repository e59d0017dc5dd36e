// The contract between a format file (which columns mean what) and the shared normaliser.
import type { ColumnMapping, DateFormat, KnownCdrFormat, TimeZoneCheck } from "../schema";

/** A CDR's fields picked out of a CSV record, still as text ("" = absent). */
export interface RawCdr {
  start: string;
  answer: string;
  end: string;
  /** Seconds (`42`, `4.2`) or `H:MM:SS`. */
  duration: string;
  billsec: string;
  /** Text that may hold a whole caller ID: `"Name" <number>`, `<123> "Name"`, `sip:100@host`. */
  callerId: string;
  /** Dedicated number / name columns; win over what callerId holds. */
  callerNumber: string;
  callerName: string;
  callee: string;
  /** Channel (`PJSIP/202-0000001f`), `Ext.202` or extension of the device that rang. */
  endpoint: string;
  /** Kept verbatim in dispositionRaw. */
  disposition: string;
  /** What to classify, when it differs from `disposition` (CUCM's pair of cause codes). */
  dispositionCode: string;
  context: string;
  uniqueId: string;
  linkedId: string;
  /** UTC ms embedded in the CDR's id (Asterisk uniqueid, FS v1 uuid, 3CX callid), NaN if none. */
  idMs: number;
  /** The fields that tell this CDR apart from its siblings, joined by keyOf(). */
  key: string;
}

/** Joins natural-key material; U+001F cannot occur in CDR text, so joins are unambiguous. */
export function keyOf(...parts: string[]): string {
  return parts.join("\u001f");
}

/** One parsed CSV record of the detection sample. */
export interface SampleRecord {
  line: number;
  fields: string[];
}

/** Everything the parser needs to read the data rows of one file. */
export interface Layout {
  format: KnownCdrFormat;
  /** Rows sharing a natural-key family hash the same way (Asterisk, cdr_custom, FreePBX). */
  keyFamily: string;
  label: string;
  variant: string;
  columns: string[];
  /** Records before the data (header row; CUCM's optional datatype row). */
  headerRecords: number;
  /** Column counts a data row may have. */
  columnCounts: readonly number[];
  delimiter: string;
  dateFormat: DateFormat;
  zoneCheck: TimeZoneCheck["method"];
  /** Picks a record's fields; a string is a reject reason. */
  toRaw(fields: readonly string[]): RawCdr | string;
}

export type SniffResult = { layout: Layout; reason: string } | { error: string };

export interface FormatSpec {
  format: KnownCdrFormat;
  label: string;
  /**
   * Recognises the format from the first records of a file (decoded, header included). Cheap
   * structural test; detect.ts then scores it by normalising the sampled rows.
   */
  sniff(records: readonly SampleRecord[], mapping?: ColumnMapping): SniffResult;
}

/** "16, 17, 18 or 21". */
export function listCounts(counts: readonly number[]): string {
  if (counts.length === 1) return String(counts[0]);
  return `${counts.slice(0, -1).join(", ")} or ${counts[counts.length - 1]}`;
}

/** The most common column count among records (ties → first seen), and the first record with it. */
export function dominantCount(records: readonly SampleRecord[]): { count: number; first: SampleRecord } | null {
  const counts = new Map<number, number>();
  for (const r of records) counts.set(r.fields.length, (counts.get(r.fields.length) ?? 0) + 1);
  let best = -1;
  let bestN = 0;
  for (const [count, n] of counts) {
    if (n > bestN) {
      best = count;
      bestN = n;
    }
  }
  const first = records.find((r) => r.fields.length === best);
  return first === undefined ? null : { count: best, first };
}

/** Refusal text for a headerless format whose column count does not fit. */
export function wrongCountError(label: string, counts: readonly number[], record: SampleRecord): string {
  return `${listCounts(counts)} columns expected for ${label}, line ${record.line} has ${record.fields.length}`;
}

/**
 * The first record of the file's usual width, for a format whose rows all
 * have exactly `width` fields; otherwise the error naming the first row off it.
 */
export function fixedWidthSample(
  records: readonly SampleRecord[],
  label: string,
  width: number,
): { first: SampleRecord } | { error: string } {
  const dominant = dominantCount(records);
  if (dominant === null) return { error: "no records" };
  if (dominant.count !== width) {
    const bad = records.find((r) => r.fields.length !== width) ?? dominant.first;
    return { error: wrongCountError(label, [width], bad) };
  }
  return { first: dominant.first };
}

/** Case-insensitive header → index map (header cells are trimmed; CUCM quotes them, §1.7). */
export function headerIndex(header: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    if (!map.has(key)) map.set(key, i);
  });
  return map;
}

/** Builds a field getter for a column that may be missing (→ ""). */
export function column(index: number | undefined): (fields: readonly string[]) => string {
  if (index === undefined || index < 0) return () => "";
  return (fields) => fields[index] ?? "";
}

export const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
