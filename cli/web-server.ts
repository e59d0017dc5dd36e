// One server process of `ghostline serve` (a node:cluster worker, cli/commands/serve.ts): Next's
// production request handler (`next()` with getRequestHandler: the same router server `next start`
// runs, next/dist/docs/01-app/02-guides/custom-server.md), and ahead of it the PBXs' CDR pushes,
// answered at node:http level by the same handlers (lib/feeds/node-endpoint.ts says why).
// Run by serve.ts with `--import tsx --import ./web-server-hooks.mjs` and NODE_ENV=production.
import http from "node:http";
import { fileURLToPath } from "node:url";
import next from "next";

// tsx turns on Node's source maps (for this file's and lib/'s stack traces); left on, Node also
// reads and keeps the map of every chunk of Next's build that prepare() loads.
process.setSourceMapsEnabled(false);

const port = Number(process.env.PORT ?? 3000);
const server = http.createServer();
const app = next({ dir: fileURLToPath(new URL("..", import.meta.url)), dev: false, port, httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();
// After prepare(): the Next modules that lib/ imports (next/navigation, next/headers) need the
// globals Next's server sets up (AsyncLocalStorage on globalThis) when they load.
const { answerFeedPush } = await import("@/lib/feeds/node-endpoint.ts");
// The host's feed writer (lib/feeds/relay.ts): the other processes' deliveries wait in the
// primary until it says it takes them (lib/feeds/writer-router.ts).
if (process.env.GHOSTLINE_FEED_WRITER === "self") (await import("@/lib/feeds/relay.ts")).serveFeedWrites();

server.on("request", (req, res) => {
  const push = answerFeedPush(req, res);
  if (push !== null) return;
  // As `next start`'s listener (next/dist/server/lib/start-server.js) answers a handler that throws.
  handle(req, res).catch((error: unknown) => {
    console.error(`Failed to handle request for ${req.url}`, error);
    if (!res.headersSent) res.writeHead(500);
    res.end("Internal Server Error");
  });
});
server.on("error", (error) => {
  console.error("[ghostline] the server could not listen:", error);
  process.exit(1);
});
// No host, as `next start` without -H: every interface.
server.listen(port);

// As `next start` stops: no new connections, the requests in flight answered (a push's answer
// waits for its commit), then Next's own close; 128 + the signal's number.
let stopping = false;
for (const [signal, code] of [["SIGTERM", 143], ["SIGINT", 130]] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close(() => void app.close().finally(() => process.exit(code)));
  });
}
