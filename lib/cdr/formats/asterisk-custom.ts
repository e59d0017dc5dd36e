// Asterisk cdr_custom with the sample cdr_custom.conf "Master.csv" mapping: clid first,
// 19 columns, sequence last (cdr-formats.md §1.2; saved sample KelySaina Master.csv).
import { asteriskColumns, asteriskToRaw } from "./asterisk-fields";
import { type FormatSpec, LOCAL_DATETIME, fixedWidthSample } from "./spec";

const COLUMNS = [
  "clid",
  "src",
  "dst",
  "dcontext",
  "channel",
  "dstchannel",
  "lastapp",
  "lastdata",
  "start",
  "answer",
  "end",
  "duration",
  "billsec",
  "disposition",
  "amaflags",
  "accountcode",
  "uniqueid",
  "userfield",
  "sequence",
];
const LABEL = "Asterisk cdr_custom (default Master.csv mapping)";

export const asteriskCustom: FormatSpec = {
  format: "asterisk-custom",
  label: LABEL,
  sniff(records) {
    const sample = fixedWidthSample(records, LABEL, COLUMNS.length);
    if ("error" in sample) return sample;
    const { first } = sample;
    if (!LOCAL_DATETIME.test(first.fields[8] ?? "")) {
      return { error: `${LABEL} has the start time in column 9; line ${first.line} has ${JSON.stringify(first.fields[8] ?? "")}` };
    }
    return {
      layout: {
        format: "asterisk-custom",
        keyFamily: "asterisk",
        label: LABEL,
        variant: "cdr_custom, 19 columns, clid first",
        columns: COLUMNS,
        headerRecords: 0,
        columnCounts: [COLUMNS.length],
        delimiter: ",",
        dateFormat: "ymd",
        zoneCheck: "asterisk-uniqueid",
        toRaw: asteriskToRaw(asteriskColumns(COLUMNS)),
      },
      reason: "no header; 19 columns with a start time in column 9 (cdr_custom default mapping)",
    };
  },
};
