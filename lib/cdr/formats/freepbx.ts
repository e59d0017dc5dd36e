// FreePBX "CDR Reports" CSV download: PHP fputcsv with a header row, 26 columns today, 16 in
// FreePBX/IssabelPBX/Elastix-era versions (cdr-formats.md §1.3). Read by header name.
import { asteriskColumns, asteriskToRaw } from "./asterisk-fields";
import type { FormatSpec } from "./spec";

const REQUIRED = ["calldate", "src", "dst", "disposition", "duration", "billsec", "uniqueid"];
const LABEL = "FreePBX CDR Reports export";

export const freepbx: FormatSpec = {
  format: "freepbx",
  label: LABEL,
  sniff(records) {
    const header = records[0];
    if (header === undefined) return { error: "no records" };
    const names = header.fields.map((f) => f.trim().toLowerCase());
    const missing = REQUIRED.filter((r) => !names.includes(r));
    if (missing.length > 0) {
      return { error: `${LABEL} needs a header row with ${REQUIRED.join(", ")}; line ${header.line} lacks ${missing.join(", ")}` };
    }
    return {
      layout: {
        format: "freepbx",
        keyFamily: "asterisk",
        label: LABEL,
        variant: `header row, ${names.length} columns${names.length === 26 ? " (current)" : names.length === 16 ? " (older FreePBX / IssabelPBX)" : ""}`,
        columns: names,
        headerRecords: 1,
        columnCounts: [names.length],
        delimiter: ",",
        dateFormat: "ymd",
        zoneCheck: "asterisk-uniqueid",
        toRaw: asteriskToRaw(asteriskColumns(names)),
      },
      reason: `header row names ${REQUIRED.join(", ")} (${LABEL})`,
    };
  },
};
