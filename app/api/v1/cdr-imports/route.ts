// POST /api/v1/cdr-imports?source=NAME[&format=F][&timezone=TZ][&filename=F] – the CDR export
// (CSV, or gzipped CSV) is the raw request body, streamed into the loader (never buffered whole).
// The load runs inline, in one transaction, and answers 201 with the recorded import's summary
// (status LOADED, or REFUSED / FAILED with `error`); Location points at GET /api/v1/cdr-imports/{id}.
// Bodies over GHOSTLINE_MAX_UPLOAD_BYTES (default 2 GiB) get 413: up front from Content-Length,
// or while streaming (the aborted load is then recorded as FAILED).
import * as z from "zod";
import { apiRoute, jsonError, zodError } from "@/lib/auth/api.ts";
import { actorLabel } from "@/lib/auth/session.ts";
import { getImport, importSummary } from "@/lib/cdr/data.ts";
import { CdrSourceNotFound, loadCdrFile } from "@/lib/cdr/load.ts";
import { cdrFormatSchema } from "@/lib/cdr/schema.ts";
import { timeZoneSchema } from "@/lib/cdr/source-schema.ts";

const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

/** GHOSTLINE_MAX_UPLOAD_BYTES, read per request; the default when unset or not a positive integer. */
function maxUploadBytes(): number {
  const value = Number(process.env.GHOSTLINE_MAX_UPLOAD_BYTES);
  return Number.isSafeInteger(value) && value > 0 ? value : DEFAULT_MAX_UPLOAD_BYTES;
}

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

class UploadTooLarge extends Error {
  override readonly name = "UploadTooLarge";
  constructor(readonly limit: number) {
    super(`the upload is larger than ${limit} bytes`);
  }
}

const tooLarge = (limit: number, extra?: object) =>
  jsonError(413, "payload_too_large", `The file is larger than the upload limit of ${limit} bytes (GHOSTLINE_MAX_UPLOAD_BYTES); import it with \`npx ghostline import-cdrs\` instead.`, { limit, ...extra });

/** The body's bytes as they arrive; throws UploadTooLarge once more than `limit` have come. */
async function* limited(body: ReadableStream<Uint8Array>, limit: number, state: { tooLarge: boolean }): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let total = 0;
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      total += next.value.byteLength;
      if (total > limit) {
        state.tooLarge = true;
        throw new UploadTooLarge(limit);
      }
      yield next.value;
    }
  } finally {
    // Stop the upload when the loader stopped reading early (refused file, over the limit).
    if (!done) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

export const POST = apiRoute({ role: "AGENT" }, async (request, { actor }) => {
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return zodError(query.error);
  const limit = maxUploadBytes();
  const lengthHeader = request.headers.get("content-length");
  const declared = lengthHeader === null ? null : Number(lengthHeader);
  if (declared !== null && Number.isSafeInteger(declared) && declared > limit) return tooLarge(limit);
  if (request.body === null) return jsonError(400, "invalid_request", "Send the CDR file as the request body.");

  const state = { tooLarge: false };
  let result;
  try {
    result = await loadCdrFile({
      source: query.data.source,
      file: {
        input: limited(request.body, limit, state),
        fileName: query.data.filename ?? "upload.csv",
        ...(declared !== null && Number.isSafeInteger(declared) && declared >= 0 ? { size: declared } : {}),
      },
      ...(query.data.format === undefined ? {} : { format: query.data.format }),
      ...(query.data.timezone === undefined ? {} : { timeZone: query.data.timezone }),
      importedBy: actorLabel(actor),
    });
  } catch (error) {
    if (error instanceof CdrSourceNotFound) {
      return jsonError(404, "not_found", `No CDR source named ${error.sourceName}; an admin adds it with \`npx ghostline sources add\`.`);
    }
    throw error;
  }
  if (state.tooLarge) return tooLarge(limit, { id: result.importId, status: result.status });
  const recorded = await getImport(result.importId);
  if (recorded === null) throw new Error(`cdr_import ${result.importId} was not recorded`);
  return Response.json(importSummary(recorded), {
    status: 201,
    headers: { location: `/api/v1/cdr-imports/${result.importId}` },
  });
});
