// POST /api/v1/remediation – the phone overrides that stop ghost calls for one vendor, model and
// firmware: { lines, text, warnings, firewall? }. Body: lib/remediation/schema.ts remediationRequestSchema.
import { apiRoute, jsonError, zodError } from "@/lib/auth/api.ts";
import { generateOverrides } from "@/lib/remediation/generate.ts";
import { remediationRequestSchema } from "@/lib/remediation/schema.ts";

export const POST = apiRoute({ role: "AGENT" }, async (request) => {
  const body: unknown = await request.json().catch(() => undefined);
  if (body === undefined) return jsonError(400, "invalid_json", "The request body must be a JSON object.");
  const parsed = remediationRequestSchema.safeParse(body);
  if (!parsed.success) return zodError(parsed.error);
  return Response.json(generateOverrides(parsed.data));
});
