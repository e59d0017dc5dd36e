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
