// `npm test`: every suite, each on real parts (Postgres, a browser), then one
// closing line "N passed, N failed" that CI reads.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "@/lib/db/schema-engine.ts";
import { usableDataDir } from "@/lib/db/embedded.ts";
import { ensureClientGenerated } from "./db.ts";

type Counts = { passed: number; failed: number; skipped: number };
const suites = ["unit", "integration", "e2e"] as const;
type Suite = (typeof suites)[number];

const resultsDir = path.join(projectRoot, ".ghostline/test-results");
const bin = (name: string) => path.join(projectRoot, "node_modules/.bin", name);

function run(command: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(command, args, { cwd: projectRoot, stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;
}

/**
 * A runner that exits non-zero while its report shows no failure (a web
 * server that died before any test, a crash) counts as one failure: an empty
 * report must not read as a pass.
 */
function counted(status: number, counts: Counts | undefined): Counts | undefined {
  if (counts && status !== 0 && counts.failed === 0) return { ...counts, failed: 1 };
  return counts;
}

function vitest(project: "unit" | "integration"): Counts | undefined {
  const file = path.join(resultsDir, `${project}.json`);
  rmSync(file, { force: true });
  const status = run(bin("vitest"), ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`]);
  return counted(status, readVitest(file));
}

function readVitest(file: string): Counts | undefined {
  if (!existsSync(file)) return undefined;
  const r = JSON.parse(readFileSync(file, "utf8"));
  // A file that fails to load counts as a failure even with no test in it.
  const brokenFiles = (r.testResults as { status: string; assertionResults: unknown[] }[]).filter(
    (t) => t.status === "failed" && t.assertionResults.length === 0,
  ).length;
  return { passed: r.numPassedTests, failed: r.numFailedTests + brokenFiles, skipped: r.numPendingTests + r.numTodoTests };
}

function e2e(): Counts | undefined {
  // A fresh demo database for every run, as a newcomer's first start gets.
  const dataDir = path.join(projectRoot, ".ghostline/e2e");
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(path.dirname(usableDataDir(path.join(dataDir, "pg"))), { recursive: true, force: true });
  const file = path.join(resultsDir, "e2e.json");
  rmSync(file, { force: true });
  const status = run(bin("playwright"), ["test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  if (!existsSync(file)) return undefined;
  const { stats } = JSON.parse(readFileSync(file, "utf8"));
  return counted(status, { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped });
}

export async function runTests(opts: { only?: string; summary?: string }) {
  ensureClientGenerated();
  const wanted = (opts.only ? opts.only.split(",") : suites) as Suite[];
  mkdirSync(resultsDir, { recursive: true });
  const results: Partial<Record<Suite, Counts | undefined>> = {};
  for (const suite of suites.filter((s) => wanted.includes(s))) {
    console.log(`\n=== ${suite} ===`);
    // A suite that crashed before reporting counts as one failure.
    results[suite] = (suite === "e2e" ? e2e() : vitest(suite)) ?? { passed: 0, failed: 1, skipped: 0 };
  }
  const total = Object.values(results).reduce<Counts>(
    (sum, c) => ({ passed: sum.passed + c!.passed, failed: sum.failed + c!.failed, skipped: sum.skipped + c!.skipped }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  console.log("");
  for (const [suite, c] of Object.entries(results)) {
    console.log(`${suite.padEnd(12)} ${c!.passed} passed, ${c!.failed} failed, ${c!.skipped} skipped`);
  }
  if (opts.summary) writeFileSync(opts.summary, JSON.stringify(total));
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  if (total.failed > 0) process.exitCode = 1;
}
