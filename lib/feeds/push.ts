import "server-only";
// The push endpoints' work, kept out of app/: records read with the source's settings
// (records.ts), then handed to the group-commit writer (writer.ts; in `ghostline serve`, the
// host's writer process: relay.ts), which answers once they are committed. A record that does not
// read is a reject of the source's feed import (kept with its text and reason, listed on the
// import's page), never a reason to refuse the others.
import type { FeedSource } from "./source-cache.ts";
import { readFreeswitchBody } from "./freeswitch.ts";
import { type FeedRecord, type FeedRecordKind, pushFields, readFeedRecords } from "./records.ts";
import type { FeedPush, FeedVia } from "./schema.ts";
import { withoutNul } from "@/lib/nul.ts";
import { submitFeed } from "./relay.ts";
import type { DeliveryResult } from "./writer.ts";

export interface PushAnswer {
  /** The day's feed import (null for a heartbeat). */
  importId: string | null;
  received: number;
  inserted: number;
  duplicate: number;
  rejected: number;
  /** Each reject: its position in the body (0-based), its line in the import, why. */
  rejects: { index: number; line: number; reason: string; field?: string }[];
}

async function deliver(source: FeedSource, kind: FeedRecordKind, via: FeedVia, records: FeedRecord[], receivedAt: Date): Promise<PushAnswer> {
  const read = readFeedRecords(kind, source, records);
  const result: DeliveryResult = await submitFeed({
    sourceId: source.id,
    via,
    rows: read.rows,
    rejects: read.rejects,
    warnings: read.warnings,
    format: read.format,
    receivedAt,
    quietMinutes: source.feedQuietMinutes,
  });
  return {
    importId: result.importId,
    received: records.length,
    inserted: result.inserted,
    duplicate: result.duplicate,
    rejected: result.rejected,
    rejects: read.rejects.map((r, i) => ({ index: r.line - 1, line: result.rejectLines[i]!, reason: r.reason, ...(r.field === undefined ? {} : { field: r.field }) })),
  };
}

/** `POST /api/v1/sources/:name/cdrs`: one CDR or an array of them; `[]` only says the feed is up. */
export function pushJson(source: FeedSource, body: FeedPush, receivedAt: Date): Promise<PushAnswer> {
  const cdrs = Array.isArray(body) ? body : [body];
  return deliver(source, "push", "push", cdrs.map((cdr) => ({ fields: pushFields(cdr), raw: JSON.stringify(cdr) })), receivedAt);
}

/**
 * `POST /api/v1/sources/:name/freeswitch`: a mod_json_cdr or mod_xml_cdr body. One that is not a
 * CDR at all is kept whole as a reject (answered 2xx, so FreeSWITCH does not post it again and
 * again: its retries are for an app that is down, not for a body it will never read).
 */
export function pushFreeswitch(source: FeedSource, contentType: string | null, body: string, receivedAt: Date): Promise<PushAnswer> {
  const read = readFreeswitchBody(contentType, body);
  if ("error" in read) {
    return deliverUnreadable(source, body, read.error, receivedAt);
  }
  return deliver(source, "freeswitch", read.format === "json" ? "freeswitch-json" : "freeswitch-xml", read.cdrs, receivedAt);
}

async function deliverUnreadable(source: FeedSource, body: string, reason: string, receivedAt: Date): Promise<PushAnswer> {
  const raw = withoutNul(body);
  const result = await submitFeed({
    sourceId: source.id,
    via: "freeswitch-json",
    rows: [],
    rejects: [{ line: 1, raw, reason }],
    receivedAt,
    quietMinutes: source.feedQuietMinutes,
  });
  return { importId: result.importId, received: 1, inserted: 0, duplicate: 0, rejected: 1, rejects: [{ index: 0, line: result.rejectLines[0]!, reason }] };
}
