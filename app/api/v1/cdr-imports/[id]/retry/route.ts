// POST /api/v1/cdr-imports/{id}/retry – runs a FAILED import again from its kept upload:
// 202 `{ id }` once it is queued; 404 unknown; 409 when it is not FAILED or its file is no
// longer kept (a file gone from disk is found by the job, which fails it for good);
// 503 when the job queue does not take it (it is FAILED again, with the reason: retry later).
import * as z from "zod";
import { apiRoute, jsonError } from "@/lib/auth/api.ts";
import { auditActor } from "@/lib/auth/actor.ts";
import { cdrImportErrorResponse } from "@/lib/cdr/request.ts";
import { ImportNotRetryable, requeueImport } from "@/lib/cdr/writes.ts";
import { queueImport } from "@/lib/jobs/boss.ts";

export const POST = apiRoute<{ id: string }>({ role: "AGENT" }, async (_request, { actor, params }) => {
  const id = z.uuid().safeParse(params.id);
  const notFound = () => jsonError(404, "not_found", `No CDR import ${params.id}.`);
  if (!id.success) return notFound();
  try {
    if (!(await requeueImport(id.data, auditActor(actor)))) return notFound();
    await queueImport(id.data);
  } catch (error) {
    if (error instanceof ImportNotRetryable) return jsonError(409, "conflict", error.message);
    const response = cdrImportErrorResponse(error);
    if (response === null) throw error;
    return response;
  }
  return Response.json({ id: id.data }, { status: 202, headers: { location: `/api/v1/cdr-imports/${id.data}` } });
});
