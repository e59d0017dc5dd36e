import { spawn, spawnSync } from "node:child_process";
import cluster, { type Worker } from "node:cluster";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CliError } from "../run.ts";
import { ensureClientGenerated } from "./db.ts";
import { type DatabaseHandle, resolveDatabase } from "@/lib/db/connection.ts";
import { embeddedDataDir } from "@/lib/db/embedded.ts";
import { applyMigrations, projectRoot } from "@/lib/db/schema-engine.ts";
import type { DemoLogin } from "@/lib/demo/seed.ts";
import { feedWriteRouter } from "@/lib/feeds/writer-router.ts";

const nextBin = path.join(projectRoot, "node_modules/next/dist/bin/next");
/** A production server process: Next's handler with the feed pushes ahead of it (cli/web-server.ts). */
const webServer = fileURLToPath(new URL("../web-server.ts", import.meta.url));
const webServerArgv = ["--import", createRequire(import.meta.url).resolve("tsx"), "--import", fileURLToPath(new URL("../web-server-hooks.mjs", import.meta.url))];
const say = (line: string) => console.log(`[ghostline] ${line}`);

/** A secret kept beside the local data, made once, so sessions survive restarts. */
function authSecret(): string {
  if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
  const file = embeddedDataDir("auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

function newestMtime(entry: string): number {
  const full = path.join(projectRoot, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(full).reduce((max, name) => Math.max(max, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

/** The production build is redone when any input is newer than it. */
function buildIsStale(): boolean {
  const buildId = path.join(projectRoot, ".next/BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const inputs = ["app", "components", "lib", "public", "next.config.js", "proxy.ts", "instrumentation.ts", "instrumentation-client.ts", "package-lock.json", "postcss.config.mjs"];
  return inputs.some((entry) => newestMtime(entry) > built);
}

function printLogins(logins: DemoLogin[]) {
  say("Demo logins:");
  for (const l of logins) console.log(`    ${l.role.padEnd(10)} ${l.email}   password: ${l.password ?? "(set earlier)"}`);
}

export async function serve(opts: { dev?: boolean }) {
  ensureClientGenerated();
  const db = await resolveDatabase();
  try {
    process.exitCode = await serveOn(db, opts);
  } finally {
    // Whatever ended the app (a failed build included), the embedded server
    // this process started goes down with it.
    await db.embedded?.stop();
  }
}

/** Reports filed before verdicts were stored (databases older than that migration) get theirs now. */
async function evaluateUnjudgedReports() {
  const { prisma } = await import("@/lib/db/client.ts");
  const pending = await prisma.ghostReport.count({ where: { verdict: null } });
  if (pending === 0) return;
  const { evaluateReports } = await import("@/lib/matching/evaluate.ts");
  await evaluateReports({ all: true });
  say(`evaluated ${pending} reported rings that had no stored verdict`);
}

async function serveOn(db: DatabaseHandle, opts: { dev?: boolean }): Promise<number> {
  const port = process.env.PORT ?? "3000";
  say(db.embedded ? `embedded PostgreSQL on 127.0.0.1, data in ${db.embedded.dataDir}` : "using DATABASE_URL");

  const applied = await applyMigrations(db.url);
  if (applied.length) say(`applied migrations: ${applied.join(", ")}`);
  const { ensureCdrPartitions } = await import("@/lib/cdr/partitions.ts");
  const partitions = await ensureCdrPartitions();
  if (partitions.length) say(`created CDR partitions: ${partitions.join(", ")}`);
  await evaluateUnjudgedReports();

  if (db.embedded) {
    // First start on the embedded database: a demo to look around in. The
    // logins are kept next to the data so that later starts can show them.
    const loginsFile = embeddedDataDir("demo-logins.json");
    // The database may live elsewhere (see usableDataDir): the folder is not
    // there yet on a first start, and the logins are shown only once.
    mkdirSync(path.dirname(loginsFile), { recursive: true });
    const { prisma } = await import("@/lib/db/client.ts");
    if ((await prisma.user.count()) === 0) {
      const { seedDemo } = await import("@/lib/demo/seed.ts");
      const logins = await seedDemo({ password: process.env.GHOSTLINE_DEMO_PASSWORD });
      writeFileSync(loginsFile, JSON.stringify(logins, null, 2), { mode: 0o600 });
      say("seeded the demo data");
    }
    if (existsSync(loginsFile)) printLogins(JSON.parse(readFileSync(loginsFile, "utf8")) as DemoLogin[]);
    await prisma.$disconnect();
  }

  const env = { ...process.env, DATABASE_URL: db.url, BETTER_AUTH_SECRET: authSecret(), PORT: port };
  if (!opts.dev && buildIsStale()) {
    say("building the app (first start, or the sources changed)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: projectRoot, stdio: "inherit", env });
    if (build.status !== 0) throw new CliError("next build failed");
  }

  if (opts.dev) {
    say(`Ghostline is starting on http://localhost:${port} (development)`);
    const child = spawn(process.execPath, [nextBin, "dev", "-p", port], { cwd: projectRoot, stdio: "inherit", env });
    const stop = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    return new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 0)));
  }
  const workers = webWorkers();
  say(`Ghostline is starting on http://localhost:${port} (${workers} server process${workers === 1 ? "" : "es"})`);
  return startWebWorkers(port, env, workers);
}

/**
 * Server processes: GHOSTLINE_WEB_WORKERS, else one per core up to 4. Rendering a page is
 * CPU-bound and a Node.js process runs it on one core; each process also holds its own database
 * pools (Prisma's and pg-boss's), which is why the default stops at 4.
 */
function webWorkers(): number {
  const set = process.env.GHOSTLINE_WEB_WORKERS;
  if (set === undefined || set === "") return Math.min(os.availableParallelism(), 4);
  const n = Number(set);
  if (!Number.isSafeInteger(n) || n < 1) throw new CliError(`GHOSTLINE_WEB_WORKERS must be a positive integer, not ${set}`);
  return n;
}

/** A worker that served this long before it ended is restarted; one that ended sooner stops them all. */
const SETTLED_MS = 15_000;

/**
 * The production server (cli/web-server.ts: what `next start` runs, with the CDR pushes answered
 * ahead of Next) in `count` processes that share the port through node:cluster (this process
 * accepts the connections and hands them to the workers in turn). On 2 cores, two workers served
 * the queue page about 1.7× the requests of one (bench:dashboard). The first worker alone runs the
 * background jobs (GHOSTLINE_JOB_WORKERS, read by instrumentation.ts): imports keep to one at a
 * time per host, and the other workers keep their database connections to pages. It is also the
 * host's feed writer: the others hand it the pushes they read (lib/feeds/relay.ts says why).
 * A worker that ends after SETTLED_MS is started again in its place; one that ends sooner (a
 * taken port, a broken build) stops them all, with its exit code, rather than looping.
 */
function startWebWorkers(port: string, env: NodeJS.ProcessEnv, count: number): Promise<number> {
  // Not this process's flags (--conditions=react-server: web-server-hooks.mjs says why not).
  // Advanced serialization: the feed deliveries passed between workers carry Dates.
  cluster.setupPrimary({ exec: webServer, execArgv: webServerArgv, cwd: projectRoot, serialization: "advanced" });
  const feedWrites = feedWriteRouter();
  // Our own list: cluster.workers drops a worker at 'exit' or at 'disconnect', whichever is later.
  const live = new Set<Worker>();
  let stopping = false;
  let exitCode = 0;
  const fork = (slot: number) => {
    // NODE_ENV as `next start` sets it, before React and Next are loaded.
    const writer = slot === 0;
    const worker = cluster.fork({ ...env, NODE_ENV: "production", GHOSTLINE_JOB_WORKERS: writer ? "on" : "off", GHOSTLINE_FEED_WRITER: writer ? "self" : "relay" });
    feedWrites.attach(worker, writer);
    const started = Date.now();
    live.add(worker);
    worker.on("exit", (code, signal) => {
      live.delete(worker);
      if (!stopping && Date.now() - started >= SETTLED_MS) {
        say(`a server process ended (${signal ?? `exit code ${code}`}); starting another`);
        fork(slot);
        return;
      }
      if (!stopping) {
        exitCode = code || 1;
        stop("SIGTERM");
      }
      if (live.size === 0) done(exitCode);
    });
  };
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of live) worker.process.kill(signal);
  };
  let done: (code: number) => void = () => {};
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return new Promise<number>((resolve) => {
    done = resolve;
    for (let slot = 0; slot < count; slot++) fork(slot);
  });
}
