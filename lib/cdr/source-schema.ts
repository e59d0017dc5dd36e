// Isomorphic (no Node imports): what a CDR source is made of, for the CLI, forms and API.
import { isSupportedCountry } from "libphonenumber-js";
import * as z from "zod";
import { timeZoneSchema } from "@/lib/time-zone.ts";
import { MAPPING_FIELDS, cdrFormatSchema, columnMappingSchema } from "./schema";

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

/**
 * The add-source form's fields (`name`, `format`, `timeZone`, `defaultCountry`, and for
 * `mapped` one `mapping.<field>` per column plus `mapping.dateFormat`, `mapping.hasHeader`,
 * `mapping.delimiter`) as the input cdrSourceInputSchema checks. A column is its header text,
 * or its 0-based position written as digits; blank fields are left out.
 */
export function sourceInputFromForm(fields: Record<string, string>): Record<string, unknown> {
  const text = (key: string) => {
    const value = fields[key]?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const input: Record<string, unknown> = { name: fields.name ?? "", format: fields.format ?? "", timeZone: fields.timeZone ?? "" };
  if (text("defaultCountry") !== undefined) input.defaultCountry = text("defaultCountry");
  if (fields.format !== "mapped") return input;
  const mapping: Record<string, unknown> = {};
  for (const field of MAPPING_FIELDS) {
    const value = text(`mapping.${field}`);
    if (value !== undefined) mapping[field] = /^\d+$/.test(value) ? Number(value) : value;
  }
  if (text("mapping.dateFormat") !== undefined) mapping.dateFormat = text("mapping.dateFormat");
  if (text("mapping.delimiter") !== undefined) mapping.delimiter = fields["mapping.delimiter"] === "tab" ? "\t" : text("mapping.delimiter");
  mapping.hasHeader = fields["mapping.hasHeader"] === "on" || fields["mapping.hasHeader"] === "true";
  input.mapping = mapping;
  return input;
}
