// POST /api/v1/cdr-imports?source=NAME[&format=F][&timezone=TZ][&filename=F] – the CDR export
// (CSV, or gzipped CSV) is the raw request body, or the file of a multipart/form-data body (its
// name then names the import unless `filename` is given). It is streamed to disk (never held in memory),
// recorded as a QUEUED import and handed to the job queue: 202 `{ id }` as soon as the file is
// stored, Location: GET /api/v1/cdr-imports/{id}, which shows the progress and then the outcome.
// Bodies over GHOSTLINE_MAX_UPLOAD_BYTES (default 2 GiB) get 413: up front from Content-Length,
// or while streaming (nothing is recorded then). When the job queue does not take the import,
// 503 `{ id }`: the import is FAILED with the reason, its file kept for POST …/{id}/retry.
import { apiRoute } from "@/lib/auth/api.ts";
import { actorLabel } from "@/lib/auth/session.ts";
import { cdrImportErrorResponse, openCdrUpload } from "@/lib/cdr/request.ts";
import { removeUpload, saveUpload } from "@/lib/cdr/uploads.ts";
import { createQueuedImport } from "@/lib/cdr/writes.ts";
import { queueImport } from "@/lib/jobs/boss.ts";

export const POST = apiRoute({ role: "AGENT" }, async (request, { actor }) => {
  const opened = await openCdrUpload(request);
  if ("response" in opened) return opened.response;
  const { upload } = opened;
  try {
    const saved = await saveUpload(upload.content);
    let id: string;
    try {
      ({ id } = await createQueuedImport({
        source: { id: upload.source.id },
        fileName: upload.fileName,
        fileSize: saved.size,
        uploadPath: saved.path,
        ...upload.overrides,
        importedBy: actorLabel(actor),
      }));
    } catch (error) {
      await removeUpload(saved.path);
      throw error;
    }
    await queueImport(id);
    return Response.json({ id }, { status: 202, headers: { location: `/api/v1/cdr-imports/${id}` } });
  } catch (error) {
    const response = cdrImportErrorResponse(error);
    if (response === null) throw error;
    return response;
  }
});
