// POST /api/v1/cdr-imports/preview?source=NAME[&format=F][&timezone=TZ][&filename=F] – a dry run
// with the file as the body (raw, or multipart/form-data): the detected format and the first 50 rows as they would be stored,
// with the rejects and warnings among them. Reads only that far, writes nothing. 422 with the
// reason for a file the import would refuse.
import * as z from "zod";
import { apiRoute, jsonError, zodError } from "@/lib/auth/api.ts";
import { findSource } from "@/lib/cdr/data.ts";
import { CdrFileRefused } from "@/lib/cdr/errors.ts";
import { previewCdrFile } from "@/lib/cdr/preview.ts";
import { type ColumnMapping, cdrFormatSchema } from "@/lib/cdr/schema.ts";
import { timeZoneSchema } from "@/lib/cdr/source-schema.ts";
import { MultipartError } from "@/lib/cdr/multipart.ts";
import { UploadTooLarge, maxUploadBytes, uploadedFile } from "@/lib/cdr/uploads.ts";

const querySchema = z.object({
  source: z.string().trim().min(1, { error: "`source` names the CDR source whose settings the preview uses" }),
  format: cdrFormatSchema.optional(),
  timezone: timeZoneSchema.optional(),
  filename: z.string().trim().min(1).max(255).optional(),
});

export const POST = apiRoute({ role: "AGENT" }, async (request) => {
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return zodError(query.error);
  if (request.body === null) return jsonError(400, "invalid_request", "Send the CDR file as the request body.");
  const source = await findSource(query.data.source);
  if (source === null) return jsonError(404, "not_found", `No CDR source named ${query.data.source}.`);
  try {
    const file = await uploadedFile(request.body, request.headers.get("content-type"), maxUploadBytes());
    const preview = await previewCdrFile(file.content, {
      format: query.data.format ?? (source.format as z.infer<typeof cdrFormatSchema>),
      timeZone: query.data.timezone ?? source.timeZone,
      defaultCountry: source.defaultCountry,
      ...(source.mapping === null ? {} : { mapping: source.mapping as ColumnMapping }),
      fileName: query.data.filename ?? file.fileName ?? "upload.csv",
    });
    return Response.json(preview);
  } catch (error) {
    if (error instanceof UploadTooLarge) return jsonError(413, "payload_too_large", `The file is larger than the upload limit of ${error.limit} bytes.`, { limit: error.limit });
    if (error instanceof MultipartError) return jsonError(400, "invalid_request", `The form upload is not usable: ${error.message}.`);
    if (error instanceof CdrFileRefused) return jsonError(422, "file_refused", error.message, { code: error.code, line: error.line });
    throw error;
  }
});
