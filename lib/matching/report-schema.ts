// Isomorphic: a reported ring as it arrives from the quick form, a ticket
// export (`ghostline import-reports`) or `POST /api/v1/reports`.
import * as z from "zod";

// ISO 8601 date-time, `T` or a space (ticket exports write a space), seconds
// and fraction optional; an offset or Z makes it absolute, none means the
// customer's local time.
const RING_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export const ringTimeSchema = z.string().trim().regex(RING_TIME, {
  error: "ring_time must be an ISO 8601 date-time such as 2026-11-03T14:03:00 (optionally with Z or +02:00)",
});

const optionalText = (max: number) =>
  z.string().trim().max(max).optional().transform((v) => v || undefined);

/** The widest search window a report may ask for (the engine relies on it to find reports by time). */
export const MAX_WINDOW_MINUTES = 120;

export const reportInputSchema = z.object({
  account: z.string().trim().min(1, { error: "account is empty" }),
  number: z.string().trim().min(1, { error: "number is empty" }).max(64),
  ring_time: ringTimeSchema,
  // An empty cell in a ticket export means the default, not zero.
  window_minutes: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().min(1).max(MAX_WINDOW_MINUTES).default(5)),
  // Whatever the phone displayed: untrusted, kept as text, never interpreted.
  caller_id: optionalText(200),
  ticket: optionalText(100),
  notes: optionalText(2000),
});
export type ReportInput = z.input<typeof reportInputSchema>;

/** `POST /api/v1/reports`'s body: up to 1,000 reports, all or nothing (one report is a batch of one). */
export const reportBatchSchema = z.array(reportInputSchema).min(1).max(1000);
/** The body as the batch: one report alone becomes a batch of one. */
export const asReportBatch = (json: unknown) => (Array.isArray(json) ? json : [json]);
export type ParsedReport = z.output<typeof reportInputSchema>;

/** Splits a ring time into wall-clock parts and its offset, if it has one. */
export function parseRingTime(text: string) {
  const m = RING_TIME.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, offset] = m;
  return {
    parts: [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0)] as const,
    offset: offset ?? null,
  };
}
