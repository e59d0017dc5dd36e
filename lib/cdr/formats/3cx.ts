// 3CX CDR service output: no header, 27 fields in the de-facto "all fields" order
// (cdr-formats.md §1.5, dorel14/3CX-Cdr-Server cdr.py). v16/v18 chain `Chain: a,b,c,` with
// Internal/External types; v20 `Chain: a;b;` with Extension/Line.
import { threeCxCallIdMs } from "../time";
import { type FormatSpec, fixedWidthSample, keyOf } from "./spec";

const COLUMNS = [
  "historyid",
  "callid",
  "duration",
  "time-start",
  "time-answered",
  "time-end",
  "reason-terminated",
  "from-no",
  "to-no",
  "from-dn",
  "to-dn",
  "dial-no",
  "reason-changed",
  "final-number",
  "final-dn",
  "bill-code",
  "bill-rate",
  "bill-cost",
  "bill-name",
  "chain",
  "from-type",
  "to-type",
  "final-type",
  "from-dispname",
  "to-dispname",
  "final-dispname",
  "missed-queue-calls",
];
const LABEL = "3CX CDR";
const HISTORY_ID = /^Call \d+$/;
const TIME = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/;
const EXTENSION_TYPES = new Set(["Internal", "Extension"]);

export const threeCx: FormatSpec = {
  format: "3cx",
  label: LABEL,
  sniff(records) {
    const sample = fixedWidthSample(records, LABEL, COLUMNS.length);
    if ("error" in sample) return sample;
    const { first } = sample;
    if (!HISTORY_ID.test(first.fields[0] ?? "") || !TIME.test(first.fields[3] ?? "")) {
      return {
        error: `${LABEL} in the usual field order starts "Call <n>" with time-start in column 4; line ${first.line} has ${JSON.stringify(first.fields[0] ?? "")} and ${JSON.stringify(first.fields[3] ?? "")} (other field orders: use format "mapped")`,
      };
    }
    const v20 = records.some((r) => r.fields[20] === "Extension" || r.fields[20] === "Line" || (r.fields[19] ?? "").includes(";"));
    return {
      layout: {
        format: "3cx",
        keyFamily: "3cx",
        label: LABEL,
        variant: v20 ? "v20 flavour (Extension/Line types, `;` chain)" : "v16/v18 flavour (Internal/External types)",
        columns: COLUMNS,
        headerRecords: 0,
        columnCounts: [COLUMNS.length],
        delimiter: ",",
        dateFormat: "ymd",
        zoneCheck: "3cx-callid",
        toRaw: (f) => {
          const [historyId = "", callId = "", talk = "", start = "", answered = "", end = "", reason = ""] = f;
          const from = f[7] ?? "";
          const to = f[8] ?? "";
          // The ringing extension: the final destination when it is an extension (final-dn is
          // empty when the call was not transferred), else the first destination.
          const finalDn = EXTENSION_TYPES.has(f[22] ?? "") ? (f[14] ?? "") : "";
          const toDn = EXTENSION_TYPES.has(f[21] ?? "") ? (f[10] ?? "") : "";
          const endpoint = finalDn || toDn;
          return {
            start,
            answer: answered,
            end,
            duration: "",
            // `duration` is talk time (answered → end): sample row 3 answered 10:59:36, ended 10:59:54, 00:00:18.
            billsec: talk,
            callerId: "",
            callerNumber: from,
            callerName: f[23] ?? "",
            callee: to,
            endpoint,
            disposition: reason,
            dispositionCode: "",
            context: "",
            uniqueId: callId,
            linkedId: historyId,
            idMs: threeCxCallIdMs(callId),
            key: keyOf(historyId, callId, start, answered, end, reason, from, to, f[13] ?? ""),
          };
        },
      },
      reason: `no header; 27 fields starting "Call <n>" with yyyy/MM/dd times (${LABEL}, ${v20 ? "v20" : "v16/v18"})`,
    };
  },
};
