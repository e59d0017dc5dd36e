// For a bench process that runs route handlers outside Next (cli/bench/feeds.ts's server): Next's
// own modules they import (next/navigation via lib/auth/session.ts) need React's client build,
// so that process runs without --conditions=react-server, and `server-only` (which throws outside
// a React Server Components bundle) resolves to an empty module, as vitest.config.ts aliases it.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(
      'export async function resolve(specifier, context, next) { return specifier === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(specifier, context); }',
    ),
);
