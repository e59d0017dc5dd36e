// Drives csv-parse's streaming Parser synchronously, one chunk at a time, and reports each
// record with its physical line number and raw text, or the quoting fault that broke it.
// Bytes are read as latin1 so decoding can fall back per field (decode.ts).
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

export class RecordReader {
  private readonly parser: Parser;
  private pending: PendingFault | null = null;
  /** Line after the last record or blank line; where the next record starts. */
  private nextLine = 1;

  constructor(
    delimiter: string,
    private readonly sink: RecordSink,
    private readonly fileName: string | null,
  ) {
    this.parser = new RecordParser(
      {
        encoding: "latin1",
        delimiter,
        relax_column_count: true,
        raw: true,
        // FreeSWITCH's default template writes `, "${accountcode}"` (a space before the quote, §1.4).
        ltrim: true,
        skip_empty_lines: false,
        skip_records_with_error: true,
        max_record_size: MAX_RECORD_BYTES,
        on_skip: (err, raw) => {
          if (err !== undefined) this.onFault(err, raw ?? "");
          return undefined;
        },
      },
      ({ record: fields, raw }, lines) => this.onRecord(fields, raw, lines),
    );
    // Records leave through RecordParser.push; keep the readable side flowing so the stream can finish.
    this.parser.resume();
  }

  /** Parses a chunk synchronously; sink callbacks run before this returns. */
  write(chunk: Buffer): void {
    this.parser.write(chunk);
    this.throwIfFailed();
  }

  async end(): Promise<void> {
    const done = finished(this.parser);
    this.parser.end();
    try {
      await done;
    } catch {
      this.throwIfFailed();
    }
    this.throwIfFailed();
    this.flushFault(this.parser.info.lines);
  }

  private throwIfFailed(): void {
    const err = this.parser.errored as (CsvError & { lines?: number }) | null;
    if (err === null) return;
    if (err.code === "CSV_MAX_RECORD_SIZE") {
      throw new CdrFileRefused(
        "record-too-large",
        `line ${err.lines ?? "?"}: a record grew past ${MAX_RECORD_BYTES} bytes; an unterminated quote is swallowing the rest of the file`,
        this.fileName,
        err.lines ?? null,
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
    const faultLine = err.lines ?? this.parser.info.lines;
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
