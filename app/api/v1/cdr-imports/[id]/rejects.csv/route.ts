// GET /api/v1/cdr-imports/{id}/rejects.csv – the import's rejected rows (line, reason, field, raw)
// as CSV, in line order, streamed a page at a time. Cells a spreadsheet would run as a formula
// (=, +, -, @) are prefixed with ' (lib/csv.ts): caller IDs and raw lines are untrusted.
import { apiRoute, jsonError } from "@/lib/auth/api.ts";
import { allRejects, getImport } from "@/lib/cdr/data.ts";
import { csvRow } from "@/lib/csv.ts";
import { REJECTS_CSV_HEADER, rejectCsvRow } from "@/lib/cdr/rejects-csv.ts";

export const GET = apiRoute<{ id: string }>({ role: "AGENT" }, async (_request, { params }) => {
  const found = await getImport(params.id);
  if (found === null) return jsonError(404, "not_found", `No CDR import ${params.id}.`);
  const encoder = new TextEncoder();
  const rows = allRejects(found.id);
  let headerSent = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvRow(REJECTS_CSV_HEADER)));
        return;
      }
      // About a page of rows per pull.
      let text = "";
      for (let n = 0; n < 1000; n++) {
        const next = await rows.next();
        if (next.done === true) {
          if (text !== "") controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        text += rejectCsvRow(next.value);
      }
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const stem = found.fileName.replace(/\.(csv|gz|csv\.gz)$/i, "").replace(/[^\w.-]+/g, "_") || "import";
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${stem}-rejects.csv"`,
      "x-content-type-options": "nosniff",
    },
  });
});
