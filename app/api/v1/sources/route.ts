// GET /api/v1/sources – the CDR sources (PBXs) and their settings.
// POST /api/v1/sources – adds one (supervisors and admins): `{ name, format, timeZone,
// defaultCountry?, mapping? }` → 201 with the source; 400 with the issues; 409 for a taken name.
import { apiRoute, jsonError, parseJsonBody } from "@/lib/auth/api.ts";
import { auditActor } from "@/lib/auth/actor.ts";
import { listSources } from "@/lib/cdr/data.ts";
import { cdrSourceInputSchema } from "@/lib/cdr/source-schema.ts";
import { SourceExistsError, createSource } from "@/lib/cdr/writes.ts";

export const GET = apiRoute({ role: "AGENT" }, async () => {
  const sources = await listSources();
  return Response.json({
    data: sources.map(({ _count, ...s }) => ({ ...s, customers: _count.customers, loadedImports: _count.imports })),
  });
});

export const POST = apiRoute({ role: "SUPERVISOR" }, async (request, { actor }) => {
  const body = await parseJsonBody(request, cdrSourceInputSchema);
  if ("response" in body) return body.response;
  try {
    const source = await createSource(body.data, auditActor(actor));
    return Response.json(source, { status: 201 });
  } catch (error) {
    if (error instanceof SourceExistsError) return jsonError(409, "conflict", error.message);
    throw error;
  }
});
