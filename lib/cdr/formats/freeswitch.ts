// FreeSWITCH mod_cdr_csv: no header; built-in `default` template (13 columns, a stray space
// before accountcode) and vanilla `example` template (+ read_codec, write_codec = 15)
// (cdr-formats.md §1.4, cdr_csv.conf.xml). Times are local wall clock (switch_time_exp_lt).
import { uuidV1Ms } from "../time";
import { type FormatSpec, LOCAL_DATETIME, dominantCount, keyOf, wrongCountError } from "./spec";

/** The columns of mod_cdr_csv's example template, in its order (cdr-formats.md §1.4); a live feed lays its CDRs out so too (lib/feeds). */
export const FREESWITCH_CSV_COLUMNS = [
  "caller_id_name",
  "caller_id_number",
  "destination_number",
  "context",
  "start_stamp",
  "answer_stamp",
  "end_stamp",
  "duration",
  "billsec",
  "hangup_cause",
  "uuid",
  "bleg_uuid",
  "accountcode",
  "read_codec",
  "write_codec",
] as const;
const COUNTS = [13, 15] as const;
const LABEL = "FreeSWITCH mod_cdr_csv";
const HANGUP_CAUSE = /^[A-Z][A-Z_]+$/;

export const freeswitch: FormatSpec = {
  format: "freeswitch",
  label: LABEL,
  sniff(records) {
    const dominant = dominantCount(records);
    if (dominant === null) return { error: "no records" };
    if (!(COUNTS as readonly number[]).includes(dominant.count)) {
      const bad = records.find((r) => !(COUNTS as readonly number[]).includes(r.fields.length)) ?? dominant.first;
      return { error: wrongCountError(LABEL, COUNTS, bad) };
    }
    const first = dominant.first;
    if (!LOCAL_DATETIME.test(first.fields[4] ?? "") || !HANGUP_CAUSE.test(first.fields[9] ?? "")) {
      return {
        error: `${LABEL} has start_stamp in column 5 and hangup_cause in column 10; line ${first.line} has ${JSON.stringify(first.fields[4] ?? "")} and ${JSON.stringify(first.fields[9] ?? "")}`,
      };
    }
    const template = dominant.count === 13 ? "default" : "example";
    return {
      layout: {
        format: "freeswitch",
        keyFamily: "freeswitch",
        label: LABEL,
        variant: `${template} template, ${dominant.count} columns`,
        columns: FREESWITCH_CSV_COLUMNS.slice(0, dominant.count),
        headerRecords: 0,
        columnCounts: COUNTS,
        delimiter: ",",
        dateFormat: "ymd",
        zoneCheck: "freeswitch-uuid",
        toRaw: (f) => {
          const uuid = f[10] ?? "";
          const start = f[4] ?? "";
          return {
            start,
            answer: f[5] ?? "",
            end: f[6] ?? "",
            duration: f[7] ?? "",
            billsec: f[8] ?? "",
            callerId: "",
            callerNumber: f[1] ?? "",
            callerName: f[0] ?? "",
            callee: f[2] ?? "",
            endpoint: "",
            disposition: f[9] ?? "",
            dispositionCode: "",
            context: f[3] ?? "",
            uniqueId: uuid,
            linkedId: f[11] ?? "",
            idMs: uuidV1Ms(uuid),
            key: keyOf(uuid, start, f[6] ?? "", f[1] ?? "", f[2] ?? "", f[9] ?? "", f[7] ?? "", f[8] ?? ""),
          };
        },
      },
      reason: `no header; ${dominant.count} columns with start_stamp in column 5 and a hangup cause in column 10 (${template} template)`,
    };
  },
};
