// Asterisk CDR variables → RawCdr, shared by the three exports of the same CDR record:
// cdr_csv Master.csv, cdr_custom's default mapping and FreePBX's "CDR Reports" download
// (cdr-formats.md §1.1–1.3). They differ only in which columns exist and where.
import { asteriskUniqueIdMs } from "../time";
import { type RawCdr, column, keyOf } from "./spec";

export const ASTERISK_FIELDS = [
  "accountcode",
  "src",
  "dst",
  "dcontext",
  "clid",
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
  "uniqueid",
  "userfield",
  "peeraccount",
  "linkedid",
  "sequence",
  "cnam",
] as const;
export type AsteriskField = (typeof ASTERISK_FIELDS)[number];

/** Column positions of the Asterisk variables present in a file. */
export type AsteriskColumns = Partial<Record<AsteriskField, number>>;

export function asteriskColumns(names: readonly string[]): AsteriskColumns {
  const columns: AsteriskColumns = {};
  names.forEach((name, i) => {
    // FreePBX names the start time `calldate` (its DB column; cdr_pgsql.c falls back to start).
    const field = name === "calldate" ? "start" : name;
    if ((ASTERISK_FIELDS as readonly string[]).includes(field) && columns[field as AsteriskField] === undefined) {
      columns[field as AsteriskField] = i;
    }
  });
  return columns;
}

/** Builds the record → RawCdr function for one column arrangement. */
export function asteriskToRaw(columns: AsteriskColumns): (fields: readonly string[]) => RawCdr {
  const get = {} as Record<AsteriskField, (fields: readonly string[]) => string>;
  for (const name of ASTERISK_FIELDS) get[name] = column(columns[name]);
  return (f) => {
    const uniqueId = get.uniqueid(f);
    const start = get.start(f);
    const src = get.src(f);
    const dst = get.dst(f);
    const dstchannel = get.dstchannel(f);
    const disposition = get.disposition(f);
    const duration = get.duration(f);
    const billsec = get.billsec(f);
    const dcontext = get.dcontext(f);
    return {
      start,
      answer: get.answer(f),
      end: get.end(f),
      duration,
      billsec,
      callerId: get.clid(f),
      callerNumber: src,
      callerName: get.cnam(f),
      callee: dst,
      endpoint: dstchannel,
      disposition,
      dispositionCode: "",
      context: dcontext,
      uniqueId,
      linkedId: get.linkedid(f),
      idMs: asteriskUniqueIdMs(uniqueId),
      // One channel (uniqueid) can log several CDRs (asterisk/testsuite good.csv: five share
      // 1231977075.0), so the key adds what tells them apart. Only columns every Asterisk
      // export has, so Master.csv and a FreePBX download of the same CDR key the same.
      key: keyOf(uniqueId, start, src, dst, dcontext, get.channel(f), dstchannel, disposition, duration, billsec),
    };
  };
}
