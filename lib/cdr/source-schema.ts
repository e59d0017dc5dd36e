// Isomorphic (no Node imports): what a CDR source is made of, for the CLI, forms and API.
import { isSupportedCountry } from "libphonenumber-js";
import * as z from "zod";
import { cdrFormatSchema, columnMappingSchema } from "./schema";

/** The canonical IANA name for `zone` (e.g. `europe/paris` → `Europe/Paris`), or null if unknown. */
export function canonicalTimeZone(zone: string): string | null {
  if (zone.trim() === "") return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export const timeZoneSchema = z
  .string()
  .trim()
  .transform((zone, ctx) => {
    const canonical = canonicalTimeZone(zone);
    if (canonical === null) {
      ctx.addIssue({ code: "custom", message: `Unknown IANA time zone "${zone}" (e.g. America/New_York, Europe/Paris, UTC)` });
      return z.NEVER;
    }
    return canonical;
  });

export const countrySchema = z
  .string()
  .trim()
  .transform((c) => c.toUpperCase())
  .refine((c) => /^[A-Z]{2}$/.test(c) && isSupportedCountry(c), { error: "Unknown ISO 3166 alpha-2 country code" });

export const cdrSourceInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { error: "A source needs a name" })
      .max(100)
      .regex(/^[^\p{Cc}]+$/u, { error: "Control characters are not allowed in a name" }),
    format: cdrFormatSchema,
    timeZone: timeZoneSchema,
    defaultCountry: countrySchema.default("US"),
    mapping: columnMappingSchema.optional(),
  })
  .refine((s) => s.format !== "mapped" || s.mapping !== undefined, {
    error: "Format `mapped` needs a column mapping",
    path: ["mapping"],
  })
  .refine((s) => s.format === "mapped" || s.mapping === undefined, {
    error: "A column mapping only applies to format `mapped`",
    path: ["mapping"],
  });
export type CdrSourceInput = z.input<typeof cdrSourceInputSchema>;
export type CdrSourceData = z.output<typeof cdrSourceInputSchema>;
