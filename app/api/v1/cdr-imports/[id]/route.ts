// GET /api/v1/cdr-imports/{id} – one CDR import's summary (404 when unknown): status (QUEUED,
// RUNNING, then LOADED / REFUSED / FAILED), live `progress` (rows, bytes, fileSize, rowsPerSecond,
// etaSeconds), the counts, warnings in words (`messages`) and, when it failed, `error` and `retryable`.
import { apiRoute, jsonError } from "@/lib/auth/api.ts";
import { getImport, importSummary } from "@/lib/cdr/data.ts";

export const GET = apiRoute<{ id: string }>({ role: "AGENT" }, async (_request, { params }) => {
  const found = await getImport(params.id);
  if (found === null) return jsonError(404, "not_found", `No CDR import ${params.id}.`);
  return Response.json(importSummary(found), { headers: { "cache-control": "no-store" } });
});
