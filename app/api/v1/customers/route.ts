// GET /api/v1/customers – customers with their numbers and sources, paginated
// (?page, ?perPage ≤ 200, ?q searches account, name and numbers, ?sort, ?dir).
// POST /api/v1/customers – create one: { account, name, timeZone, numbers?, sources? }
// (supervisors); 201 with the stored customer, 400/409 with fieldErrors.
import { apiRoute, parseJsonBody, zodError } from "@/lib/auth/api.ts";
import { listCustomers } from "@/lib/customers/data.ts";
import { auditActor } from "@/lib/auth/actor.ts";
import { responseOf } from "@/lib/customers/boundary.ts";
import { customerCreateSchema, customerListQuerySchema } from "@/lib/customers/schema.ts";
import { createCustomer } from "@/lib/customers/writes.ts";

export const GET = apiRoute({ role: "AGENT" }, async (request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = customerListQuerySchema.safeParse(params);
  if (!query.success) return zodError(query.error);
  return Response.json(await listCustomers(query.data));
});

export const POST = apiRoute({ role: "SUPERVISOR" }, async (request, { actor }) => {
  const body = await parseJsonBody(request, customerCreateSchema);
  if ("response" in body) return body.response;
  try {
    const customer = await createCustomer(body.data, auditActor(actor));
    return Response.json({ customer }, { status: 201 });
  } catch (error) {
    return responseOf(error);
  }
});
