import "server-only";
// The request of a CDR upload (POST /api/v1/cdr-imports) and of its dry run (…/preview): the
// same query string, the same size limit and the same answers, so that a preview shows what
// the import of the same request would load.
import * as z from "zod";
import { jsonError, zodError } from "@/lib/auth/api.ts";
import { ImportNotQueued } from "@/lib/jobs/boss.ts";
import { timeZoneSchema } from "@/lib/time-zone.ts";
import { findSource } from "./data";
import { CdrFileRefused } from "./errors";
import { cleanFileName } from "./file-name";
import { MultipartError } from "./multipart";
import { type CdrFormat, type CdrParseOptions, cdrFormatSchema, sourceParseOptions } from "./schema";
import { UploadTooLarge, maxUploadBytes, uploadedFile } from "./uploads";

export const cdrUploadQuerySchema = z.object({
  source: z.string().trim().min(1, { error: "`source` names the CDR source the file comes from" }),
  format: cdrFormatSchema.optional(),
  timezone: timeZoneSchema.optional(),
  // Cleaned as a multipart file's name is: a path or control characters are not a reason to refuse a file.
  filename: z
    .string()
    .transform((name, ctx) => {
      const cleaned = cleanFileName(name);
      if (cleaned === null) ctx.addIssue({ code: "custom", message: "`filename` has no usable characters" });
      return cleaned ?? z.NEVER;
    })
    .optional(),
});

type CdrSourceSettings = NonNullable<Awaited<ReturnType<typeof findSource>>>;

/** The format and time zone a request asks for instead of its source's (absent: the source's). */
export type CdrOverrides = { format?: CdrFormat; timeZone?: string };

export interface CdrUpload {
  source: CdrSourceSettings;
  overrides: CdrOverrides;
  /** The `filename` parameter, else the multipart file's name, else `upload.csv`. */
  fileName: string;
  /** The file's bytes as they arrive; reading past the upload limit throws UploadTooLarge. */
  content: AsyncIterable<Uint8Array>;
}

/**
 * Opens the file of an upload request: 400 for a bad query string or no body, 404 for an
 * unknown source, 413 when Content-Length is over GHOSTLINE_MAX_UPLOAD_BYTES (a body without
 * one is counted as it is read). The source is looked up before a byte of the body is read.
 */
export async function openCdrUpload(request: Request): Promise<{ upload: CdrUpload } | { response: Response }> {
  const query = cdrUploadQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return { response: zodError(query.error) };
  const limit = maxUploadBytes();
  const lengthHeader = request.headers.get("content-length");
  const declared = lengthHeader === null ? null : Number(lengthHeader);
  if (declared !== null && Number.isSafeInteger(declared) && declared > limit) return { response: tooLarge(limit) };
  if (request.body === null) return { response: jsonError(400, "invalid_request", "Send the CDR file as the request body.") };
  const source = await findSource(query.data.source);
  if (source === null) {
    return { response: jsonError(404, "not_found", `No CDR source named ${query.data.source}; a supervisor adds it on the Imports page.`) };
  }
  try {
    const file = await uploadedFile(request.body, request.headers.get("content-type"), limit);
    const { format, timezone, filename } = query.data;
    return {
      upload: {
        source,
        overrides: { ...(format === undefined ? {} : { format }), ...(timezone === undefined ? {} : { timeZone: timezone }) },
        fileName: filename ?? file.fileName ?? "upload.csv",
        content: file.content,
      },
    };
  } catch (error) {
    const response = cdrImportErrorResponse(error);
    if (response === null) throw error;
    return { response };
  }
}

/** How an upload's rows are read: the overrides, else the source's settings (as the loader reads them). */
export function uploadParseOptions(upload: CdrUpload): CdrParseOptions {
  return sourceParseOptions(upload.source, upload.overrides, upload.fileName);
}

function tooLarge(limit: number) {
  return jsonError(
    413,
    "payload_too_large",
    `The file is larger than the upload limit of ${limit} bytes (GHOSTLINE_MAX_UPLOAD_BYTES); import it with \`npx ghostline import-cdrs\` instead.`,
    { limit },
  );
}

/**
 * The answer to an error met while an upload streams in, is parsed, or its import is queued:
 * 413 over the limit, 400 for an unusable form, 422 for a file the import would refuse, 503
 * when the job queue did not take the import. Null for any other error (the caller rethrows it).
 */
export function cdrImportErrorResponse(error: unknown): Response | null {
  if (error instanceof UploadTooLarge) return tooLarge(error.limit);
  if (error instanceof MultipartError) return jsonError(400, "invalid_request", `The form upload is not usable: ${error.message}.`);
  if (error instanceof CdrFileRefused) return jsonError(422, "file_refused", error.message, { code: error.code, line: error.line });
  if (error instanceof ImportNotQueued) return jsonError(503, "queue_unavailable", error.message, { id: error.importId });
  return null;
}
