// GET /api/v1/customers/:account – one customer with numbers, sources and phones.
// PATCH – { name?, timeZone?, numbers?, sources? }: given lists replace the stored ones (agents).
// DELETE – the customer and everything about it: rings, phones, cases (supervisors).
import { apiRoute, jsonError, parseJsonBody } from "@/lib/auth/api.ts";
import { getCustomer } from "@/lib/customers/data.ts";
import { auditActor } from "@/lib/auth/actor.ts";
import { responseOf } from "@/lib/customers/boundary.ts";
import { customerUpdateSchema } from "@/lib/customers/schema.ts";
import { deleteCustomer, updateCustomer } from "@/lib/customers/writes.ts";

type Params = { account: string };

export const GET = apiRoute<Params>({ role: "AGENT" }, async (_request, { params }) => {
  const customer = await getCustomer(params.account);
  if (!customer) return jsonError(404, "not_found", `no customer with account ${params.account}`);
  return Response.json({ customer });
});

export const PATCH = apiRoute<Params>({ role: "AGENT" }, async (request, { actor, params }) => {
  const body = await parseJsonBody(request, customerUpdateSchema);
  if ("response" in body) return body.response;
  try {
    return Response.json({ customer: await updateCustomer(params.account, body.data, auditActor(actor)) });
  } catch (error) {
    return responseOf(error);
  }
});

export const DELETE = apiRoute<Params>({ role: "SUPERVISOR" }, async (_request, { actor, params }) => {
  try {
    return Response.json(await deleteCustomer(params.account, auditActor(actor)));
  } catch (error) {
    return responseOf(error);
  }
});
