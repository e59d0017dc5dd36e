// Isomorphic: what a customers list request may ask for.
import * as z from "zod";
import { hasNul } from "@/lib/nul.ts";
import { timeZoneSchema } from "@/lib/time-zone.ts";

// Sort keys are an allow-list mapped to columns on the server, never passed
// through (sadmann7/tablecn's parsers.ts does the same for its tables).
export const customerSortSchema = z.enum(["account", "name", "createdAt"]);

export const customerListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(50),
  // PostgreSQL's text cannot hold U+0000: it would refuse the query (22021), a 500.
  q: z.string().trim().max(200).refine((s) => !hasNul(s), "must not contain NUL (U+0000)").optional(),
  sort: customerSortSchema.default("account"),
  dir: z.enum(["asc", "desc"]).default("asc"),
});
export type CustomerListQuery = z.infer<typeof customerListQuerySchema>;

const list = z.string().trim().transform((s) => s.split(";").map((x) => x.trim()).filter(Boolean));

// The account code is the customer's key in URLs (/customers/ACME-001) and in
// ticket exports, so it is kept to characters that need no escaping anywhere.
export const accountSchema = z
  .string()
  .trim()
  .min(1, { error: "account is empty" })
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: "account may use letters, digits, '.', '_' and '-' only" })
  // /customers/new is the creation page.
  .refine((account) => account.toLowerCase() !== "new", { error: "account can't be \"new\"" });
const nameSchema = z.string().trim().min(1, { error: "name is empty" }).max(200);

/** One row of `ghostline customers import`: account,name,timezone,numbers,sources. */
export const customerImportRowSchema = z.object({
  account: accountSchema,
  name: nameSchema,
  timezone: timeZoneSchema,
  numbers: list,
  sources: list,
});
export type CustomerImportRow = z.output<typeof customerImportRowSchema>;

// Numbers as a list (API) or as text with one per line, or separated by ';'
// or ',' (the form's textarea, the CSV's cell). Notation is free: the server
// normalises with the source's country.
const numbersSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(/[\n;,]/)).map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(64)).max(200, { error: "at most 200 numbers per customer" }));

// CDR source names; a form sends none when every box is unticked.
const sourcesSchema = z
  .array(z.string().trim().min(1).max(100))
  .max(50)
  .transform((names) => [...new Set(names)]);

/** POST /api/v1/customers and the "New customer" form. */
export const customerCreateSchema = z.object({
  account: accountSchema,
  name: nameSchema,
  timeZone: timeZoneSchema,
  numbers: numbersSchema.default([]),
  sources: sourcesSchema.default([]),
});
export type CustomerCreateInput = z.input<typeof customerCreateSchema>;
export type CustomerCreate = z.output<typeof customerCreateSchema>;

/**
 * PATCH /api/v1/customers/:account and the edit form: what is given replaces
 * what is stored (numbers and sources are the whole new lists).
 */
export const customerUpdateSchema = z
  .strictObject({
    name: nameSchema.optional(),
    timeZone: timeZoneSchema.optional(),
    numbers: numbersSchema.optional(),
    sources: sourcesSchema.optional(),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), { error: "nothing to change: give name, timeZone, numbers or sources" });
export type CustomerUpdate = z.output<typeof customerUpdateSchema>;
