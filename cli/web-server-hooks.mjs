// Preloaded (node --import) by the processes that run lib/ code beside Next's production server
// rather than in its bundle: the server processes of `ghostline serve` (cli/web-server.ts) and
// bench:feeds's plain server. Next's own modules that lib/ imports (next/navigation via
// lib/auth/session.ts) need React's client build, so those processes run without
// --conditions=react-server, and `server-only` (which throws outside a React Server Components
// bundle) resolves to an empty module, as vitest.config.ts aliases it.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(
      'export async function resolve(specifier, context, next) { return specifier === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(specifier, context); }',
    ),
);
