// POST /api/v1/sources/:name/freeswitch – FreeSWITCH's mod_json_cdr / mod_xml_cdr `url`: one CDR
// per call in any of their encodings (lib/feeds/freeswitch.ts). Authenticated by the source's
// feed secret as the modules' `cred` (HTTP Basic) or an API token. 200 once committed (a body
// that is no CDR is kept as a reject: FreeSWITCH would only post it again); 400 for an empty
// body, 413 past 16 MiB, 503 with Retry-After when busy (FreeSWITCH retries after `delay`).
import { jsonError } from "@/lib/auth/api.ts";
import { feedRoute } from "@/lib/feeds/auth.ts";
import { pushFreeswitch } from "@/lib/feeds/push.ts";
import { FeedBusy } from "@/lib/feeds/writer.ts";

const MAX_BODY_BYTES = 16 * 1024 * 1024;

export const POST = feedRoute(async (request, { source }) => {
  const receivedAt = new Date();
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return jsonError(413, "too_large", `A CDR body is at most ${MAX_BODY_BYTES} bytes.`);
  const body = await request.text();
  if (body.length > MAX_BODY_BYTES) return jsonError(413, "too_large", `A CDR body is at most ${MAX_BODY_BYTES} bytes.`);
  if (body.trim() === "") return jsonError(400, "invalid_cdr", "The body is empty: FreeSWITCH posts one CDR (JSON or XML) per call.");
  try {
    return Response.json(await pushFreeswitch(source, request.headers.get("content-type"), body, receivedAt));
  } catch (error) {
    if (error instanceof FeedBusy) return new Response(JSON.stringify({ error: "busy", message: error.message }), { status: 503, headers: { "content-type": "application/json", "retry-after": "5" } });
    throw error;
  }
});
