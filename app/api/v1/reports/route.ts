// POST /api/v1/reports – add reported rings (one object or an array of up to
// 1,000), all or nothing; 201 with the stored rings, 400 with every problem.
import * as z from "zod";
import { apiRoute, jsonError, zodError } from "@/lib/auth/api.ts";
import { actorLabel } from "@/lib/auth/session.ts";
import { reportInputSchema } from "@/lib/matching/report-schema.ts";
import { createReports } from "@/lib/matching/reports.ts";

const batchSchema = z.array(reportInputSchema).min(1).max(1000);

export const POST = apiRoute({ role: "AGENT" }, async (request, { actor }) => {
  const json = await request.json().catch(() => undefined);
  if (json === undefined) return jsonError(400, "invalid_json", "The body must be JSON.");
  // Not a z.union: its error would hide which field of which report is wrong.
  const body = batchSchema.safeParse(Array.isArray(json) ? json : [json]);
  if (!body.success) return zodError(body.error);
  const { created, problems } = await createReports(body.data, actorLabel(actor));
  if (problems.length) return jsonError(400, "invalid_request", "No report was stored.", { problems });
  return Response.json({ reports: created }, { status: 201 });
});
