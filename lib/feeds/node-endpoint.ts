import "server-only";
// The push endpoints at node:http level, ahead of Next's request handler in the production server
// (cli/web-server.ts). FreeSWITCH's mod_json_cdr posts one CDR per call, and Next's pipeline
// (routing, the route module's request adapters) cost about 1.3 ms of CPU per POST against
// 0.16 ms in the feed code (bench:feeds: 676 single POSTs/s through `next start` on 2 cores,
// 2,586–3,267/s for the same handlers behind plain node:http). The handlers are the route files'
// own (endpoints.ts), given a Web Request as Next gives them one, so auth, validation, limits and
// answers are theirs.
//
// Only a POST with an Authorization header (a feed secret or an API token: a machine) is taken
// here: a cookie session may be due for better-auth's sliding refresh, which sets its cookie
// through Next's request scope (next/headers) and so needs Next's pipeline. A source name that is
// not plain URL characters also goes to Next, which decodes it as it decodes any segment.
// What Next adds to every answer and a PBX has no use for is left out: its Vary for client
// navigations and gzip for a client that asks (the answers are a few hundred bytes).
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { feedPushEndpoints } from "./endpoints.ts";

const PUSH_PATH = /^\/api\/v1\/sources\/([A-Za-z0-9._~-]+)\/(cdrs|freeswitch)(?:\?|$)/;

/**
 * Answers the request if it is a feed push (the promise settles once the answer is sent); null
 * for any other request, which is left untouched for Next.
 */
export function answerFeedPush(req: IncomingMessage, res: ServerResponse): Promise<void> | null {
  if (req.method !== "POST" || req.headers.authorization === undefined) return null;
  const match = PUSH_PATH.exec(req.url ?? "");
  if (match === null) return null;
  return answer(feedPushEndpoints[match[2] as keyof typeof feedPushEndpoints], match[1]!, req, res);
}

async function answer(handler: (typeof feedPushEndpoints)[keyof typeof feedPushEndpoints], name: string, req: IncomingMessage, res: ServerResponse) {
  try {
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    // The body streamed, as Next passes it: the handlers' own limits (a Content-Length over 16 MiB
    // answered before reading) hold here too.
    const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, {
      method: "POST",
      headers,
      body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
      duplex: "half",
    } as RequestInit);
    const response = await handler(request, { params: Promise.resolve({ name }) });
    res.statusCode = response.status;
    // next.config.js's headers(): Next adds it to every answer.
    res.setHeader("x-content-type-options", "nosniff");
    for (const [key, value] of response.headers) if (key !== "set-cookie") res.setHeader(key, value);
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) res.setHeader("set-cookie", cookies);
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    // As Next answers a route handler that throws: logged, 500 with no body.
    console.error(`[ghostline] ${req.method} ${req.url} failed:`, error);
    if (!res.headersSent) res.writeHead(500, { "x-content-type-options": "nosniff" });
    res.end();
  }
}
