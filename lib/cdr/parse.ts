// parseCdrStream: bytes of a CDR export in, normalised rows / rejects / warnings out, then a
// summary. Streaming: one input chunk is parsed and yielded at a time, so memory stays flat.
import { type CountryCode, isSupportedCountry } from "libphonenumber-js";
import * as z from "zod";
import { decodeText, DECODE_FLAGS } from "./decode";
import { SAMPLE_BYTES, resolveLayout } from "./detect";
import { CdrFileRefused } from "./errors";
import { listCounts } from "./formats/spec";
import { type CdrInput, openInput } from "./input";
import { createRowNormaliser } from "./normalise";
import { RecordReader } from "./records";
import {
  type CdrParseEvent,
  type CdrParseOptions,
  type CdrParseSummary,
  type CdrWarning,
  type CdrWarningCode,
  type NormalisedCdr,
  type TimeZoneCheck,
  cdrParseOptionsSchema,
} from "./schema";
import { formatOffset } from "./time";

/** Per warning code, how many individual warning events are yielded (the summary counts all). */
export const WARNING_EVENTS_PER_CODE = 20;
/**
 * Big input chunks are fed in slices so one yielded batch stays small. Under V8's largest regular
 * heap object (half a 256 KB page, kMaxRegularHeapObjectSize): each slice becomes a latin1 string
 * (records.ts) and its rows one COPY text string, and a string past that size is allocated in
 * large-object space, fresh pages each time. Measured here: 1,000 slices of 256 KB took 1.3 s to
 * decode, of 64 KB 35 ms for the same bytes; the load of 1M rows spent a twelfth of its time there.
 */
const SLICE_BYTES = 64 * 1024;

const ZONE_SOURCES: Record<TimeZoneCheck["method"], string> = {
  "asterisk-uniqueid": "Asterisk uniqueid epochs (cdr.conf usegmtime=yes writes UTC)",
  "freeswitch-uuid": "FreeSWITCH v1 uuid timestamps",
  "3cx-callid": "3CX callid timestamps",
  "utc-times": "",
  none: "",
};

function zoneWarning(check: TimeZoneCheck): string {
  const inferred = check.inferredOffsetMinutes ?? 0;
  const configured = check.configuredOffsetMinutes ?? 0;
  return (
    `${ZONE_SOURCES[check.method]} put the PBX clock at ${formatOffset(inferred)} for ${check.samples - check.agreeing} of ` +
    `${check.samples} rows, but the source's time zone ${check.configuredZone} gives ${formatOffset(configured)}; ` +
    `times are probably off by ${Math.abs(inferred - configured)} minutes — check the source's time zone`
  );
}

function* slices(buf: Buffer): Generator<Buffer> {
  for (let i = 0; i < buf.length; i += SLICE_BYTES) yield buf.subarray(i, i + SLICE_BYTES);
}

function trimLineEnd(text: string): string {
  return text.replace(/[\r\n]+$/, "");
}

/**
 * Parses one CDR export. Yields `detected` first, then `rows` batches interleaved in file order
 * with `reject` and `warning` events, and finally `summary` (also the generator's return value).
 * Throws CdrFileRefused before yielding anything when the file is empty, binary, or matches no
 * known shape; later CdrFileRefused (corrupt gzip, runaway quote) means: discard the import.
 */
export async function* parseCdrStream(
  input: CdrInput,
  options: CdrParseOptions,
): AsyncGenerator<CdrParseEvent, CdrParseSummary, undefined> {
  const fileName = options.fileName ?? null;
  const checked = cdrParseOptionsSchema.safeParse(options);
  if (!checked.success) throw new CdrFileRefused("bad-options", z.prettifyError(checked.error), fileName);
  const opts = checked.data;
  if (opts.defaultCountry !== undefined && !isSupportedCountry(opts.defaultCountry)) {
    throw new CdrFileRefused("bad-options", `unknown default country ${opts.defaultCountry}`, fileName);
  }

  const opened = await openInput(input, fileName);
  try {
    const sampleBytes = opened.head.subarray(0, SAMPLE_BYTES);
    let sample = sampleBytes.toString("utf8");
    if (!(opened.headIsAll && opened.head.length <= SAMPLE_BYTES)) {
      // Cut at the last line end so a half-read line does not count against the format.
      const lastNewline = sample.lastIndexOf("\n");
      if (lastNewline > 0) sample = sample.slice(0, lastNewline + 1);
    }
    const resolved = resolveLayout(sample, opts.format, opts.mapping);
    if ("error" in resolved) {
      const code = opts.format === "auto" ? "unknown-format" : "format-mismatch";
      throw new CdrFileRefused(code, resolved.error, fileName);
    }
    const { layout, detection } = resolved;
    yield { kind: "detected", detection };

    let events: CdrParseEvent[] = [];
    let rows: NormalisedCdr[] = [];
    const warningCounts: Partial<Record<CdrWarningCode, number>> = {};
    let warnings = 0;
    let rowsRead = 0;
    let accepted = 0;
    let rejected = 0;
    let blankLines = 0;
    let earliest = Number.POSITIVE_INFINITY;
    let latest = Number.NEGATIVE_INFINITY;
    let headerLeft = layout.headerRecords;
    let mixedCounts = false;

    const flushRows = () => {
      if (rows.length === 0) return;
      events.push({ kind: "rows", rows });
      rows = [];
    };
    const warn = (code: CdrWarningCode, message: string, line?: number, field?: string) => {
      warnings++;
      const n = (warningCounts[code] ?? 0) + 1;
      warningCounts[code] = n;
      if (n > WARNING_EVENTS_PER_CODE) return;
      flushRows();
      const warning: CdrWarning = { code, message };
      if (line !== undefined) warning.line = line;
      if (field !== undefined) warning.field = field;
      events.push({ kind: "warning", warning });
    };
    const reject = (line: number, rawLatin1: string, reason: string, field?: string) => {
      rejected++;
      flushRows();
      events.push({
        kind: "reject",
        reject: field === undefined ? { line, raw: trimLineEnd(decodeText(rawLatin1)), reason } : { line, raw: trimLineEnd(decodeText(rawLatin1)), reason, field },
      });
    };

    const normaliser = createRowNormaliser(layout, {
      timeZone: opts.timeZone,
      defaultCountry: opts.defaultCountry as CountryCode | undefined,
      warn,
    });
    const reader = new RecordReader(
      layout.delimiter,
      {
        record(fields, rawLatin1, line, complete, flags, flaggedField) {
          if (headerLeft > 0) {
            headerLeft--;
            return;
          }
          rowsRead++;
          const field = layout.columns[flaggedField];
          if ((flags & DECODE_FLAGS.fallback) !== 0) {
            warn("invalid-utf8", `invalid UTF-8 in ${field ?? "a field"}; read as Windows-1252`, line, field);
          }
          if ((flags & DECODE_FLAGS.nul) !== 0) warn("nul-byte", `NUL byte in ${field ?? "a field"}; replaced by U+FFFD`, line, field);
          if (!layout.columnCounts.includes(fields.length)) {
            const cut = complete ? "" : " (the last line has no line end: file truncated?)";
            reject(line, rawLatin1, `wrong column count: ${listCounts(layout.columnCounts)} columns expected for ${layout.label}, line ${line} has ${fields.length}${cut}`);
            return;
          }
          if (fields.length !== layout.columns.length && !mixedCounts) {
            mixedCounts = true;
            warn("mixed-column-counts", `line ${line} has ${fields.length} columns, the file starts with ${layout.columns.length} (cdr.conf changed while it was written?)`, line);
          }
          const raw = layout.toRaw(fields);
          if (typeof raw === "string") {
            reject(line, rawLatin1, raw);
            return;
          }
          const row = normaliser.normalise(raw, line);
          if ("reason" in row) {
            reject(line, rawLatin1, row.reason, row.field);
            return;
          }
          accepted++;
          const t = row.startedAt.getTime();
          if (t < earliest) earliest = t;
          if (t > latest) latest = t;
          rows.push(row);
        },
        blank() {
          blankLines++;
        },
        fault(line, rawLatin1, reason) {
          if (headerLeft > 0) headerLeft--;
          rowsRead++;
          reject(line, rawLatin1, reason);
        },
      },
      fileName,
    );

    function* drain(): Generator<CdrParseEvent> {
      flushRows();
      const out = events;
      events = [];
      yield* out;
    }

    for (const slice of slices(opened.head)) {
      reader.write(slice);
      yield* drain();
    }
    for (let next = await opened.rest.next(); next.done !== true; next = await opened.rest.next()) {
      for (const slice of slices(next.value)) {
        reader.write(slice);
        yield* drain();
      }
    }
    await reader.end();
    if (opened.gzipTruncated()) warn("gzip-truncated", "the gzip stream ends early (truncated download or copy?); rows up to the cut were read");
    const timeZone = normaliser.zoneCheck.result();
    if (timeZone.verdict === "disagrees") warn("timezone-mismatch", zoneWarning(timeZone));
    yield* drain();

    const summary: CdrParseSummary = {
      fileName,
      detection,
      gzip: opened.gzip,
      bom: opened.bom,
      rowsRead,
      accepted,
      rejected,
      blankLines,
      warnings,
      warningCounts,
      earliestStartedAt: accepted === 0 ? null : new Date(earliest),
      latestStartedAt: accepted === 0 ? null : new Date(latest),
      timeZone,
    };
    yield { kind: "summary", summary };
    return summary;
  } finally {
    await opened.rest.return?.();
  }
}
