// Isomorphic: CSV (RFC 4180) that is safe to open in a spreadsheet. Exports carry untrusted text
// (caller IDs, raw CDR lines, customer names from imported files): a cell starting with =, +, -, @
// (or a tab / CR, which some spreadsheets strip before reading a formula) gets a leading ' so it
// is read as text (OWASP "CSV injection").

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: neutralised, then quoted when it holds a quote, comma, CR or LF. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, CRLF-terminated. */
export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
