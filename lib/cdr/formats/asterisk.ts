// Asterisk cdr_csv Master.csv: no header, 16 columns + uniqueid (loguniqueid) + userfield
// (loguserfield) + peeraccount/linkedid/sequence (newcdrcolumns) → 16, 17, 18 or 21 columns
// (cdr-formats.md §1.1, cdr_csv.c build_csv_record).
import { ASTERISK_FIELDS, asteriskColumns, asteriskToRaw } from "./asterisk-fields";
import { type FormatSpec, type Layout, LOCAL_DATETIME, dominantCount, wrongCountError } from "./spec";

const BASE = ASTERISK_FIELDS.slice(0, 16);
const LAYOUTS: Record<number, { columns: string[]; options: string }> = {
  16: { columns: [...BASE], options: "defaults" },
  18: { columns: [...BASE, "uniqueid", "userfield"], options: "loguniqueid, loguserfield" },
  21: {
    columns: [...BASE, "uniqueid", "userfield", "peeraccount", "linkedid", "sequence"],
    options: "loguniqueid, loguserfield, newcdrcolumns",
  },
};
const COUNTS = [16, 17, 18, 21] as const;
const LABEL = "Asterisk cdr_csv";
const UNIQUEID = /^(?:.*-)?\d{9,10}\.\d+$/;

export const asterisk: FormatSpec = {
  format: "asterisk",
  label: LABEL,
  sniff(records) {
    const dominant = dominantCount(records);
    if (dominant === null) return { error: "no records" };
    const bad = records.find((r) => !(COUNTS as readonly number[]).includes(r.fields.length));
    if (!(COUNTS as readonly number[]).includes(dominant.count)) {
      return { error: wrongCountError(LABEL, COUNTS, bad ?? dominant.first) };
    }
    const first = dominant.first;
    if (!LOCAL_DATETIME.test(first.fields[9] ?? "")) {
      return { error: `${LABEL} has the start time in column 10; line ${first.line} has ${JSON.stringify(first.fields[9] ?? "")}` };
    }
    // 17 columns is loguniqueid *or* loguserfield alone: tell them apart by the value's shape.
    const seventeen = records.find((r) => r.fields.length === 17);
    const extra17 = seventeen !== undefined && !UNIQUEID.test(seventeen.fields[16] ?? "") ? "userfield" : "uniqueid";
    const layouts = new Map<number, { columns: string[]; toRaw: ReturnType<typeof asteriskToRaw> }>();
    for (const count of COUNTS) {
      const columns = count === 17 ? [...BASE, extra17] : (LAYOUTS[count]?.columns ?? []);
      layouts.set(count, { columns, toRaw: asteriskToRaw(asteriskColumns(columns)) });
    }
    const main = layouts.get(dominant.count);
    if (main === undefined) return { error: "unreachable" };
    const layout: Layout = {
      format: "asterisk",
      keyFamily: "asterisk",
      label: LABEL,
      variant: `cdr_csv, ${dominant.count} columns (${dominant.count === 17 ? `log${extra17}` : LAYOUTS[dominant.count]?.options})`,
      columns: main.columns,
      headerRecords: 0,
      columnCounts: COUNTS,
      delimiter: ",",
      dateFormat: "ymd",
      zoneCheck: "asterisk-uniqueid",
      // Files appended across a cdr.conf change mix counts; every count is a prefix of the same order.
      toRaw: (fields) => (layouts.get(fields.length) ?? main).toRaw(fields),
    };
    return {
      layout,
      reason: `no header; ${dominant.count} columns with a start time in column 10`,
    };
  },
};
