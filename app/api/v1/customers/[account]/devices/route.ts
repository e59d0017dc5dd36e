// POST /api/v1/customers/:account/devices – add a phone: { vendor, model, firmware, mac?, extension? }
// (vendor and model from the remediation catalog; firmware in the vendor's format; MAC in any
// common notation, unique). 201 with the stored phone; 400/404/409 with fieldErrors.
import { apiRoute, parseJsonBody } from "@/lib/auth/api.ts";
import { auditActor } from "@/lib/auth/actor.ts";
import { responseOf } from "@/lib/customers/boundary.ts";
import { deviceInputSchema } from "@/lib/devices/schema.ts";
import { createDevice } from "@/lib/devices/writes.ts";

export const POST = apiRoute<{ account: string }>({ role: "AGENT" }, async (request, { actor, params }) => {
  const body = await parseJsonBody(request, deviceInputSchema);
  if ("response" in body) return body.response;
  try {
    return Response.json({ device: await createDevice(params.account, body.data, auditActor(actor)) }, { status: 201 });
  } catch (error) {
    return responseOf(error);
  }
});
