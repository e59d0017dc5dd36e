// Splits a CDR file into records, reporting each with its physical line number and raw text, or
// the quoting fault that broke it. Bytes are read as latin1 so decoding can fall back per field
// (decode.ts). Clean one-line records (the whole of a normal export) take a hand-written fast
// path, about 5× faster than csv-parse, which was a third of the load time; from the first line
// that is not clean (a quote left open, a quoted line break, a stray quote, a lone CR) to the end
// of the file, csv-parse's streaming Parser reads on, so faults are reported exactly as before.
import { finished } from "node:stream/promises";
import { type CsvError, type Options, Parser } from "csv-parse";
import { decodeField, decodeState, needsDecoding } from "./decode";
import { CdrFileRefused } from "./errors";

/** A record this long is an unterminated quote swallowing the file; stop before memory grows. */
export const MAX_RECORD_BYTES = 1024 * 1024;

export interface RecordSink {
  /**
   * A CSV record. `rawLatin1` is its bytes as latin1 (decodeText() it for display);
   * `complete` is false for a last line without a line end; `flaggedField` is the first field
   * that needed the Windows-1252 fallback or had a NUL (`flags`), else -1.
   */
  record(fields: string[], rawLatin1: string, line: number, complete: boolean, flags: number, flaggedField: number): void;
  blank(line: number): void;
  /** A record csv-parse could not split; `rawLatin1` may stop where the fault was found. */
  fault(line: number, rawLatin1: string, reason: string): void;
}

const FAULT_REASONS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "unterminated quote: the file ends inside a quoted field (last line cut short: file truncated?)",
  CSV_INVALID_CLOSING_QUOTE: "unescaped quote inside a quoted field",
  INVALID_OPENING_QUOTE: "quote inside an unquoted field",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "text after a closing quote",
};

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < end; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/**
 * The characters `ltrim` strips before a field: of csv-parse's Unicode whitespace list (csv-parse 7
 * init_state.js), those a latin1 byte can be. csv-parse reads this module's bytes as UTF-8 (see
 * toParser), so those are all it can meet.
 */
const LTRIM = new Uint8Array(256);
for (const byte of [0x20, 0x09, 0x0a, 0x0d, 0x0c, 0x0b, 0xa0]) LTRIM[byte] = 1;

/**
 * The bytes as csv-parse is given them: each byte as the character of that code point, in UTF-8.
 * Its fields and raw text then come back as latin1 strings, as the fast path reads them. Not
 * `encoding: "latin1"`: csv-parse encodes its whitespace list to latin1 too, which keeps each
 * code point's low byte, so `ltrim` stripped a leading `(`, `)`, `/`, `_`, NUL, ÿ and more from
 * unquoted fields (U+2028/2029/202F/205F/3000/FEFF/…): "(312) 555-0100" lost its "(".
 */
const toParser = (latin1: string) => Buffer.from(latin1, "utf8");

const QUOTE = 34;
const CR = 13;

/**
 * Splits one line body `text[start, end)` (no CR or LF inside) into fields the way csv-parse
 * does with this module's options, or returns null when the line needs csv-parse: a quote that
 * does not close within the line, a quote inside an unquoted field, or text after a closing quote.
 */
function splitCleanLine(text: string, start: number, end: number, delimiter: string, delimiterCode: number): string[] | null {
  const fields: string[] = [];
  let i = start;
  for (;;) {
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === delimiterCode || LTRIM[c] !== 1) break;
      i++;
    }
    if (i < end && text.charCodeAt(i) === QUOTE) {
      let value = "";
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0 || q >= end) return null;
        if (q + 1 < end && text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(from, q + 1); // "" is one quote
          from = q + 2;
          continue;
        }
        value += text.slice(from, q);
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === end) return fields;
      if (text.charCodeAt(i) !== delimiterCode) return null;
      i++;
    } else {
      let stop = text.indexOf(delimiter, i);
      if (stop < 0 || stop > end) stop = end;
      const field = text.slice(i, stop);
      if (field.includes('"')) return null;
      fields.push(field);
      if (stop === end) return fields;
      i = stop + 1;
    }
  }
}

/** Length of `raw` without its record delimiter (`\n`, `\r\n` is stored as `\r` by csv-parse). */
function bodyLength(raw: string): number {
  let end = raw.length;
  while (end > 0 && (raw.charCodeAt(end - 1) === 10 || raw.charCodeAt(end - 1) === 13)) end--;
  return end;
}

interface PendingFault {
  line: number;
  raw: string;
  reason: string;
  faultLine: number;
}

/**
 * csv-parse's Parser handing each record (`{ record, raw }` with `raw: true`) straight to
 * `onRecord` as it is split, with the line count at that moment. Used instead of an on_record
 * hook, for which csv-parse builds a context object holding a second copy of the raw text per
 * record (about a tenth of the parse time).
 */
class RecordParser extends Parser {
  constructor(
    options: Options,
    private readonly onRecord: (record: { record: string[]; raw: string }, lines: number) => void,
  ) {
    super(options);
  }

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) return super.push(null, encoding);
    this.onRecord(chunk as { record: string[]; raw: string }, this.info.lines);
    return true;
  }
}

/** How the fast path has seen lines end; csv-parse settles on the first record delimiter it meets. */
const LINE_ENDS = { unknown: 0, lf: 1, crlf: 2 } as const;
type LineEnds = (typeof LINE_ENDS)[keyof typeof LINE_ENDS];

export class RecordReader {
  /** csv-parse, once the fast path met a line it does not handle (null until then). */
  private parser: Parser | null = null;
  /** Lines the fast path read before csv-parse took over (csv-parse counts from 1 again). */
  private lineOffset = 0;
  /** Text after the last line end the fast path has seen. */
  private carry = "";
  private lineEnds: LineEnds = LINE_ENDS.unknown;
  private readonly delimiterCode: number;
  private pending: PendingFault | null = null;
  /** The first CSV_MAX_RECORD_SIZE csv-parse reported (see on_skip). */
  private oversized: CsvError | null = null;
  /** Line after the last record or blank line; where the next record starts. */
  private nextLine = 1;

  constructor(
    private readonly delimiter: string,
    private readonly sink: RecordSink,
    private readonly fileName: string | null,
    /** false: csv-parse reads everything (the fast path's tests compare both). */
    fastPath = true,
  ) {
    this.delimiterCode = fastPath && delimiter.length === 1 ? delimiter.charCodeAt(0) : -1;
    if (this.delimiterCode < 0) this.parser = this.createParser();
  }

  private createParser(): Parser {
    const parser = new RecordParser(
      {
        delimiter: this.delimiter,
        relax_column_count: true,
        raw: true,
        // FreeSWITCH's default template writes `, "${accountcode}"` (a space before the quote, §1.4).
        ltrim: true,
        skip_empty_lines: false,
        skip_records_with_error: true,
        max_record_size: MAX_RECORD_BYTES,
        // Taking over mid-file: keep the line end the file started with, as one parser would.
        ...(this.lineEnds === LINE_ENDS.unknown ? {} : { record_delimiter: this.lineEnds === LINE_ENDS.crlf ? "\r\n" : "\n" }),
        on_skip: (err, raw) => {
          // Skipping an oversized record loses the rest of the file: csv-parse 7 returns from its
          // parse loop on the error (api/index.js, __error), dropping the rest of the chunk, and
          // the field it was growing stays open, so every later chunk faults the same way. Kept
          // here, it is thrown after this write and the file is refused naming the line.
          if (err?.code === "CSV_MAX_RECORD_SIZE") {
            this.oversized ??= err;
            return undefined;
          }
          if (err !== undefined) this.onFault(err, raw ?? "");
          return undefined;
        },
      },
      ({ record: fields, raw }, lines) => this.onRecord(fields, raw, lines + this.lineOffset),
    );
    // Records leave through RecordParser.push; keep the readable side flowing so the stream can finish.
    parser.resume();
    return parser;
  }

  /** Parses a chunk synchronously; sink callbacks run before this returns. */
  write(chunk: Buffer): void {
    if (this.parser === null) {
      const rest = this.readCleanLines(this.carry + chunk.toString("latin1"));
      if (rest !== null) this.handOver(rest);
      return;
    }
    this.parser.write(toParser(chunk.toString("latin1")));
    this.throwIfFailed();
  }

  /**
   * Reads the clean lines of `text`; keeps an unfinished last line in `carry`. Returns null when
   * all went through, else the text from the first line csv-parse must read.
   */
  private readCleanLines(text: string): string | null {
    let start = 0;
    let cr = text.indexOf("\r");
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      // A CR is clean only as the CR of a CRLF line end, in a file whose lines all end so.
      const crlf = cr >= 0 && cr < nl;
      if (crlf && cr !== nl - 1) return text.slice(start);
      if (this.lineEnds !== LINE_ENDS.unknown && crlf !== (this.lineEnds === LINE_ENDS.crlf)) return text.slice(start);
      const end = crlf ? nl - 1 : nl;
      if (end - start > MAX_RECORD_BYTES) return text.slice(start);
      const fields = splitCleanLine(text, start, end, this.delimiter, this.delimiterCode);
      if (fields === null) return text.slice(start);
      this.lineEnds = crlf ? LINE_ENDS.crlf : LINE_ENDS.lf;
      if (crlf) cr = text.indexOf("\r", nl);
      // csv-parse's raw text keeps the first character of the line end only.
      this.onRecord(fields, text.slice(start, end + 1), this.nextLine);
      start = nl + 1;
    }
    this.carry = text.slice(start);
    return this.carry.length > MAX_RECORD_BYTES ? this.takeCarry() : null;
  }

  private takeCarry(): string {
    const rest = this.carry;
    this.carry = "";
    return rest;
  }

  /** csv-parse reads on from `rest`, the start of a line; the caller then writes what follows. */
  private handOver(rest: string): void {
    this.carry = "";
    this.lineOffset = this.nextLine - 1;
    this.parser = this.createParser();
    this.parser.write(toParser(rest));
    this.throwIfFailed();
  }

  async end(): Promise<void> {
    if (this.parser === null) {
      const last = this.takeCarry();
      // A last line without a line end; csv-parse keeps a trailing CR in the field, so it reads that.
      const fields = last.includes("\r") ? null : splitCleanLine(last, 0, last.length, this.delimiter, this.delimiterCode);
      if (fields !== null) {
        // csv-parse emits no record for a last line of nothing but trimmed bytes.
        const empty = fields.length === 1 && fields[0] === "" && !last.includes('"');
        if (!empty) this.onRecord(fields, last, this.nextLine);
        return;
      }
      this.handOver(last);
    }
    const parser = this.parser as Parser;
    const done = finished(parser);
    parser.end();
    try {
      await done;
    } catch {
      this.throwIfFailed();
    }
    this.throwIfFailed();
    this.flushFault(parser.info.lines + this.lineOffset);
  }

  private throwIfFailed(): void {
    const err = (this.oversized ?? this.parser?.errored) as (CsvError & { lines?: number }) | null | undefined;
    if (err === null || err === undefined) return;
    if (err.code === "CSV_MAX_RECORD_SIZE") {
      const line = err.lines === undefined ? null : err.lines + this.lineOffset;
      throw new CdrFileRefused(
        "record-too-large",
        `line ${line ?? "?"}: a record grew past ${MAX_RECORD_BYTES} bytes; an unterminated quote is swallowing the rest of the file`,
        this.fileName,
        line,
      );
    }
    throw err;
  }

  private onRecord(fields: string[], raw: string, endLine: number): void {
    const body = bodyLength(raw);
    const line = endLine - countNewlines(raw, body);
    this.flushFault(line);
    this.nextLine = endLine + 1;
    if (fields.length === 1 && fields[0] === "") {
      this.sink.blank(line);
      return;
    }
    let flags = 0;
    let flaggedField = -1;
    if (needsDecoding(raw)) {
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i] ?? "";
        if (!needsDecoding(f)) continue;
        fields[i] = decodeField(f);
        if (decodeState.flags !== 0 && flaggedField < 0) flaggedField = i;
        flags |= decodeState.flags;
      }
    }
    this.sink.record(fields, raw, line, body < raw.length, flags, flaggedField);
  }

  private onFault(err: CsvError & { lines?: number }, raw: string): void {
    const faultLine = (err.lines ?? this.parser?.info.lines ?? 0) + this.lineOffset;
    const reason = FAULT_REASONS[err.code] ?? err.message;
    if (this.pending === null) {
      this.pending = { line: this.nextLine, raw, reason, faultLine };
      return;
    }
    // Mid-record faults stop on a quote, so csv-parse's line count is exact there.
    const line = Math.max(faultLine - countNewlines(raw, raw.length), this.pending.line);
    // A record can raise several faults; it is one rejected row.
    if (line === this.pending.line) return;
    this.flushFault(line);
    this.pending = { line, raw, reason, faultLine };
  }

  /** Emits the pending fault once the next record's start tells how far it reached. */
  private flushFault(nextLine: number): void {
    const fault = this.pending;
    if (fault === null) return;
    this.pending = null;
    const last = Math.max(nextLine - 1, fault.faultLine);
    const span = last > fault.line ? ` (the broken quoting runs over lines ${fault.line}–${last}; raw text kept up to the fault)` : "";
    this.sink.fault(fault.line, fault.raw, fault.reason + span);
  }
}
