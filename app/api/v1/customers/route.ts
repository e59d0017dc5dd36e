// GET /api/v1/customers – customers with their numbers and sources, paginated
// (?page, ?perPage ≤ 200, ?q searches account, name and numbers, ?sort, ?dir).
import { apiRoute, zodError } from "@/lib/auth/api.ts";
import { listCustomers } from "@/lib/customers/data.ts";
import { customerListQuerySchema } from "@/lib/customers/schema.ts";

export const GET = apiRoute({ role: "AGENT" }, async (request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = customerListQuerySchema.safeParse(params);
  if (!query.success) return zodError(query.error);
  return Response.json(await listCustomers(query.data));
});
