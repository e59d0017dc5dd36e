// Isomorphic (no Node imports): what the live-feed endpoints and forms accept.
import * as z from "zod";
import { MAPPING_FIELDS } from "@/lib/cdr/schema.ts";

/** How a batch of CDRs reached the app; kept on the coverage segment it opened. */
export const FEED_VIAS = ["freeswitch-json", "freeswitch-xml", "ami", "push"] as const;
export type FeedVia = (typeof FEED_VIAS)[number];

/** CDRs one push may carry: larger batches are split by the sender (413 names the limit). */
export const MAX_PUSH_CDRS = 10_000;

/** A field's value as JSON gives it: text, or a number (an epoch, a duration); null = absent. */
const scalar = z.union([z.string(), z.number()]).nullable().optional();

/**
 * One CDR of the generic JSON push: the fields of the mapped-CSV format (lib/cdr/schema.ts
 * MAPPING_FIELDS), by the same names. Other keys are ignored (a relay may forward a PBX's whole
 * record). A CDR whose fields do not read (no start, a date that is not one) is not refused
 * here: it is kept as a reject of the feed's import, with the reason, like a bad row of a file.
 */
export const feedCdrSchema = z.looseObject(Object.fromEntries(MAPPING_FIELDS.map((f) => [f, scalar])) as Record<(typeof MAPPING_FIELDS)[number], typeof scalar>);
export type FeedCdr = z.infer<typeof feedCdrSchema>;

/** The body of `POST /api/v1/sources/:name/cdrs`: one CDR, or an array of them (`[]` is a heartbeat). */
export const feedPushSchema = z.union([feedCdrSchema, z.array(feedCdrSchema).max(MAX_PUSH_CDRS)]);
export type FeedPush = z.infer<typeof feedPushSchema>;

export const amiSettingsSchema = z.strictObject({
  host: z
    .string()
    .trim()
    .min(1, { error: "The PBX's manager host is needed" })
    .max(255)
    .regex(/^[A-Za-z0-9.:_\-[\]]+$/, { error: "A host name or IP address" }),
  port: z.int().min(1).max(65_535).default(5038),
  username: z.string().trim().min(1, { error: "The manager.conf user is needed" }).max(100).regex(/^[^\s\p{Cc}]+$/u, { error: "No spaces or control characters" }),
  /** Omitted: keep the stored one. */
  secret: z.string().min(1).max(200).regex(/^[^\r\n]+$/, { error: "One line" }).optional(),
});
export type AmiSettings = z.output<typeof amiSettingsSchema>;

/** `PUT /api/v1/sources/:name/feed` and the source page's form. */
export const feedSettingsSchema = z.strictObject({
  /** Minutes without a CDR or heartbeat after which the feed counts as down. */
  quietMinutes: z.int().min(1).max(1440).optional(),
  /** The Asterisk manager connection (null: none). */
  ami: amiSettingsSchema.nullable().optional(),
  /** Makes a new feed secret (the old one stops working); it is answered once. */
  rotateSecret: z.boolean().optional(),
});
export type FeedSettingsInput = z.input<typeof feedSettingsSchema>;
export type FeedSettings = z.output<typeof feedSettingsSchema>;

/**
 * The source page's form fields as the input feedSettingsSchema checks: `quietMinutes`, and
 * `amiHost`, `amiPort`, `amiUsername`, `amiSecret` (a blank host removes the AMI connection; a
 * blank secret keeps the stored one).
 */
export function feedSettingsFromForm(fields: Record<string, string>): Record<string, unknown> {
  const text = (key: string) => {
    const value = fields[key]?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const input: Record<string, unknown> = {};
  const quiet = text("quietMinutes");
  if (quiet !== undefined) input.quietMinutes = /^\d+$/.test(quiet) ? Number(quiet) : quiet;
  const host = text("amiHost");
  if (host === undefined) {
    if ("amiHost" in fields) input.ami = null;
  } else {
    const port = text("amiPort");
    input.ami = {
      host,
      ...(port === undefined ? {} : { port: /^\d+$/.test(port) ? Number(port) : port }),
      username: fields.amiUsername ?? "",
      ...(fields.amiSecret ? { secret: fields.amiSecret } : {}),
    };
  }
  return input;
}
