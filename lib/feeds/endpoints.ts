import "server-only";
// The push endpoints' handlers, called by their route files (app/api/v1/sources/[name]/cdrs and
// …/freeswitch, which document the HTTP contract) and, in the production server, ahead of Next by
// node-endpoint.ts: one handler, two callers, the same answers.
import { jsonError, parseJsonBody } from "@/lib/auth/api.ts";
import { feedRoute } from "./auth.ts";
import { pushFreeswitch, pushJson } from "./push.ts";
import { feedPushSchema } from "./schema.ts";
import { FeedBusy } from "./writer.ts";

const busy = (error: FeedBusy) => new Response(JSON.stringify({ error: "busy", message: error.message }), { status: 503, headers: { "content-type": "application/json", "retry-after": "5" } });

/** POST /api/v1/sources/:name/cdrs: the generic JSON push. */
export const postCdrs = feedRoute(async (request, { source }) => {
  const receivedAt = new Date();
  const body = await parseJsonBody(request, feedPushSchema, { allowNul: true });
  if ("response" in body) return body.response;
  try {
    return Response.json(await pushJson(source, body.data, receivedAt));
  } catch (error) {
    if (error instanceof FeedBusy) return busy(error);
    throw error;
  }
});

const MAX_FREESWITCH_BODY_BYTES = 16 * 1024 * 1024;

/** POST /api/v1/sources/:name/freeswitch: one mod_json_cdr / mod_xml_cdr CDR. */
export const postFreeswitch = feedRoute(async (request, { source }) => {
  const receivedAt = new Date();
  const tooLarge = () => jsonError(413, "too_large", `A CDR body is at most ${MAX_FREESWITCH_BODY_BYTES} bytes.`);
  if (Number(request.headers.get("content-length") ?? 0) > MAX_FREESWITCH_BODY_BYTES) return tooLarge();
  const body = await request.text();
  if (body.length > MAX_FREESWITCH_BODY_BYTES) return tooLarge();
  if (body.trim() === "") return jsonError(400, "invalid_cdr", "The body is empty: FreeSWITCH posts one CDR (JSON or XML) per call.");
  try {
    return Response.json(await pushFreeswitch(source, request.headers.get("content-type"), body, receivedAt));
  } catch (error) {
    if (error instanceof FeedBusy) return busy(error);
    throw error;
  }
});

/** The push endpoints by their last path segment. */
export const feedPushEndpoints = { cdrs: postCdrs, freeswitch: postFreeswitch } as const;
