// Isomorphic: the rejected rows of an import as CSV. Caller IDs and raw lines are untrusted:
// csvRow neutralises formula-like cells (lib/csv.ts).
import { csvRow } from "@/lib/csv.ts";

export const REJECTS_CSV_HEADER = ["line", "reason", "field", "raw"] as const;

export interface RejectCsvRow {
  line: number;
  reason: string;
  field: string | null;
  raw: string;
}

export function rejectCsvRow(r: RejectCsvRow): string {
  return csvRow([r.line, r.reason, r.field, r.raw]);
}
