// The CLI as a user runs it, for integration tests: a real process on the test's database,
// its exit code and its output.
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import path from "node:path";

export function runGhostline(databaseUrl: string, ...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [path.resolve("cli/ghostline.mjs"), ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}
