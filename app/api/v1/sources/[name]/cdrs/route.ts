// POST /api/v1/sources/:name/cdrs – the generic live feed: one CDR or an array of them (at most
// 10,000), with the fields of the mapped-CSV format; `[]` is a heartbeat (the feed is up, no
// calls). Authenticated by the source's feed secret (HTTP Basic password or `Bearer glf_…`) or
// an API token. 200 once committed: `{ importId, received, inserted, duplicate, rejected,
// rejects }` (a CDR that does not read is kept as a reject of the day's feed import); 400 with
// the issues for a body of the wrong shape; 503 with Retry-After when the source is busy.
import { parseJsonBody } from "@/lib/auth/api.ts";
import { feedRoute } from "@/lib/feeds/auth.ts";
import { pushJson } from "@/lib/feeds/push.ts";
import { feedPushSchema } from "@/lib/feeds/schema.ts";
import { FeedBusy } from "@/lib/feeds/writer.ts";

export const POST = feedRoute(async (request, { source }) => {
  const receivedAt = new Date();
  const body = await parseJsonBody(request, feedPushSchema);
  if ("response" in body) return body.response;
  try {
    return Response.json(await pushJson(source, body.data, receivedAt));
  } catch (error) {
    if (error instanceof FeedBusy) return new Response(JSON.stringify({ error: "busy", message: error.message }), { status: 503, headers: { "content-type": "application/json", "retry-after": "5" } });
    throw error;
  }
});
