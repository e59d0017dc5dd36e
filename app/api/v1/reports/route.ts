// POST /api/v1/reports – add reported rings (one object or an array of up to
// 1,000), all or nothing; 201 with the stored rings and their verdicts (decided
// before the answer), 400 with every problem.
import { apiRoute, jsonError, parseJsonBody } from "@/lib/auth/api.ts";
import { actorLabel } from "@/lib/auth/session.ts";
import { asReportBatch, reportBatchSchema } from "@/lib/matching/report-schema.ts";
import { verdictsByReport } from "@/lib/matching/data.ts";
import { createReports } from "@/lib/matching/reports.ts";

export const POST = apiRoute({ role: "AGENT" }, async (request, { actor }) => {
  // One report is a batch of one. Not a z.union: its error would hide which
  // field of which report is wrong.
  const body = await parseJsonBody(request, reportBatchSchema, { prepare: asReportBatch });
  if ("response" in body) return body.response;
  const { created, problems } = await createReports(body.data, actorLabel(actor));
  if (problems.length) return jsonError(400, "invalid_request", "No report was stored.", { problems });
  const verdicts = await verdictsByReport(created.map((r) => r.id));
  return Response.json({ reports: created.map((r) => ({ ...r, verdict: verdicts.get(r.id) ?? null })) }, { status: 201 });
});
