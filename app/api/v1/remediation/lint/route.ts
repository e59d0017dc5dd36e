// POST /api/v1/remediation/lint – checks pasted override text against the catalog for one vendor,
// model and firmware: { ok, findings }. Body: lib/remediation/schema.ts lintRequestSchema.
import { apiRoute, parseJsonBody } from "@/lib/auth/api.ts";
import { lintOverrides } from "@/lib/remediation/lint.ts";
import { lintRequestSchema } from "@/lib/remediation/schema.ts";

export const POST = apiRoute({ role: "AGENT" }, async (request) => {
  const body = await parseJsonBody(request, lintRequestSchema);
  if ("response" in body) return body.response;
  return Response.json(lintOverrides(body.data));
});
