// GET /api/v1/sources/:name/feed – the source's live feed: state (never / up / quiet / down),
// covered until, last CDR, rate, gaps, and its day imports.
// PUT /api/v1/sources/:name/feed – its settings (supervisors and admins): `{ quietMinutes?,
// ami?: { host, port?, username, secret? } | null, rotateSecret? }` → 200 with the status, and
// `secret` once when rotateSecret made a new feed secret; 400 with the issues; 404.
import { apiRoute, jsonError, parseJsonBody } from "@/lib/auth/api.ts";
import { auditActor } from "@/lib/auth/actor.ts";
import { feedStatus, feedStatusJson } from "@/lib/feeds/data.ts";
import { feedSettingsSchema } from "@/lib/feeds/schema.ts";
import { FeedSettingsError, saveFeedSettings } from "@/lib/feeds/writes.ts";

const notFound = (name: string) => jsonError(404, "not_found", `No CDR source named ${name}.`);

export const GET = apiRoute<{ name: string }>({ role: "AGENT" }, async (_request, { params }) => {
  const status = await feedStatus(params.name);
  return status === null ? notFound(params.name) : Response.json(feedStatusJson(status));
});

export const PUT = apiRoute<{ name: string }>({ role: "SUPERVISOR" }, async (request, { actor, params }) => {
  const body = await parseJsonBody(request, feedSettingsSchema);
  if ("response" in body) return body.response;
  try {
    const saved = await saveFeedSettings(params.name, body.data, auditActor(actor));
    const status = saved === null ? null : await feedStatus(params.name);
    if (saved === null || status === null) return notFound(params.name);
    return Response.json({ ...feedStatusJson(status), ...(saved.secret === null ? {} : { secret: saved.secret }) });
  } catch (error) {
    if (error instanceof FeedSettingsError) return jsonError(400, "invalid_request", error.message);
    throw error;
  }
});
