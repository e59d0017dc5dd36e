// Cisco CUCM CDR flat file: header row of field names, an optional datatype row (INTEGER,
// VARCHAR(50), …; CAR exports drop it), then records; times are UTC epoch seconds, 0 = never
// (cdr-formats.md §1.7, Cisco "Call Detail Record Definition"). The column set grows with each
// release, so everything is read by name.
import { type FormatSpec, column, headerIndex, keyOf } from "./spec";

const LABEL = "Cisco CUCM CDR";
const REQUIRED = ["cdrRecordType", "dateTimeOrigination", "callingPartyNumber"];
const FIELDS = [
  "cdrRecordType",
  "globalCallID_callManagerId",
  "globalCallID_callId",
  "origLegCallIdentifier",
  "destLegIdentifier",
  "pkid",
  "dateTimeOrigination",
  "dateTimeConnect",
  "dateTimeDisconnect",
  "duration",
  "callingPartyNumber",
  "originalCalledPartyNumber",
  "finalCalledPartyNumber",
  "origCause_value",
  "destCause_value",
] as const;
type CucmField = (typeof FIELDS)[number];
const DATATYPE = /^(INTEGER|BIGINT|SMALLINT|UNIQUEIDENTIFIER|(N?VAR)?CHAR\(\d+\)|TEXT)$/i;

export const cucm: FormatSpec = {
  format: "cucm",
  label: LABEL,
  sniff(records) {
    const header = records[0];
    if (header === undefined) return { error: "no records" };
    const index = headerIndex(header.fields);
    const missing = REQUIRED.filter((r) => !index.has(r.toLowerCase()));
    if (missing.length > 0) {
      return { error: `${LABEL} needs a header row with ${REQUIRED.join(", ")}; line ${header.line} lacks ${missing.join(", ")}` };
    }
    const second = records[1];
    const typed = second !== undefined && second.fields.filter((f) => DATATYPE.test(f.trim())).length > second.fields.length / 2;
    const get = {} as Record<CucmField, (fields: readonly string[]) => string>;
    for (const name of FIELDS) get[name] = column(index.get(name.toLowerCase()));
    return {
      layout: {
        format: "cucm",
        keyFamily: "cucm",
        label: LABEL,
        variant: `header row${typed ? " + datatype row" : ""}, ${header.fields.length} columns`,
        columns: header.fields.map((f) => f.trim()),
        headerRecords: typed ? 2 : 1,
        columnCounts: [header.fields.length],
        delimiter: ",",
        dateFormat: "epoch",
        zoneCheck: "utc-times",
        toRaw: (f) => {
          const type = get.cdrRecordType(f).trim();
          // 1 = end-of-call CDR; 0 = start record, 2 = CMR (Cisco CDR definition, §1.7).
          if (type !== "1") return `cdrRecordType ${JSON.stringify(type)} is not an end-of-call CDR (1)`;
          const dest = get.destCause_value(f).trim();
          const orig = get.origCause_value(f).trim();
          const pkid = get.pkid(f);
          const callId = get.globalCallID_callId(f);
          const origination = get.dateTimeOrigination(f);
          const disconnect = get.dateTimeDisconnect(f);
          const calling = get.callingPartyNumber(f);
          const finalCalled = get.finalCalledPartyNumber(f);
          return {
            start: origination,
            answer: get.dateTimeConnect(f),
            end: disconnect,
            duration: "",
            // CUCM `duration` = disconnect − connect, 0 when never connected: billable time.
            billsec: get.duration(f),
            callerId: "",
            callerNumber: calling,
            callerName: "",
            callee: get.originalCalledPartyNumber(f) || finalCalled,
            endpoint: finalCalled,
            disposition: `${orig}/${dest}`,
            // The called side's cause says how the call ended for it unless it is 0 (none).
            dispositionCode: dest !== "" && dest !== "0" ? dest : orig,
            context: "",
            uniqueId: pkid,
            linkedId: callId,
            idMs: Number.NaN,
            key: keyOf(
              pkid,
              get.globalCallID_callManagerId(f),
              callId,
              get.origLegCallIdentifier(f),
              get.destLegIdentifier(f),
              origination,
              disconnect,
              calling,
              finalCalled,
            ),
          };
        },
      },
      reason: `header row names ${REQUIRED.join(", ")} (${LABEL}${typed ? ", datatype row skipped" : ""})`,
    };
  },
};
