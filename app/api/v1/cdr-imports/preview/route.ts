// POST /api/v1/cdr-imports/preview?source=NAME[&format=F][&timezone=TZ][&filename=F] – a dry run
// of the upload with the same query and body (raw, or multipart/form-data): the detected format
// and the first 50 rows as they would be stored, with the rejects and warnings among them. Reads
// only that far, writes nothing. 413 over the upload limit as the upload answers it; 422 with
// the reason for a file the import would refuse.
import { apiRoute } from "@/lib/auth/api.ts";
import { previewCdrFile } from "@/lib/cdr/preview.ts";
import { cdrImportErrorResponse, openCdrUpload, uploadParseOptions } from "@/lib/cdr/request.ts";

export const POST = apiRoute({ role: "AGENT" }, async (request) => {
  const opened = await openCdrUpload(request);
  if ("response" in opened) return opened.response;
  try {
    return Response.json(await previewCdrFile(opened.upload.content, uploadParseOptions(opened.upload)));
  } catch (error) {
    const response = cdrImportErrorResponse(error);
    if (response === null) throw error;
    return response;
  }
});
