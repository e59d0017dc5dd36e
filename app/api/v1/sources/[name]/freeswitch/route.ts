// POST /api/v1/sources/:name/freeswitch – FreeSWITCH's mod_json_cdr / mod_xml_cdr `url`: one CDR
// per call in any of their encodings (lib/feeds/freeswitch.ts). Authenticated by the source's
// feed secret as the modules' `cred` (HTTP Basic) or an API token. 200 once committed (a body
// that is no CDR is kept as a reject: FreeSWITCH would only post it again); 400 for an empty
// body, 413 past 16 MiB, 503 with Retry-After when busy (FreeSWITCH retries after `delay`).
import { postFreeswitch } from "@/lib/feeds/endpoints.ts";

// lib/feeds/endpoints.ts: the production server also calls it ahead of Next (lib/feeds/node-endpoint.ts).
export const POST = postFreeswitch;
