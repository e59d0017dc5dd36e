// Isomorphic: a queue view as CSV (RFC 4180). Customer names and accounts come from imported
// files, so every text cell goes through csvRow, which prefixes a cell starting with =, +, -, @,
// tab or CR with ' (OWASP "CSV injection") so a spreadsheet reads it as text, not a formula.
import { csvRow } from "@/lib/csv.ts";
import type { QueueRow } from "./schema.ts";

export const QUEUE_CSV_HEADER = [
  "account",
  "name",
  "level",
  "score",
  "rings_without_pbx_record_7d",
  "rings_without_pbx_record_30d",
  "last_ring_without_pbx_record_utc",
  "sweep_with",
  "case_number",
  "case_status",
  "recurrences",
  "assignee",
  "case_updated_utc",
  "device_vendors",
] as const;

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function queueCsvHeader(): string {
  return csvRow(QUEUE_CSV_HEADER);
}

export function queueCsvRow(r: QueueRow): string {
  return csvRow([
    r.account,
    r.name,
    r.level,
    r.score,
    r.rings7,
    r.rings30,
    iso(r.lastRingAt),
    r.sweepWith.join(" "),
    r.caseNumber,
    r.status,
    r.recurrences,
    r.assigneeName,
    iso(r.updatedAt),
    r.vendors.join(" "),
  ]);
}
