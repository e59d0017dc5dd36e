// Runs in the browser before the app's own code (Next's instrumentation-client convention).
import * as z from "zod";

// zod 4 compiles object schemas with `new Function` when it may, and finds out by trying one
// when a schema is built; under the pages' CSP (lib/csp.ts: no 'unsafe-eval') the try is blocked
// and reported as a violation, though zod catches it. Without JIT it parses as it does there.
z.config({ jitless: true });
