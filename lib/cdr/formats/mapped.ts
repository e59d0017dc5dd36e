// Any other CSV, read through the column mapping saved on the source (issue: "which column is
// start time, caller, callee, disposition, duration, unique id; date format; time zone").
import { type ColumnMapping, MAPPING_FIELDS, type MappingField } from "../schema";
import { asteriskUniqueIdMs } from "../time";
import { type FormatSpec, type SampleRecord, column, dominantCount, headerIndex, keyOf } from "./spec";

const LABEL = "mapped CSV";

function describe(ref: string | number): string {
  return typeof ref === "number" ? `column ${ref} (0-based)` : `column ${JSON.stringify(ref)}`;
}

/** Resolves every mapped column to an index, or explains which one does not exist. */
function resolveColumns(
  mapping: ColumnMapping,
  records: readonly SampleRecord[],
): { indexes: Partial<Record<MappingField, number>>; width: number; names: string[] } | { error: string } {
  const header = mapping.hasHeader ? records[0] : undefined;
  if (mapping.hasHeader && header === undefined) return { error: "the mapping expects a header row but the file has no records" };
  const width = header?.fields.length ?? dominantCount(records)?.count ?? 0;
  const names = header?.fields.map((f) => f.trim()) ?? Array.from({ length: width }, (_, i) => `column ${i}`);
  const byName = headerIndex(names);
  const indexes: Partial<Record<MappingField, number>> = {};
  for (const field of MAPPING_FIELDS) {
    const ref = mapping[field];
    if (ref === undefined) continue;
    const index = typeof ref === "number" ? ref : byName.get(ref.trim().toLowerCase());
    if (index === undefined || index >= width) {
      const where = header === undefined ? `the file has ${width} columns` : `the header has: ${names.join(", ")}`;
      return { error: `the mapping puts ${field} in ${describe(ref)}, but ${where}` };
    }
    indexes[field] = index;
  }
  return { indexes, width, names };
}

export const mapped: FormatSpec = {
  format: "mapped",
  label: LABEL,
  sniff(records, mapping) {
    if (mapping === undefined) return { error: "format mapped needs a column mapping" };
    const resolved = resolveColumns(mapping, records);
    if ("error" in resolved) return resolved;
    const get = {} as Record<MappingField, (fields: readonly string[]) => string>;
    for (const field of MAPPING_FIELDS) get[field] = column(resolved.indexes[field]);
    const data = records.slice(mapping.hasHeader ? 1 : 0);
    const asteriskIds = data.some((r) => !Number.isNaN(asteriskUniqueIdMs(get.uniqueId(r.fields))));
    const epoch = mapping.dateFormat === "epoch" || mapping.dateFormat === "epoch-ms";
    return {
      layout: {
        format: "mapped",
        keyFamily: "mapped",
        label: LABEL,
        variant: `${mapping.hasHeader ? "header row" : "no header"}, ${resolved.width} columns, ${mapping.dateFormat} dates`,
        columns: resolved.names,
        headerRecords: mapping.hasHeader ? 1 : 0,
        columnCounts: [resolved.width],
        delimiter: mapping.delimiter,
        dateFormat: mapping.dateFormat,
        zoneCheck: epoch ? "utc-times" : asteriskIds ? "asterisk-uniqueid" : "none",
        toRaw: (f) => {
          const uniqueId = get.uniqueId(f);
          const start = get.start(f);
          const caller = get.caller(f);
          const callee = get.callee(f);
          const disposition = get.disposition(f);
          return {
            start,
            answer: get.answer(f),
            end: get.end(f),
            duration: get.duration(f),
            billsec: get.billsec(f),
            callerId: caller,
            callerNumber: "",
            callerName: get.callerName(f),
            callee,
            endpoint: get.endpoint(f),
            disposition,
            dispositionCode: "",
            context: get.context(f),
            uniqueId,
            linkedId: get.linkedId(f),
            idMs: asteriskUniqueIdMs(uniqueId),
            key: keyOf(uniqueId, start, get.answer(f), get.end(f), caller, callee, disposition, get.duration(f), get.billsec(f), get.endpoint(f)),
          };
        },
      },
      reason: "column mapping saved on the source",
    };
  },
};
