// POST /api/v1/cdr-imports?source=NAME[&format=F][&timezone=TZ][&filename=F] – the CDR export
// (CSV, or gzipped CSV) is the raw request body, or the file of a multipart/form-data body (its
// name then names the import unless `filename` is given). It is streamed to disk (never held in memory),
// recorded as a QUEUED import and handed to the job queue: 202 `{ id }` as soon as the file is
// stored, Location: GET /api/v1/cdr-imports/{id}, which shows the progress and then the outcome.
// Bodies over GHOSTLINE_MAX_UPLOAD_BYTES (default 2 GiB) get 413: up front from Content-Length,
// or while streaming (nothing is recorded then).
import * as z from "zod";
import { apiRoute, jsonError, zodError } from "@/lib/auth/api.ts";
import { actorLabel } from "@/lib/auth/session.ts";
import { findSource } from "@/lib/cdr/data.ts";
import { cdrFormatSchema } from "@/lib/cdr/schema.ts";
import { timeZoneSchema } from "@/lib/cdr/source-schema.ts";
import { MultipartError } from "@/lib/cdr/multipart.ts";
import { UploadTooLarge, maxUploadBytes, removeUpload, saveUpload, uploadedFile } from "@/lib/cdr/uploads.ts";
import { createQueuedImport, markImportFailed } from "@/lib/cdr/writes.ts";
import { enqueueImport } from "@/lib/jobs/boss.ts";

const querySchema = z.object({
  source: z.string().trim().min(1, { error: "`source` names the CDR source the file comes from" }),
  format: cdrFormatSchema.optional(),
  timezone: timeZoneSchema.optional(),
  filename: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .regex(/^[^\p{Cc}/\\]+$/u, { error: "A file name has no control characters or slashes" })
    .optional(),
});

const tooLarge = (limit: number) =>
  jsonError(413, "payload_too_large", `The file is larger than the upload limit of ${limit} bytes (GHOSTLINE_MAX_UPLOAD_BYTES); import it with \`npx ghostline import-cdrs\` instead.`, { limit });

export const POST = apiRoute({ role: "AGENT" }, async (request, { actor }) => {
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return zodError(query.error);
  const limit = maxUploadBytes();
  const lengthHeader = request.headers.get("content-length");
  const declared = lengthHeader === null ? null : Number(lengthHeader);
  if (declared !== null && Number.isSafeInteger(declared) && declared > limit) return tooLarge(limit);
  if (request.body === null) return jsonError(400, "invalid_request", "Send the CDR file as the request body.");
  // Before reading a byte of a possibly huge body.
  if ((await findSource(query.data.source)) === null) {
    return jsonError(404, "not_found", `No CDR source named ${query.data.source}; a supervisor adds it on the Imports page.`);
  }

  let upload;
  let sentName: string | null;
  try {
    const file = await uploadedFile(request.body, request.headers.get("content-type"), limit);
    sentName = file.fileName;
    upload = await saveUpload(file.content);
  } catch (error) {
    if (error instanceof UploadTooLarge) return tooLarge(limit);
    if (error instanceof MultipartError) return jsonError(400, "invalid_request", `The form upload is not usable: ${error.message}.`);
    throw error;
  }
  let id: string;
  try {
    ({ id } = await createQueuedImport({
      source: query.data.source,
      fileName: query.data.filename ?? sentName ?? "upload.csv",
      fileSize: upload.size,
      uploadPath: upload.path,
      ...(query.data.format === undefined ? {} : { format: query.data.format }),
      ...(query.data.timezone === undefined ? {} : { timeZone: query.data.timezone }),
      importedBy: actorLabel(actor),
    }));
  } catch (error) {
    await removeUpload(upload.path);
    throw error;
  }
  try {
    await enqueueImport(id);
  } catch (error) {
    // The file stays, so the import can be retried once the queue is back.
    await markImportFailed(id, `The job queue did not take the import (${error instanceof Error ? error.message : String(error)}); retry it.`);
    throw error;
  }
  return Response.json({ id }, { status: 202, headers: { location: `/api/v1/cdr-imports/${id}` } });
});
