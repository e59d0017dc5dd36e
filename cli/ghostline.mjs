#!/usr/bin/env node
// Launcher for the TypeScript CLI. It runs cli/main.ts under tsx with the
// `react-server` export condition: the CLI shares lib/ with the app's server
// code, whose modules `import "server-only"`, and that package resolves to an
// empty module only under this condition (it throws everywhere else).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const main = fileURLToPath(new URL("./main.ts", import.meta.url));
const tsx = require.resolve("tsx");

const child = spawn(
  process.execPath,
  // --expose-gc: an import collects its garbage before the re-evaluation after it (lib/cdr/run.ts).
  ["--conditions=react-server", "--expose-gc", "--import", tsx, main, ...process.argv.slice(2)],
  { stdio: "inherit" },
);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
