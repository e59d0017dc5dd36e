// Isomorphic (no Node imports): shared by the import form, the API route and the parser.
import * as z from "zod";
import { timeZoneSchema } from "@/lib/time-zone.ts";

/** Format names a source can be set to; `auto` sniffs the file (see detect.ts). */
export const CDR_FORMATS = [
  "auto",
  "asterisk",
  "asterisk-custom",
  "freepbx",
  "freeswitch",
  "3cx",
  "cucm",
  "mapped",
] as const;
export const cdrFormatSchema = z.enum(CDR_FORMATS);
export type CdrFormat = z.infer<typeof cdrFormatSchema>;
export type KnownCdrFormat = Exclude<CdrFormat, "auto">;

export const DISPOSITIONS = ["ANSWERED", "NO_ANSWER", "BUSY", "FAILED", "OTHER"] as const;
export const dispositionSchema = z.enum(DISPOSITIONS);
export type Disposition = z.infer<typeof dispositionSchema>;

/**
 * How date-time text is written. `ymd` covers `2024-01-31 13:05:09`, `2024/01/31 13:05`,
 * ISO `2024-01-31T13:05:09.123Z` (a trailing `Z`/`±hh:mm` wins over the source's zone);
 * `dmy`/`mdy` the spreadsheet orders with `/`, `-` or `.`; `epoch`/`epoch-ms` are UTC.
 */
export const DATE_FORMATS = ["ymd", "dmy", "mdy", "epoch", "epoch-ms"] as const;
export const dateFormatSchema = z.enum(DATE_FORMATS);
export type DateFormat = z.infer<typeof dateFormatSchema>;

/** A column named by its header text, or by its 0-based position. */
export const columnRefSchema = z.union([z.string().trim().min(1), z.int().nonnegative()]);
export type ColumnRef = z.infer<typeof columnRefSchema>;

export const MAPPING_FIELDS = [
  "start",
  "answer",
  "end",
  "caller",
  "callerName",
  "callee",
  "endpoint",
  "disposition",
  "duration",
  "billsec",
  "uniqueId",
  "linkedId",
  "context",
] as const;
export type MappingField = (typeof MAPPING_FIELDS)[number];

/** Column mapping saved on a source whose format is `mapped` (any other CSV). */
export const columnMappingSchema = z
  .strictObject({
    start: columnRefSchema,
    answer: columnRefSchema.optional(),
    end: columnRefSchema.optional(),
    /** Caller number or a whole `"Name" <number>` caller ID. */
    caller: columnRefSchema,
    callerName: columnRefSchema.optional(),
    callee: columnRefSchema,
    /** Ringing device: a channel (`PJSIP/202-0000001f`), `Ext.202` or an extension. */
    endpoint: columnRefSchema.optional(),
    disposition: columnRefSchema.optional(),
    /** Seconds (`42`, `4.2`) or `H:MM:SS`. */
    duration: columnRefSchema.optional(),
    billsec: columnRefSchema.optional(),
    uniqueId: columnRefSchema.optional(),
    linkedId: columnRefSchema.optional(),
    context: columnRefSchema.optional(),
    dateFormat: dateFormatSchema.default("ymd"),
    hasHeader: z.boolean().default(true),
    delimiter: z.enum([",", ";", "\t", "|"]).default(","),
  })
  .refine(
    (m) => m.hasHeader || MAPPING_FIELDS.every((f) => typeof m[f] !== "string"),
    { error: "Columns can only be named when the file has a header row; use 0-based positions instead" },
  );
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/** The per-source settings a parse needs (form + API validation). */
export const cdrParseOptionsSchema = z
  .object({
    format: cdrFormatSchema.default("auto"),
    /** IANA zone the PBX writes local times in; ignored for epoch/UTC formats. */
    timeZone: timeZoneSchema,
    /** ISO 3166 alpha-2 country used to read national numbers (E.164 output). */
    defaultCountry: z
      .string()
      .regex(/^[A-Za-z]{2}$/)
      .transform((c) => c.toUpperCase())
      .optional(),
    mapping: columnMappingSchema.optional(),
    fileName: z.string().optional(),
  })
  .refine((o) => o.format !== "mapped" || o.mapping !== undefined, {
    error: "Format `mapped` needs a column mapping",
    path: ["mapping"],
  });
export type CdrParseOptions = z.input<typeof cdrParseOptionsSchema>;

/** A source's stored reading settings (cdr_source). */
export interface CdrSourceSettings {
  format: string;
  timeZone: string;
  defaultCountry: string;
  mapping: unknown;
}

/**
 * How one file of a source is read: the format and time zone an import asks for, else the
 * source's. The loader and the upload's dry run both read files this way, so that a preview
 * shows what the import of the same request loads.
 */
export function sourceParseOptions(
  source: CdrSourceSettings,
  overrides: { format?: CdrFormat; timeZone?: string },
  fileName: string,
): CdrParseOptions {
  return {
    format: overrides.format ?? (source.format as CdrFormat),
    timeZone: overrides.timeZone ?? source.timeZone,
    defaultCountry: source.defaultCountry,
    ...(source.mapping === null ? {} : { mapping: source.mapping as ColumnMapping }),
    fileName,
  };
}

/** One CDR after normalisation. Times are UTC instants. */
export interface NormalisedCdr {
  /** 1-based physical line where the record starts. */
  line: number;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  durationSec: number | null;
  billSec: number | null;
  /** E.164 when it is a phone number, digits for extensions, else null (see callerRaw). */
  callerNumber: string | null;
  callerName: string | null;
  callerRaw: string;
  calleeNumber: string | null;
  calleeRaw: string;
  /** Extension / peer that rang (Asterisk dstchannel `PJSIP/202-0000001f` → `202`). */
  endpoint: string | null;
  disposition: Disposition;
  dispositionRaw: string;
  context: string | null;
  uniqueId: string | null;
  linkedId: string | null;
  /** Start (wall clock, hex seconds) + 128 bits of sha256 of the format family and the fields that tell this CDR apart (normalise.ts naturalKey); stable across re-imports and time zones. */
  naturalKey: string;
}

export interface RejectedRow {
  line: number;
  /** The record's text as read (may be cut short for quoting errors, see reason). */
  raw: string;
  reason: string;
  field?: string;
}

export const WARNING_CODES = [
  "invalid-utf8",
  "nul-byte",
  "ambiguous-local-time",
  "nonexistent-local-time",
  "timezone-mismatch",
  "mixed-column-counts",
  "gzip-truncated",
] as const;
export type CdrWarningCode = (typeof WARNING_CODES)[number];

export interface CdrWarning {
  code: CdrWarningCode;
  message: string;
  line?: number;
  field?: string;
}

export interface CdrDetection {
  format: KnownCdrFormat;
  /** Human description of the layout, e.g. "cdr_csv, 18 columns (loguniqueid, loguserfield)". */
  variant: string;
  /** Share of sampled data rows (0..1) that parse with this layout. */
  confidence: number;
  reason: string;
  /** Column names in file order. */
  columns: string[];
  hasHeader: boolean;
  /** True when the format was given, not sniffed. */
  overridden: boolean;
}

export interface TimeZoneCheck {
  /** What the PBX offset was inferred from; `utc-times` when the format stores UTC. */
  method: "asterisk-uniqueid" | "freeswitch-uuid" | "3cx-callid" | "utc-times" | "none";
  configuredZone: string;
  /** Rows that carried an id timestamp. */
  samples: number;
  /** Rows whose id timestamp agrees with the configured zone (within 15 minutes). */
  agreeing: number;
  /** Most common (local time − id timestamp), rounded to 15 minutes. */
  inferredOffsetMinutes: number | null;
  /** Most common offset of the configured zone over the same rows. */
  configuredOffsetMinutes: number | null;
  verdict: "agrees" | "disagrees" | "not-applicable" | "unknown";
}

export interface CdrParseSummary {
  fileName: string | null;
  detection: CdrDetection;
  gzip: boolean;
  bom: boolean;
  /** Data records seen (header rows and blank lines excluded) = accepted + rejected. */
  rowsRead: number;
  accepted: number;
  rejected: number;
  blankLines: number;
  warnings: number;
  warningCounts: Partial<Record<CdrWarningCode, number>>;
  earliestStartedAt: Date | null;
  latestStartedAt: Date | null;
  timeZone: TimeZoneCheck;
}

export type CdrParseEvent =
  | { kind: "detected"; detection: CdrDetection }
  | { kind: "rows"; rows: NormalisedCdr[] }
  | { kind: "reject"; reject: RejectedRow }
  | { kind: "warning"; warning: CdrWarning }
  | { kind: "summary"; summary: CdrParseSummary };
