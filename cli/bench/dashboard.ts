// `npm run bench:dashboard [-- --customers N --cdrs N --reports N --sources N --duration S
// --connections N --port P --small --keep]`: how fast the supervisor queue answers under load
// (issue 6 "Quality": 20 concurrent clients for 30 s, p95 under 150 ms, 0 errors), next to the
// same load on /api/health as the reference.
//
// 1. Generates (cli/bench/dataset.ts), set-based in SQL, into a database of its own: CDR sources
//    with one LOADED import each covering the last 30 days, customers with two DIDs, two
//    extensions and a phone each, N CDRs over those 30 days, and R reported rings: half at the
//    time of a CDR of theirs (a PBX record), half at random times for one customer in ten (the
//    "scanned" ones, which fill the queue; one in three of those rings from caller ID "100").
//    Then evaluateReports({ all: true }) (lib/matching/evaluate.ts) stores the verdicts,
//    findings and cases, and the cases get assignees and statuses.
// 2. Makes a supervisor login and a SUPERVISOR API token, starts the production server
//    (`ghostline serve`, which builds first when the sources changed) on that database, and signs
//    in through /api/auth/sign-in/email for the session cookie.
// 3. Runs autocannon, one target after the other: /api/health (the reference: no database work
//    beyond a ping), /wizard with the cookie (the floor: a signed-in page with no data of its
//    own), the /queue page with the cookie, GET /api/v1/queue with the token. Prints per target
//    the latency of a request alone, p50/p95/p99 under load, requests/s and errors, the p95
//    ratios to the reference and to the floor, and the server's peak RSS (its process tree, from
//    /proc: Linux).
//
// --keep keeps the database, named after its sizes, and a later --keep run with the same sizes
// reuses it instead of generating again (its data then ages: "last 7 days" counts shrink).
// --generate-only stops after step 1 (with --keep: prepare the data now, load it later).
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { benchDatabase, duration, fmt, mib, percentile, positiveInt } from "./common.ts";
import { DATASET_OPTIONS, datasetSpec, generateDataset, PERIOD_SECONDS, timed } from "./dataset.ts";

const { values } = parseArgs({
  options: {
    ...DATASET_OPTIONS,
    duration: { type: "string", default: "30" },
    connections: { type: "string", default: "20" },
    port: { type: "string", default: "3217" },
    keep: { type: "boolean", default: false },
    "generate-only": { type: "boolean", default: false },
  },
});

// Two extensions and a phone per customer, one source each, the random reports piled on one
// customer in ten (the "scanned" ones), one in three of them from caller ID "100". The data
// ends now, so that the queue's "last 7 / 30 days" columns have something to count.
const spec = datasetSpec(
  values,
  { small: { customers: 10_000, cdrs: 1_000_000, reports: 20_000 }, full: { customers: 100_000, cdrs: 10_000_000, reports: 200_000 } },
  { base: new Date(Date.now() - PERIOD_SECONDS * 1000), accountPrefix: "CUST-", extensions: 2, secondSource: false, devices: true, randomReportsEveryNthCustomer: 10, scannerCallerIdEvery: 3 },
);
const DURATION = positiveInt("duration", values.duration, 30);
const CONNECTIONS = positiveInt("connections", values.connections, 20);
const PORT = positiveInt("port", values.port, 3217);

const PASSWORD = "bench-dashboard-password";
const SUPERVISOR = "supervisor@bench.ghostline.test";
const BASE_URL = `http://localhost:${PORT}`;

/** Verdicts, findings and cases through the engine, then people working the cases. */
async function evaluate(db: pg.Client, agentIds: string[]): Promise<void> {
  const { evaluateReports } = await import("@/lib/matching/evaluate.ts");
  const t = performance.now();
  const result = await evaluateReports({ all: true });
  console.log(
    `  evaluateReports({ all: true }): ${duration(performance.now() - t)} (${fmt(result.evaluated)} verdicts, ${fmt(result.findings)} findings, ${fmt(result.cases.opened)} cases opened)`,
  );
  // Two cases in three assigned round-robin; statuses spread over the open ones.
  await timed(
    "case assignees + statuses",
    db,
    `update cases set assignee_id = case when number % 3 = 0 then null else ($1::text[])[1 + number % array_length($1::text[], 1)] end,
                      status = (array['NEW', 'INVESTIGATING', 'REMEDIATION_SENT', 'VERIFYING'])[1 + number % 4]::"CaseStatus"`,
    [agentIds],
  );
  await timed("analyze", db, "analyze");
}

async function prepare(db: pg.Client): Promise<void> {
  console.log(`generating ${fmt(spec.sources)} sources, ${fmt(spec.customers)} customers, ${fmt(spec.cdrs)} CDRs over the last 30 days, ${fmt(spec.reports)} reports:`);
  const t = performance.now();
  await generateDataset(db, spec);
  const { createUser } = await import("@/lib/auth/users.ts");
  const agents = [];
  for (let a = 1; a <= 4; a++) {
    agents.push((await createUser({ email: `agent${a}@bench.ghostline.test`, name: `Agent ${a}`, role: "AGENT", password: PASSWORD }, "bench")).id);
  }
  await createUser({ email: SUPERVISOR, name: "Bench Supervisor", role: "SUPERVISOR", password: PASSWORD }, "bench");
  await evaluate(db, agents);
  const { rows } = await db.query<{ cdr_size: string; cases: number; flagged: number }>(
    `select pg_size_pretty(pg_total_relation_size('cdr')) as cdr_size, (select count(*)::int from cases) as cases,
            (select count(*)::int from customer_finding where level <> 'NOT_INDICATED') as flagged`,
  );
  console.log(`generated in ${duration(performance.now() - t)} (cdr with indexes: ${rows[0]!.cdr_size}; ${fmt(rows[0]!.flagged)} flagged customers, ${fmt(rows[0]!.cases)} cases)`);
}

// ---------------------------------------------------------------------------------------------
// The server

/** Resident memory of a process and all its descendants, from /proc (Linux); 0 once gone. */
function treeRss(root: number): number {
  // Parent of every process (the kernel here has no /proc/<pid>/task/<tid>/children).
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name, which is in parentheses and may hold spaces: state, ppid, ...
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Gone between the listing and the read.
    }
  }
  let bytes = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      bytes += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
    } catch {
      // Gone.
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return bytes;
}

interface Server {
  /** Peak RSS of the server's process tree since the last reset. */
  peak(): number;
  resetPeak(): void;
  stop(): Promise<void>;
}

async function startServer(databaseUrl: string, log: string): Promise<Server> {
  // Otherwise the health check below would find that other server and measure it.
  if (await fetch(`${BASE_URL}/api/health`).then(() => true, () => false)) {
    throw new Error(`something already answers on port ${PORT}; stop it or choose another --port`);
  }
  const out = createWriteStream(log);
  // Its own process group, so that stop() ends the wrapper and `next start` together.
  const child: ChildProcess = spawn(process.execPath, [fileURLToPath(new URL("../ghostline.mjs", import.meta.url)), "serve"], {
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(PORT), GHOSTLINE_URL: BASE_URL, BETTER_AUTH_SECRET: randomBytes(32).toString("base64url") },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  let exited: number | null = null;
  child.on("exit", (code) => (exited = code ?? 1));
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRss(child.pid!))), 500);
  const stop = async () => {
    clearInterval(sampler);
    if (exited === null) {
      process.kill(-child.pid!, "SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    out.end();
  };
  // A build, when the sources changed since the last one, takes minutes on a small machine.
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`the server exited with code ${exited} before answering; see ${log}:\n${readFileSync(log, "utf8").split("\n").slice(-30).join("\n")}`);
    }
    const ok = await fetch(`${BASE_URL}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer /api/health within 20 minutes; see ${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return { peak: () => peak, resetPeak: () => (peak = treeRss(child.pid!)), stop };
}

/** The session cookie(s) from better-auth's email sign-in. */
async function signIn(): Promise<string> {
  const res = await fetch(`${BASE_URL}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: BASE_URL },
    body: JSON.stringify({ email: SUPERVISOR, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

// ---------------------------------------------------------------------------------------------
// The load

// autocannon ships no type declarations; this is the part of its programmatic API used here.
type AutocannonResult = { requests: { average: number }; errors: number; timeouts: number; non2xx: number; "1xx": number; "2xx": number };
type AutocannonInstance = { on(event: "response", fn: (client: unknown, status: number, bytes: number, ms: number) => void): void };
type Autocannon = (opts: object, done: (err: Error | null, result: AutocannonResult) => void) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

interface Target {
  /** "reference": /api/health; "floor": a signed-in page without data; "target": what the target is for. */
  kind: "reference" | "floor" | "target";
  label: string;
  path: string;
  headers: Record<string, string>;
}

interface Measured {
  kind: Target["kind"];
  label: string;
  /** Median latency with no other request in flight. */
  alone: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  requests: number;
  errors: number;
  peakRss: number;
}

async function load(target: Target, server: Server): Promise<Measured> {
  // Warm-up: compile-on-first-use caches, the pool's connections, the database's buffers. The
  // median of its last five requests, one at a time, tells the route's own cost from queueing.
  const alone: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await fetch(`${BASE_URL}${target.path}`, { headers: target.headers }).then((r) => r.arrayBuffer());
    if (i >= 5) alone.push(performance.now() - t);
  }
  server.resetPeak();
  // autocannon reports fixed percentiles without p95, so every response time is kept.
  const times: number[] = [];
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      { url: `${BASE_URL}${target.path}`, connections: CONNECTIONS, duration: DURATION, headers: target.headers, timeout: 10 },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client, _status, _bytes, ms) => times.push(ms));
  });
  times.sort((a, b) => a - b);
  return {
    kind: target.kind,
    label: target.label,
    alone: percentile(alone.sort((a, b) => a - b), 50),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    rps: result.requests.average,
    requests: times.length,
    errors: result.errors + result.timeouts + result.non2xx,
    peakRss: server.peak(),
  };
}

/** The queue's page and API, or, where one is missing (404), the customers list in its place. */
async function targets(cookie: string, token: string): Promise<{ targets: Target[]; notes: string[] }> {
  const notes: string[] = [];
  const pick = async (wanted: string, fallback: string, headers: Record<string, string>) => {
    const res = await fetch(`${BASE_URL}${wanted}`, { headers, redirect: "manual" });
    await res.arrayBuffer();
    if (res.status === 404) {
      notes.push(`${wanted} answered 404: measured ${fallback} instead`);
      return fallback;
    }
    if (res.status !== 200) throw new Error(`${wanted} answered ${res.status} before the load (expected 200)`);
    return wanted;
  };
  const floor = await pick("/wizard", "/customers", { cookie });
  const page = await pick("/queue", "/customers", { cookie });
  const api = await pick("/api/v1/queue", "/api/v1/customers", { authorization: `Bearer ${token}` });
  return {
    targets: [
      { kind: "reference", label: "/api/health (reference)", path: "/api/health", headers: {} },
      // The layout, the session and a page with no database data of its own (the wizard's form,
      // from its static catalog): about what any signed-in page costs this server before its own
      // data, so the queue page's number can be read against it.
      { kind: "floor", label: `${floor} page (floor: signed in, no data)`, path: floor, headers: { cookie } },
      { kind: "target", label: `${page} page (session cookie)`, path: page, headers: { cookie } },
      { kind: "target", label: `GET ${api} (Bearer token)`, path: api, headers: { authorization: `Bearer ${token}` } },
    ],
    notes,
  };
}

function report(results: Measured[], notes: string[]): void {
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const ref = results.find((r) => r.kind === "reference")!;
  const floor = results.find((r) => r.kind === "floor");
  console.log(`\n${CONNECTIONS} connections × ${DURATION} s per target:`);
  const rows = results.map((r) => [
    r.label, ms(r.alone), ms(r.p50), ms(r.p95), ms(r.p99), fmt(Math.round(r.rps)), fmt(r.requests), fmt(r.errors),
    `${(r.p95 / ref.p95).toFixed(1)}×`, floor && r.kind !== "reference" ? `${(r.p95 / floor.p95).toFixed(1)}×` : "", mib(r.peakRss),
  ]);
  const header = ["target", "alone", "p50", "p95", "p99", "req/s", "requests", "errors", "p95 vs ref", "vs floor", "server peak RSS"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows]) console.log(`  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ")}`);
  for (const note of notes) console.log(`  note: ${note}`);
  for (const r of results.filter((m) => m.kind === "target")) {
    const verdict = r.p95 < 150 && r.errors === 0 ? "meets" : "misses";
    console.log(`  ${r.label}: p95 ${ms(r.p95)}, ${fmt(r.errors)} errors: ${verdict} the target (p95 < 150 ms, 0 errors)`);
  }
  console.log(`  server peak RSS over the whole run: ${mib(Math.max(...results.map((r) => r.peakRss)))}`);
}

async function main() {
  const keep = values.keep ?? false;
  const bench = await benchDatabase(keep ? { name: `dashboard_${spec.customers}_${spec.cdrs}_${spec.reports}_${spec.sources}` } : {});
  let server: Server | undefined;
  try {
    const total = performance.now();
    const reuse = keep && (await bench.exists());
    if (!reuse) await bench.create();
    process.env.DATABASE_URL = bench.url;
    const db = new pg.Client({ connectionString: bench.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ done: string | null }>(
        "select shobj_description(oid, 'pg_database') as done from pg_database where datname = current_database()",
      );
      if (reuse && rows[0]?.done === "generated") {
        console.log(`reusing the generated database (--keep): ${bench.url}`);
      } else if (reuse) {
        throw new Error(`${bench.url} exists but its generation did not finish; drop it and run again`);
      } else {
        await prepare(db);
        await db.query(`comment on database "${new URL(bench.url).pathname.slice(1)}" is 'generated'`);
      }
      if (values["generate-only"]) return;
      const { createApiToken } = await import("@/lib/auth/tokens.ts");
      const token = await createApiToken({ name: `bench-dashboard-${randomBytes(3).toString("hex")}`, role: "SUPERVISOR" });
      const { prisma } = await import("@/lib/db/client.ts");
      await prisma.$disconnect();

      const log = path.join(os.tmpdir(), `ghostline-bench-dashboard-${process.pid}.log`);
      console.log(`\nstarting the production server on ${BASE_URL} (ghostline serve; it builds first if the sources changed; log: ${log})`);
      let t = performance.now();
      server = await startServer(bench.url, log);
      console.log(`  answering after ${duration(performance.now() - t)}`);
      const cookie = await signIn();
      const { targets: list, notes } = await targets(cookie, token.secret);
      const results: Measured[] = [];
      for (const target of list) {
        t = performance.now();
        results.push(await load(target, server));
        console.log(`  ${target.label}: done in ${duration(performance.now() - t)}`);
      }
      report(results, notes);
      console.log(`\ntotal ${duration(performance.now() - total)}`);
    } finally {
      await db.end();
    }
  } finally {
    await server?.stop();
    await bench.close({ keep });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
