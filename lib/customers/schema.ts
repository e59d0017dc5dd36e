// Isomorphic: what a customers list request may ask for.
import * as z from "zod";

// Sort keys are an allow-list mapped to columns on the server, never passed
// through (sadmann7/tablecn's parsers.ts does the same for its tables).
export const customerSortSchema = z.enum(["account", "name", "createdAt"]);

export const customerListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(50),
  q: z.string().trim().max(200).optional(),
  sort: customerSortSchema.default("account"),
  dir: z.enum(["asc", "desc"]).default("asc"),
});
export type CustomerListQuery = z.infer<typeof customerListQuerySchema>;

// Time zones the runtime knows (IANA names); a typo would silently shift
// every local ring time, so it is refused.
export const timeZoneSchema = z.string().trim().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { error: (iss) => `unknown time zone ${JSON.stringify(iss.input)} (use an IANA name like America/Chicago)` },
);

const list = z.string().trim().transform((s) => s.split(";").map((x) => x.trim()).filter(Boolean));

/** One row of `ghostline customers import`: account,name,timezone,numbers,sources. */
export const customerImportRowSchema = z.object({
  account: z.string().trim().min(1, { error: "account is empty" }).max(64),
  name: z.string().trim().min(1, { error: "name is empty" }).max(200),
  timezone: timeZoneSchema,
  numbers: list,
  sources: list,
});
export type CustomerImportRow = z.output<typeof customerImportRowSchema>;
