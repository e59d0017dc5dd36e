// GET /api/v1/cdr-imports/{id} – one CDR import's summary (404 when unknown).
import { apiRoute, jsonError } from "@/lib/auth/api.ts";
import { getImport, importSummary } from "@/lib/cdr/data.ts";

export const GET = apiRoute<{ id: string }>({ role: "AGENT" }, async (_request, { params }) => {
  const found = await getImport(params.id);
  if (found === null) return jsonError(404, "not_found", `No CDR import ${params.id}.`);
  return Response.json(importSummary(found));
});
