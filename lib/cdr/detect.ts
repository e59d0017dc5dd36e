// Format detection from the first ~64 KiB of a file: header names, column count, value shapes
// (cdr-formats.md §5.1), then a trial normalisation of the sampled rows for a confidence.
import { parse } from "csv-parse/sync";
import { asterisk } from "./formats/asterisk";
import { asteriskCustom } from "./formats/asterisk-custom";
import { cucm } from "./formats/cucm";
import { freepbx } from "./formats/freepbx";
import { freeswitch } from "./formats/freeswitch";
import { mapped } from "./formats/mapped";
import type { FormatSpec, Layout, SampleRecord } from "./formats/spec";
import { threeCx } from "./formats/3cx";
import { createRowNormaliser } from "./normalise";
import type { CdrDetection, CdrFormat, ColumnMapping, KnownCdrFormat } from "./schema";

/** Bytes of the file head that detection (and refusal) look at. */
export const SAMPLE_BYTES = 64 * 1024;
const SAMPLE_LINES = 200;
/** Below this share of parseable sampled rows a layout is refused rather than loaded. */
const MIN_CONFIDENCE = 0.5;

const SPECS: Record<KnownCdrFormat, FormatSpec> = {
  asterisk,
  "asterisk-custom": asteriskCustom,
  freepbx,
  freeswitch,
  "3cx": threeCx,
  cucm,
  mapped,
};
/** Tried by `auto`, in this order (mapped needs a mapping, so it is never guessed). */
const AUTO: readonly FormatSpec[] = [asterisk, asteriskCustom, freepbx, freeswitch, threeCx, cucm];

function parseSample(text: string, delimiter: string): { records: SampleRecord[]; unclosedQuote: boolean } {
  let unclosedQuote = false;
  const rows = parse(text, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    ltrim: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      if (err?.code === "CSV_QUOTE_NOT_CLOSED") unclosedQuote = true;
      return undefined;
    },
    info: true,
    to_line: SAMPLE_LINES,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  return { records: rows.map((r) => ({ line: r.info.lines, fields: r.record })), unclosedQuote };
}

/**
 * The sample's CSV records. A last record cut inside a quote (a truncated file, asterisk/testsuite
 * buggy.csv) is sniffed with the quote closed, so a one-line truncated file is still recognised;
 * the parse proper rejects that line.
 */
function sampleRecords(sample: string, delimiter: string): SampleRecord[] {
  const text = sample.startsWith("\uFEFF") ? sample.slice(1) : sample;
  const first = parseSample(text, delimiter);
  return first.unclosedQuote ? parseSample(`${text.replace(/[\r\n]+$/, "")}"`, delimiter).records : first.records;
}

/** Share of sampled data rows that this layout reads, and why the first failure failed. */
function score(layout: Layout, records: readonly SampleRecord[]): { confidence: number; ok: number; total: number; failure: string | null } {
  const data = records.slice(layout.headerRecords);
  const normaliser = createRowNormaliser(layout, { timeZone: "UTC", warn: () => {} });
  let ok = 0;
  let failure: string | null = null;
  for (const r of data) {
    let problem: string | null = null;
    if (!layout.columnCounts.includes(r.fields.length)) {
      problem = `line ${r.line} has ${r.fields.length} columns`;
    } else {
      const raw = layout.toRaw(r.fields);
      const row = typeof raw === "string" ? { reason: raw } : normaliser.normalise(raw, r.line);
      if ("reason" in row) problem = `line ${r.line}: ${row.reason}`;
    }
    if (problem === null) ok++;
    else failure ??= problem;
  }
  return { confidence: data.length === 0 ? 1 : ok / data.length, ok, total: data.length, failure };
}

export type LayoutResolution = { layout: Layout; detection: CdrDetection } | { error: string };

function looksLikeHeader(fields: readonly string[]): boolean {
  return fields.length > 1 && fields.every((f) => /^[A-Za-z_][\w .\-()]*$/.test(f.trim()));
}

function noShapeError(records: readonly SampleRecord[]): string {
  const first = records[0];
  const shape =
    first === undefined
      ? "no records"
      : looksLikeHeader(first.fields)
        ? `line ${first.line} is a header naming ${first.fields.slice(0, 6).join(", ")}${first.fields.length > 6 ? ", …" : ""}, which is not a FreePBX or CUCM header`
        : `line ${first.line} has ${first.fields.length} columns`;
  return (
    `no known CDR layout: ${shape}. Expected 16, 17, 18 or 21 columns (Asterisk cdr_csv), 19 (cdr_custom), ` +
    `13 or 15 (FreeSWITCH), 27 (3CX), or a FreePBX / CUCM header row; pick the format or use "mapped" with a column mapping`
  );
}

/** Finds the layout for a file head: sniffed for `auto`, checked for a given format. */
export function resolveLayout(sample: string, format: CdrFormat, mapping?: ColumnMapping): LayoutResolution {
  const delimiter = format === "mapped" ? (mapping?.delimiter ?? ",") : ",";
  const records = sampleRecords(sample, delimiter);
  if (records.length === 0) return { error: "no complete CSV record in the first 64 KiB" };
  const specs = format === "auto" ? AUTO : [SPECS[format]];
  let best: { layout: Layout; reason: string; scored: ReturnType<typeof score> } | null = null;
  let sniffError = "";
  for (const spec of specs) {
    const sniffed = spec.sniff(records, mapping);
    if ("error" in sniffed) {
      sniffError = sniffed.error;
      continue;
    }
    const scored = score(sniffed.layout, records);
    if (best === null || scored.confidence > best.scored.confidence) best = { ...sniffed, scored };
  }
  if (best === null) return { error: format === "auto" ? noShapeError(records) : sniffError };
  const { layout, scored } = best;
  if (scored.confidence < MIN_CONFIDENCE) {
    return {
      error: `looks like ${layout.label} (${layout.variant}) but only ${scored.ok} of ${scored.total} sampled rows parse; ${scored.failure}`,
    };
  }
  return {
    layout,
    detection: {
      format: layout.format,
      variant: layout.variant,
      confidence: scored.confidence,
      reason: `${best.reason}; ${scored.ok} of ${scored.total} sampled rows parse`,
      columns: layout.columns,
      hasHeader: layout.headerRecords > 0,
      overridden: format !== "auto",
    },
  };
}

/**
 * What a file head looks like: the format (or the given one, checked), how sure, why, and its
 * columns; or why it matches no known shape. `sample` is the decoded first ~64 KiB.
 */
export function detectFormat(
  sample: string,
  options: { format?: CdrFormat; mapping?: ColumnMapping } = {},
): CdrDetection | { error: string } {
  const resolved = resolveLayout(sample, options.format ?? "auto", options.mapping);
  return "error" in resolved ? resolved : resolved.detection;
}
