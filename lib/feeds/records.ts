// Pushed CDRs through the same normalisation and natural key as files: each feed's record is laid
// out as the columns of the export it mirrors, and read by that export's own format reader
// (lib/cdr/formats) and the shared normaliser (lib/cdr/normalise.ts):
//   FreeSWITCH mod_json_cdr / mod_xml_cdr → mod_cdr_csv's example template (freeswitch.ts here)
//   Asterisk AMI `Cdr` event              → cdr_csv Master.csv with every optional column
//   the generic JSON push                 → a mapped CSV whose header is the field names
// So a call pushed live and later found in an export of the same PBX gets the same natural key,
// and the unique (source_id, natural_key) keeps it once.
import type { CountryCode } from "libphonenumber-js";
import { asterisk } from "@/lib/cdr/formats/asterisk.ts";
import { ASTERISK_FIELDS } from "@/lib/cdr/formats/asterisk-fields.ts";
import { freeswitch } from "@/lib/cdr/formats/freeswitch.ts";
import { mapped } from "@/lib/cdr/formats/mapped.ts";
import type { Layout, SniffResult } from "@/lib/cdr/formats/spec.ts";
import { createRowNormaliser } from "@/lib/cdr/normalise.ts";
import { type ColumnMapping, type DateFormat, MAPPING_FIELDS, type NormalisedCdr, type RejectedRow } from "@/lib/cdr/schema.ts";
import { withoutNul } from "@/lib/nul.ts";
import type { AmiMessage } from "./ami.ts";
import { FREESWITCH_CSV_COLUMNS } from "@/lib/cdr/formats/freeswitch.ts";
import type { FeedCdr, FeedVia } from "./schema.ts";

/** The source settings a feed's records are read with. */
export interface FeedSourceSettings {
  timeZone: string;
  defaultCountry: string;
  format: string;
  mapping: unknown;
}

export type FeedRecordKind = "freeswitch" | "ami" | "push";

export const viaKind = (via: FeedVia): FeedRecordKind => (via === "ami" ? "ami" : via === "push" ? "push" : "freeswitch");

function layoutOf(result: SniffResult): Layout {
  if ("error" in result) throw new Error(`feed layout: ${result.error}`);
  return result.layout;
}

// The layouts come from each format's own sniff() on a record of its shape, so the columns,
// key family and date format are the format's (one place decides them), not a copy here.
const FREESWITCH_LAYOUT = layoutOf(
  freeswitch.sniff([{ line: 1, fields: FREESWITCH_CSV_COLUMNS.map((c) => (c === "start_stamp" ? "2000-01-01 00:00:00" : c === "hangup_cause" ? "NORMAL_CLEARING" : "")) }]),
);
const ASTERISK_LAYOUT = layoutOf(
  asterisk.sniff([{ line: 1, fields: ASTERISK_FIELDS.slice(0, 21).map((c) => (c === "start" ? "2000-01-01 00:00:00" : "")) }]),
);
const pushLayout = (dateFormat: DateFormat) => {
  const mapping = Object.fromEntries(MAPPING_FIELDS.map((f) => [f, f])) as Record<(typeof MAPPING_FIELDS)[number], string>;
  return layoutOf(mapped.sniff([{ line: 1, fields: [...MAPPING_FIELDS] }], { ...mapping, dateFormat, hasHeader: true, delimiter: "," } as ColumnMapping));
};

/**
 * The AMI Cdr event's fields in cdr_csv's column order (docs.asterisk.org, AMI_Events/Cdr, and
 * cdr_manager.c): the same CDR variables under their manager names. LinkedID, PeerAccount and
 * Sequence come only with cdr_manager.conf [mappings] (e.g. `linkedid => LinkedID`).
 */
const AMI_NAMES: Record<(typeof ASTERISK_FIELDS)[number], string> = {
  accountcode: "AccountCode",
  src: "Source",
  dst: "Destination",
  dcontext: "DestinationContext",
  clid: "CallerID",
  channel: "Channel",
  dstchannel: "DestinationChannel",
  lastapp: "LastApplication",
  lastdata: "LastData",
  start: "StartTime",
  answer: "AnswerTime",
  end: "EndTime",
  duration: "Duration",
  billsec: "BillableSeconds",
  disposition: "Disposition",
  amaflags: "AMAFlags",
  uniqueid: "UniqueID",
  userfield: "UserField",
  peeraccount: "PeerAccount",
  linkedid: "LinkedID",
  sequence: "Sequence",
  cnam: "CNAM",
};

export const amiFields = (event: AmiMessage): string[] => ASTERISK_FIELDS.slice(0, 21).map((f) => event.get(AMI_NAMES[f]) ?? "");

export const pushFields = (cdr: FeedCdr): string[] =>
  MAPPING_FIELDS.map((f) => {
    const v = cdr[f];
    return v === null || v === undefined ? "" : String(v);
  });

/**
 * cdr's indexed text (the (source_id, callee_number, started_at) and (source_id, endpoint,
 * started_at) btrees) must fit an index entry (PostgreSQL: at most a third of a page, ~2.7 kB);
 * a pushed field past this is junk, refused alone rather than failing its whole batch.
 */
const MAX_INDEXED_BYTES = 1000;
const INDEXED = ["calleeNumber", "endpoint"] as const;


/** One record to read: its columns (in the kind's layout) and its text as received. */
export interface FeedRecord {
  fields: string[];
  raw: string;
}

export interface ReadRecords {
  rows: NormalisedCdr[];
  /** `line` is the record's 1-based position in what was read; the writer renumbers both. */
  rejects: RejectedRow[];
  warnings: number;
  format: string;
}

/**
 * A normaliser per source's settings, kept: making one (its time zone's Intl formatters, a number
 * memo) cost more than reading the one CDR a FreeSWITCH POST carries. Reads are synchronous,
 * so the shared warnings counter is reset and read within one call.
 */
const normalisers = new Map<string, { normaliser: ReturnType<typeof createRowNormaliser>; counter: { warnings: number } }>();

function cachedNormaliser(kind: FeedRecordKind, dateFormat: DateFormat, layout: Layout, source: FeedSourceSettings) {
  const key = `${kind}\u001f${dateFormat}\u001f${source.timeZone}\u001f${source.defaultCountry}`;
  let hit = normalisers.get(key);
  if (hit === undefined) {
    if (normalisers.size >= 500) normalisers.clear();
    const counter = { warnings: 0 };
    const normaliser = createRowNormaliser(layout, { timeZone: source.timeZone, defaultCountry: source.defaultCountry as CountryCode, warn: () => counter.warnings++ });
    hit = { normaliser, counter };
    normalisers.set(key, hit);
  }
  return hit;
}

/** Reads a delivery's records with the source's time zone and country (and, for a push, its mapped date format). */
export function readFeedRecords(kind: FeedRecordKind, source: FeedSourceSettings, records: readonly FeedRecord[]): ReadRecords {
  const dateFormat = (source.format === "mapped" ? (source.mapping as { dateFormat?: DateFormat } | null)?.dateFormat : undefined) ?? "ymd";
  const layout = kind === "freeswitch" ? FREESWITCH_LAYOUT : kind === "ami" ? ASTERISK_LAYOUT : pushLayout(dateFormat);
  const { normaliser, counter } = cachedNormaliser(kind, dateFormat, layout, source);
  counter.warnings = 0;
  const rows: NormalisedCdr[] = [];
  const rejects: RejectedRow[] = [];
  records.forEach((record, i) => {
    const line = i + 1;
    const raw = layout.toRaw(record.fields.map(withoutNul));
    const row = typeof raw === "string" ? { reason: raw } : normaliser.normalise(raw, line);
    const long = "reason" in row ? undefined : INDEXED.find((f) => Buffer.byteLength(row[f] ?? "") > MAX_INDEXED_BYTES);
    if (long !== undefined) {
      const field = long === "calleeNumber" ? "callee" : "endpoint";
      rejects.push({ line, raw: withoutNul(record.raw), reason: `${field} is longer than ${MAX_INDEXED_BYTES} bytes (not a number or extension)`, field });
    } else if ("reason" in row) {
      rejects.push({ line, raw: withoutNul(record.raw), reason: row.reason, ...("field" in row && row.field !== undefined ? { field: row.field } : {}) });
    } else {
      rows.push(row);
    }
  });
  return { rows, rejects, warnings: counter.warnings, format: layout.format };
}
