// Synthetic Asterisk cdr_csv exports (Master.csv) for tests: the 18 columns of Asterisk's
// cdr_csv module in its order (accountcode, src, dst, dcontext, clid, channel, dstchannel,
// lastapp, lastdata, start, answer, end, duration, billsec, disposition, amaflags, uniqueid,
// userfield), every field quoted but the numbers, as Asterisk writes them.

/** Start of call 0 of the generated exports. */
export const CDR_BASE = Date.UTC(2026, 6, 1, 8, 0, 0);

/** An instant as Asterisk writes its times, `YYYY-MM-DD HH:MM:SS`, read in UTC. */
export const asteriskTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");

interface AsteriskRecord {
  src: string;
  dst: string;
  clid: string;
  channel: string;
  dstChannel: string;
  lastData: string;
  /** Wall-clock times as written (answer empty for an unanswered call). */
  start: string;
  answer: string;
  end: string;
  duration: number;
  billsec: number;
  disposition: "ANSWERED" | "NO ANSWER" | "BUSY" | "FAILED";
  /** `epoch.sequence`: the start as an instant (the loader checks the time zone against it). */
  uniqueId: string;
}

const quoted = (value: string) => `"${value.replaceAll('"', '""')}"`;

/** One Master.csv line (no line break) from its fields. */
function asteriskRecord(r: AsteriskRecord): string {
  return [
    quoted(""), quoted(r.src), quoted(r.dst), quoted("from-pstn"), quoted(r.clid), quoted(r.channel), quoted(r.dstChannel),
    quoted("Dial"), quoted(r.lastData), quoted(r.start), quoted(r.answer), quoted(r.end), r.duration, r.billsec,
    quoted(r.disposition), quoted("DOCUMENTATION"), quoted(r.uniqueId), quoted(""),
  ].join(",");
}

export interface AsteriskCallOptions {
  /** Every n-th call (i % n = n - 1) is NO ANSWER; all are answered when absent. */
  unansweredEvery?: number;
}

/**
 * Call i of a synthetic export, written in UTC: it starts at CDR_BASE + i minutes (so its
 * natural key is unique), is answered 5 s later and lasts 65 s (60 billed); callers
 * 312555xxxx (10,000 of them) ring extensions 200–249; uniqueid is the start's epoch.
 */
export function asteriskLine(i: number, options: AsteriskCallOptions = {}): string {
  const start = CDR_BASE + i * 60_000;
  const ext = 200 + (i % 50);
  const caller = `312555${String(i % 10_000).padStart(4, "0")}`;
  const chan = i.toString(16).padStart(8, "0");
  const answered = options.unansweredEvery === undefined || i % options.unansweredEvery !== options.unansweredEvery - 1;
  return asteriskRecord({
    src: caller,
    dst: String(ext),
    clid: `"Caller ${i % 10_000}" <${caller}>`,
    channel: `PJSIP/trunk-${chan}`,
    dstChannel: `PJSIP/${ext}-${chan}`,
    lastData: `PJSIP/${ext},30,tT`,
    start: asteriskTime(start),
    answer: answered ? asteriskTime(start + 5000) : "",
    end: asteriskTime(start + 65_000),
    duration: 65,
    billsec: answered ? 60 : 0,
    disposition: answered ? "ANSWERED" : "NO ANSWER",
    uniqueId: `${start / 1000}.${i}`,
  });
}

/** Calls `from` to `to - 1` (asteriskLine), a line each, the last one ended by a line break too. */
export function asteriskFile(from: number, to: number, options: AsteriskCallOptions = {}): string {
  const lines: string[] = [];
  for (let i = from; i < to; i++) lines.push(asteriskLine(i, options));
  return `${lines.join("\n")}\n`;
}
