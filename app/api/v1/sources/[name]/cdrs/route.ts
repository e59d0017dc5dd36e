// POST /api/v1/sources/:name/cdrs – the generic live feed: one CDR or an array of them (at most
// 10,000), with the fields of the mapped-CSV format; `[]` is a heartbeat (the feed is up, no
// calls). Authenticated by the source's feed secret (HTTP Basic password or `Bearer glf_…`) or
// an API token. 200 once committed: `{ importId, received, inserted, duplicate, rejected,
// rejects }` (a CDR that does not read is kept as a reject of the day's feed import); 400 with
// the issues for a body of the wrong shape; 503 with Retry-After when the source is busy.
import { postCdrs } from "@/lib/feeds/endpoints.ts";

// lib/feeds/endpoints.ts: the production server also calls it ahead of Next (lib/feeds/node-endpoint.ts).
export const POST = postCdrs;
