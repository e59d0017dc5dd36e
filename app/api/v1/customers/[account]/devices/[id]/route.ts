// PATCH /api/v1/customers/:account/devices/:id – change some of a phone's fields (null clears
// mac or extension); the result is checked whole against the catalog.
// DELETE – remove the phone from the customer's record.
import * as z from "zod";
import { apiRoute, jsonError, parseJsonBody } from "@/lib/auth/api.ts";
import { auditActor } from "@/lib/auth/actor.ts";
import { responseOf } from "@/lib/customers/boundary.ts";
import { devicePatchSchema } from "@/lib/devices/schema.ts";
import { deleteDevice, updateDevice } from "@/lib/devices/writes.ts";

type Params = { account: string; id: string };

const notFound = (params: Params) => jsonError(404, "not_found", `customer ${params.account} has no phone ${params.id}`);

export const PATCH = apiRoute<Params>({ role: "AGENT" }, async (request, { actor, params }) => {
  if (!z.uuid().safeParse(params.id).success) return notFound(params);
  const body = await parseJsonBody(request, devicePatchSchema);
  if ("response" in body) return body.response;
  try {
    return Response.json({ device: await updateDevice(params.account, params.id, body.data, auditActor(actor)) });
  } catch (error) {
    return responseOf(error);
  }
});

export const DELETE = apiRoute<Params>({ role: "AGENT" }, async (_request, { actor, params }) => {
  if (!z.uuid().safeParse(params.id).success) return notFound(params);
  try {
    await deleteDevice(params.account, params.id, auditActor(actor));
    return new Response(null, { status: 204 });
  } catch (error) {
    return responseOf(error);
  }
});
