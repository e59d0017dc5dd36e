// `npm test`: every suite, each on real parts (Postgres, a browser), then one
// closing line "N passed, N failed" that CI reads.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "@/lib/db/schema-engine.ts";
import { usableDataDir } from "@/lib/db/embedded.ts";
import { ensureClientGenerated } from "./db.ts";
import {
  type Counts, type SuiteResult, addCounts, countsLine, noCounts, playwrightResult, vitestResult,
} from "../test-reports.ts";

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
function counted(status: number, counts: SuiteResult | undefined): SuiteResult | undefined {
  if (counts && status !== 0 && counts.failed === 0) return { ...counts, failed: 1 };
  return counts;
}

function vitest(project: "unit" | "integration"): SuiteResult | undefined {
  const file = path.join(resultsDir, `${project}.json`);
  rmSync(file, { force: true });
  const status = run(bin("vitest"), ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`]);
  return counted(status, readVitest(file));
}

function readVitest(file: string): SuiteResult | undefined {
  return existsSync(file) ? vitestResult(JSON.parse(readFileSync(file, "utf8"))) : undefined;
}

function e2e(): SuiteResult | undefined {
  // A fresh demo database for every run, as a newcomer's first start gets.
  const dataDir = path.join(projectRoot, ".ghostline/e2e");
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(path.dirname(usableDataDir(path.join(dataDir, "pg"))), { recursive: true, force: true });
  const file = path.join(resultsDir, "e2e.json");
  rmSync(file, { force: true });
  const status = run(bin("playwright"), ["test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  if (!existsSync(file)) return undefined;
  return counted(status, playwrightResult(JSON.parse(readFileSync(file, "utf8"))));
}

export async function runTests(opts: { only?: string; summary?: string }) {
  ensureClientGenerated();
  const wanted = (opts.only ? opts.only.split(",") : suites) as Suite[];
  mkdirSync(resultsDir, { recursive: true });
  const results: Partial<Record<Suite, SuiteResult>> = {};
  for (const suite of suites.filter((s) => wanted.includes(s))) {
    console.log(`\n=== ${suite} ===`);
    // A suite that crashed before reporting counts as one failure.
    results[suite] = (suite === "e2e" ? e2e() : vitest(suite)) ?? { ...noCounts(), failed: 1, groups: new Map() };
  }
  const total = Object.values(results).reduce<Counts>(addCounts, noCounts());
  const groups = new Map<string, Counts>();
  for (const result of Object.values(results)) {
    for (const [group, c] of result.groups) groups.set(group, addCounts(groups.get(group) ?? noCounts(), c));
  }
  console.log("");
  for (const [suite, c] of Object.entries(results)) console.log(`${suite.padEnd(12)} ${countsLine(c)}`);
  if (groups.size) {
    console.log("\nreliability and security suite, by group (within the counts above):");
    for (const [group, c] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
      console.log(`  ${group.padEnd(10)} ${countsLine(c)}`);
    }
  }
  if (opts.summary) writeFileSync(opts.summary, JSON.stringify(total));
  console.log(countsLine(total));
  if (total.failed > 0) process.exitCode = 1;
}
