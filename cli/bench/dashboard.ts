// `npm run bench:dashboard [-- --customers N --cdrs N --reports N --sources N --duration S
// --connections N --port P --small --keep]`: how fast the supervisor queue answers under load
// (issue 6 "Quality": 20 concurrent clients for 30 s, p95 under 150 ms, 0 errors), next to the
// same load on /api/health as the reference.
//
// 1. Generates, set-based in SQL (generate_series), into a database of its own: CDR sources with
//    one LOADED import each covering the last 30 days, customers with two DIDs, two extensions
//    and a phone each, N CDRs over those 30 days, and R reported rings: half at the time of a CDR
//    of theirs (a PBX record), half at random times for one customer in ten (the "scanned" ones,
//    which fill the queue). Then evaluateReports({ all: true }) (lib/matching/evaluate.ts) stores
//    the verdicts, findings and cases, and the cases get assignees and statuses.
// 2. Makes a supervisor login and a SUPERVISOR API token, starts the production server
//    (`ghostline serve`, which builds first when the sources changed) on that database, and signs
//    in through /api/auth/sign-in/email for the session cookie.
// 3. Runs autocannon, one target after the other: /api/health (the reference: no database work
//    beyond a ping), the /queue page with the cookie, GET /api/v1/queue with the token. Prints
//    per target the latency of a request alone, p50/p95/p99 under load, requests/s and errors,
//    the p95 ratio to the reference, and the server's peak RSS (its process tree, from /proc:
//    Linux).
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
import { benchDatabase, duration, fmt, mib } from "./common.ts";

const { values } = parseArgs({
  options: {
    customers: { type: "string" },
    cdrs: { type: "string" },
    reports: { type: "string" },
    sources: { type: "string", default: "50" },
    duration: { type: "string", default: "30" },
    connections: { type: "string", default: "20" },
    port: { type: "string", default: "3217" },
    small: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    "generate-only": { type: "boolean", default: false },
  },
});

function count(name: string, value: string | undefined, fallback: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isSafeInteger(n) || n < 1) {
    console.error(`--${name} must be a positive integer, not ${value}`);
    process.exit(1);
  }
  return n;
}

const small = values.small ?? false;
const CUSTOMERS = count("customers", values.customers, small ? 10_000 : 100_000);
const CDRS = count("cdrs", values.cdrs, small ? 1_000_000 : 10_000_000);
const REPORTS = count("reports", values.reports, small ? 20_000 : 200_000);
const SOURCES = count("sources", values.sources, 50);
const DURATION = count("duration", values.duration, 30);
const CONNECTIONS = count("connections", values.connections, 20);
const PORT = count("port", values.port, 3217);
// Extensions are 10000 + (customer / SOURCES) * 2 + j: five digits, unique per source.
if (Math.floor((CUSTOMERS - 1) / SOURCES) * 2 + 1 > 89_999) {
  console.error(`--customers ${CUSTOMERS} is too many for ${SOURCES} sources (at most ${45_000 * SOURCES})`);
  process.exit(1);
}
if (CUSTOMERS * 2 > 9_999_999) {
  console.error("--customers must be under 5,000,000");
  process.exit(1);
}

const PERIOD_SECONDS = 30 * 24 * 3600;
const PASSWORD = "bench-dashboard-password";
const SUPERVISOR = "supervisor@bench.ghostline.test";
const BASE_URL = `http://localhost:${PORT}`;

// Deterministic ids, so rows refer to each other without joins.
const SOURCE_ID = (s: string) => `md5('src' || (${s}))::uuid`;
const IMPORT_ID = (s: string) => `md5('imp' || (${s}))::uuid`;
const CUSTOMER_ID = (c: string) => `md5('cust' || (${c}))::uuid`;
const DID = (c: string, j: string) => `'+1312' || lpad(((${c}) * 2 + (${j}))::text, 7, '0')`;
const EXTENSION = (c: string, j: string) => `(10000 + ((${c}) / ${SOURCES}) * 2 + (${j}))::text`;

async function timed(label: string, db: pg.Client, sql: string, params: unknown[] = []): Promise<void> {
  const t = performance.now();
  const result = await db.query(sql, params);
  console.log(`  ${label}: ${duration(performance.now() - t)}${result.command === "INSERT" ? ` (${fmt(result.rowCount ?? 0)} rows)` : ""}`);
}

async function generate(db: pg.Client, base: Date): Promise<void> {
  await db.query("set maintenance_work_mem = '512MB'");
  await timed(
    "sources + imports",
    db,
    `with s as (select s from generate_series(0, $1::int - 1) s),
     src as (
       insert into cdr_source (id, name, format, "timeZone", "defaultCountry", "updatedAt")
       select ${SOURCE_ID("s")}, 'pbx-' || lpad(s::text, 3, '0'), 'asterisk', 'UTC', 'US', now() from s
       returning id)
     insert into cdr_import (id, source_id, status, file_name, file_size, imported_by, finished_at,
                             rows_read, rows_inserted, unanswered_rows, coverage_from, coverage_to)
     select ${IMPORT_ID("s")}, ${SOURCE_ID("s")}, 'LOADED', 'Master-' || s || '.csv', 0, 'bench', now(),
            $2::int, $2::int, $2::int * 3 / 10, $3::timestamptz, $3::timestamptz + make_interval(secs => $4)
     from s where exists (select 1 from src)`,
    [SOURCES, Math.round(CDRS / SOURCES), base, PERIOD_SECONDS],
  );
  await timed(
    "customers",
    db,
    `insert into customer (id, account, name, "timeZone", "updatedAt")
     select ${CUSTOMER_ID("c")}, 'CUST-' || lpad(c::text, 7, '0'), 'Customer ' || c,
            (array['America/Chicago', 'America/New_York', 'Europe/London'])[1 + c % 3], now()
     from generate_series(0, $1::int - 1) c`,
    [CUSTOMERS],
  );
  await timed(
    "customer sources",
    db,
    `insert into customer_source ("customerId", "sourceId")
     select ${CUSTOMER_ID("c")}, ${SOURCE_ID(`c % ${SOURCES}`)} from generate_series(0, $1::int - 1) c`,
    [CUSTOMERS],
  );
  await timed(
    "customer numbers",
    db,
    `insert into customer_number (id, "customerId", kind, number, "sourceId", raw)
     select gen_random_uuid(), ${CUSTOMER_ID("c")}, 'DID'::"NumberKind", ${DID("c", "j")}, null, substr(${DID("c", "j")}, 3)
     from generate_series(0, $1::int - 1) c, generate_series(0, 1) j
     union all
     select gen_random_uuid(), ${CUSTOMER_ID("c")}, 'EXTENSION'::"NumberKind", ${EXTENSION("c", "j")}, ${SOURCE_ID(`c % ${SOURCES}`)}, ${EXTENSION("c", "j")}
     from generate_series(0, $1::int - 1) c, generate_series(0, 1) j`,
    [CUSTOMERS],
  );
  // One phone each, from the remediation catalog (the queue's vendor column and filter).
  await timed(
    "devices",
    db,
    `insert into device (id, "customerId", vendor, model, firmware, mac, extension, "updatedAt")
     select gen_random_uuid(), ${CUSTOMER_ID("c")},
            (array['yealink', 'polycom', 'grandstream', 'snom'])[1 + c % 4],
            (array['T46G', 'VVX410', 'GXP2170', 'D345'])[1 + c % 4],
            (array['28.73.0.50', '5.9.5', '1.0.11.3', '10.1.54.13'])[1 + c % 4],
            '02' || lpad(to_hex(c), 10, '0'), ${EXTENSION("c", "0")}, now()
     from generate_series(0, $1::int - 1) c`,
    [CUSTOMERS],
  );

  // The cdr table's secondary indexes and foreign keys, dropped for the load and rebuilt after
  // it (set-based builds are several times faster than row-by-row maintenance), as the
  // migrations define them.
  const { rows: indexes } = await db.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes
     where schemaname = current_schema() and tablename = 'cdr' and indexname <> 'cdr_pkey'`,
  );
  const { rows: fks } = await db.query<{ name: string; def: string }>(
    `select conname as name, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'cdr'::regclass and contype = 'f'`,
  );
  for (const fk of fks) await db.query(`alter table cdr drop constraint "${fk.name}"`);
  for (const index of indexes) await db.query(`drop index "${index.name}"`);

  // CDR i: a customer by a multiplicative hash, on its source; times spread evenly over the
  // period; from a second hash h: 80% inbound to one of the customer's DIDs (ringing one of its
  // extensions), 20% outbound; dispositions 70% answered, 15% no answer, 8% busy, 5% failed,
  // 2% other.
  await timed(
    "cdrs",
    db,
    `insert into cdr (id, source_id, import_id, line, started_at, answered_at, ended_at, duration_sec, bill_sec,
                      caller_number, caller_name, caller_raw, callee_number, callee_raw, endpoint,
                      disposition, disposition_raw, context, unique_id, linked_id, natural_key)
     select i, ${SOURCE_ID(`c % ${SOURCES}`)}, ${IMPORT_ID(`c % ${SOURCES}`)}, i, t,
            case when d < 70 then t + interval '5 seconds' end,
            t + make_interval(secs => dur),
            dur, case when d < 70 then dur - 5 else 0 end,
            case when inbound then ext_caller else did end,
            null,
            '"" <' || case when inbound then ext_caller else did end || '>',
            case when inbound then did else ext_caller end,
            case when inbound then substr(did, 3) else substr(ext_caller, 3) end,
            case when inbound then ${EXTENSION("c", "(h / 1000) % 2")} end,
            (case when d < 70 then 'ANSWERED' when d < 85 then 'NO_ANSWER' when d < 93 then 'BUSY'
                  when d < 98 then 'FAILED' else 'OTHER' end)::"CdrDisposition",
            case when d < 70 then 'ANSWERED' when d < 85 then 'NO ANSWER' when d < 93 then 'BUSY'
                 when d < 98 then 'FAILED' else 'CONGESTION' end,
            case when inbound then 'from-pstn' else 'from-internal' end,
            '1767225600.' || i, '1767225600.' || i, '1767225600.' || i
     from (
       select i, c, d, inbound, h, 5 + (h / 100000) % 300 as dur,
              $1::timestamptz + make_interval(secs => i::float8 * $3::float8 / $2::bigint) as t,
              ${DID("c", "(h / 500) % 2")} as did,
              '+1' || (4150000000 + (i * 104729) % 5000000000)::text as ext_caller
       from (
         select i, h, ((i * 2654435761) % 4294967296 % $4::bigint)::int as c, (h % 100)::int as d, (h / 100) % 5 <> 0 as inbound
         from (select i, (i * 2246822519) % 4294967291 as h from generate_series(1::bigint, $2::bigint) i) i
       ) g
     ) x`,
    [base, CDRS, PERIOD_SECONDS, CUSTOMERS],
  );
  await db.query(`select setval(pg_get_serial_sequence('cdr', 'id'), $1)`, [CDRS]);
  const t = performance.now();
  for (const index of indexes) await db.query(index.def);
  for (const fk of fks) await db.query(`alter table cdr add constraint "${fk.name}" ${fk.def}`);
  console.log(`  cdr indexes + foreign keys (${indexes.length} + ${fks.length}): ${duration(performance.now() - t)}`);

  // Even k: at the time (±2 min) of the first inbound CDR from i(k) on, one in ten of those by
  // extension. Odd k: one customer in ten, one of its DIDs, a random time in the period, caller
  // ID "100" one time in three: rings the PBX never saw, many per customer, so the queue fills.
  await timed(
    "reports",
    db,
    `insert into ghost_report (id, "customerId", number, "numberRaw", "ringAt", "windowMinutes", "callerId", ticket, "enteredBy")
     select gen_random_uuid(), ${CUSTOMER_ID("substr(cdr.callee_number, 6)::int / 2")},
            case when k % 20 = 0 then cdr.endpoint else cdr.callee_number end,
            case when k % 20 = 0 then cdr.endpoint else substr(cdr.callee_number, 3) end,
            cdr.started_at + make_interval(secs => (k * 37) % 241 - 120), 5, null, 'GL-' || k, 'bench'
     from (select k, least(1 + (k / 2) * greatest($2::bigint / (($1::bigint + 1) / 2), 1) + (k / 2) % 7, $2::bigint - 1) as i
           from generate_series(0::bigint, $1::bigint - 1, 2) k) p
     cross join lateral (select * from cdr where cdr.id >= p.i and cdr.endpoint is not null order by cdr.id limit 1) cdr
     union all
     select gen_random_uuid(), ${CUSTOMER_ID("c")}, ${DID("c", "k % 2")}, substr(${DID("c", "k % 2")}, 3),
            $3::timestamptz + make_interval(secs => (k * 7777777) % $4::bigint), 5,
            case when k % 3 = 1 then '100' end, 'GL-' || k, 'bench'
     from (select k, ((((k / 2) * 2654435761) % greatest($5::bigint / 10, 1)) * 10)::int as c
           from generate_series(1::bigint, $1::bigint - 1, 2) k) q`,
    [REPORTS, CDRS, base, PERIOD_SECONDS, CUSTOMERS],
  );
  await timed("analyze", db, "analyze");
}

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

async function prepare(db: pg.Client, base: Date): Promise<void> {
  console.log(`generating ${fmt(SOURCES)} sources, ${fmt(CUSTOMERS)} customers, ${fmt(CDRS)} CDRs over the last 30 days, ${fmt(REPORTS)} reports:`);
  const t = performance.now();
  await generate(db, base);
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
  label: string;
  path: string;
  headers: Record<string, string>;
}

interface Measured {
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

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

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
  const page = await pick("/queue", "/customers", { cookie });
  const api = await pick("/api/v1/queue", "/api/v1/customers", { authorization: `Bearer ${token}` });
  return {
    targets: [
      { label: "/api/health (reference)", path: "/api/health", headers: {} },
      { label: `${page} page (session cookie)`, path: page, headers: { cookie } },
      { label: `GET ${api} (Bearer token)`, path: api, headers: { authorization: `Bearer ${token}` } },
    ],
    notes,
  };
}

function report(results: Measured[], notes: string[]): void {
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const ref = results[0]!;
  console.log(`\n${CONNECTIONS} connections × ${DURATION} s per target:`);
  const rows = results.map((r) => [r.label, ms(r.alone), ms(r.p50), ms(r.p95), ms(r.p99), fmt(Math.round(r.rps)), fmt(r.requests), fmt(r.errors), `${(r.p95 / ref.p95).toFixed(1)}×`, mib(r.peakRss)]);
  const header = ["target", "alone", "p50", "p95", "p99", "req/s", "requests", "errors", "p95 vs ref", "server peak RSS"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows]) console.log(`  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ")}`);
  for (const note of notes) console.log(`  note: ${note}`);
  for (const r of results.slice(1)) {
    const verdict = r.p95 < 150 && r.errors === 0 ? "meets" : "misses";
    console.log(`  ${r.label}: p95 ${ms(r.p95)}, ${fmt(r.errors)} errors: ${verdict} the target (p95 < 150 ms, 0 errors)`);
  }
  console.log(`  server peak RSS over the whole run: ${mib(Math.max(...results.map((r) => r.peakRss)))}`);
}

async function main() {
  const keep = values.keep ?? false;
  const bench = await benchDatabase(keep ? { name: `dashboard_${CUSTOMERS}_${CDRS}_${REPORTS}_${SOURCES}` } : {});
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
        // The data ends now, so that the queue's "last 7 / 30 days" columns have something to count.
        await prepare(db, new Date(Date.now() - PERIOD_SECONDS * 1000));
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
