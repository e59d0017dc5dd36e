// POST /api/v1/remediation – the phone overrides that stop ghost calls for one vendor, model and
// firmware: { lines, text, warnings, firewall? }. Body: lib/remediation/schema.ts remediationRequestSchema.
import { apiRoute, parseJsonBody } from "@/lib/auth/api.ts";
import { generateOverrides } from "@/lib/remediation/generate.ts";
import { remediationRequestSchema } from "@/lib/remediation/schema.ts";

export const POST = apiRoute({ role: "AGENT" }, async (request) => {
  const body = await parseJsonBody(request, remediationRequestSchema);
  if ("response" in body) return body.response;
  return Response.json(generateOverrides(body.data));
});
