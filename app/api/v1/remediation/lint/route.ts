// POST /api/v1/remediation/lint – checks pasted override text against the catalog for one vendor,
// model and firmware: { ok, findings }. Body: lib/remediation/schema.ts lintRequestSchema.
import { apiRoute, jsonError, zodError } from "@/lib/auth/api.ts";
import { lintOverrides } from "@/lib/remediation/lint.ts";
import { lintRequestSchema } from "@/lib/remediation/schema.ts";

export const POST = apiRoute({ role: "AGENT" }, async (request) => {
  const body: unknown = await request.json().catch(() => undefined);
  if (body === undefined) return jsonError(400, "invalid_json", "The request body must be a JSON object.");
  const parsed = lintRequestSchema.safeParse(body);
  if (!parsed.success) return zodError(parsed.error);
  return Response.json(lintOverrides(parsed.data));
});
