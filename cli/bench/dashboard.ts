// `npm run bench:dashboard [-- --customers N --cdrs N --reports N --sources N --small --keep
// --users N --rate R --api-rate R --duration S --connections N --saturation-duration S
// --browser-runs N --port P]`: what a support floor feels on the queue (issue 13), next to
// references measured in the same run.
//
// 1. Generates (cli/bench/dataset.ts), set-based in SQL, into a database of its own: CDR sources
//    with one LOADED import each covering the last 30 days, customers with two DIDs, two
//    extensions and a phone each, N CDRs over those 30 days, and R reported rings: half at the
//    time of a CDR of theirs (a PBX record), half at random times for one customer in ten (the
//    "scanned" ones, which fill the queue; one in three of those rings from caller ID "100").
//    Then evaluateReports({ all: true }) (lib/matching/evaluate.ts) stores the verdicts,
//    findings and cases, and the cases are spread over the floor's agents with mixed statuses.
// 2. Makes the floor's users (--users, default 50: one in ten a supervisor, the rest agents) and
//    a SUPERVISOR API token, starts the production server (`ghostline serve`, which builds first
//    when the sources changed) on that database, and gives every user a session of their own
//    through better-auth's sign-in (in this process: the HTTP sign-in allows ten a minute).
// 3. Open loop (what users feel), after WARM_UP_S s of the same load unmeasured: requests
//    arrive at a fixed rate whatever the server's latency, each from the next user's session in
//    turn, and a request's latency counts from when it was due (so a slow server is not
//    excused by clients that wait for it). --rate
//    (default 25/s, a 200-seat floor at peak) for --duration s (default 60) on /api/health (the
//    reference), /wizard (the floor: signed in, no data of its own), the /queue page (its saved
//    views and pages in turn), a flagged customer's case page and the inbox; the queue API at
//    --api-rate (default 100/s) with the token. Targets: pages p95 < 150 ms, p99 < 300 ms, the
//    API p95 < 100 ms, 0 errors.
// 4. Closed loop (saturation): --connections clients (default 20) back to back for
//    --saturation-duration s (default 30) each on the floor page and the queue page, in 5 s rounds
//    taken in turns: the queue's maximum throughput and the floor's throughput over it (goal
//    ≤ 1.2×: the page's own cost).
// 5. Browser: headless Chromium (Debian's /usr/bin/chromium), a supervisor on /queue: the time
//    from Enter on a row to the case page's heading painted (with, beside it, the time to the
//    timeline chart drawn after it), and from a filter change to the new rows, --browser-runs
//    times each (default 20): p95 < 500 ms.
// The server's peak RSS (its process tree, from /proc: Linux) is printed for each phase.
//
// --keep keeps the database, named after its sizes, and a later --keep run with the same sizes
// reuses it instead of generating again (its data then ages: "last 7 days" counts shrink).
// --generate-only stops after step 1 (with --keep: prepare the data now, load it later).
import { randomBytes } from "node:crypto";
import http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { benchDatabase, duration, fmt, generateOnce, httpStatus, mib, openLoop, percentile, positiveInt } from "./common.ts";
import { type Server, startServer } from "./server.ts";
import { DATASET_OPTIONS, datasetSpec, generateDataset, PERIOD_SECONDS, timed } from "./dataset.ts";

const { values } = parseArgs({
  options: {
    ...DATASET_OPTIONS,
    users: { type: "string", default: "50" },
    rate: { type: "string", default: "25" },
    "api-rate": { type: "string", default: "100" },
    duration: { type: "string", default: "60" },
    connections: { type: "string", default: "20" },
    "saturation-duration": { type: "string", default: "30" },
    "browser-runs": { type: "string", default: "20" },
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
const USERS = positiveInt("users", values.users, 50);
const RATE = positiveInt("rate", values.rate, 25);
const API_RATE = positiveInt("api-rate", values["api-rate"], 100);
const DURATION = positiveInt("duration", values.duration, 60);
const CONNECTIONS = positiveInt("connections", values.connections, 20);
const SATURATION_DURATION = positiveInt("saturation-duration", values["saturation-duration"], 30);
const SATURATION_ROUND_S = 5;
const WARM_UP_S = 5;
const BROWSER_RUNS = positiveInt("browser-runs", values["browser-runs"], 20);
const PORT = positiveInt("port", values.port, 3217);

const PASSWORD = "bench-dashboard-password";
const BASE_URL = `http://localhost:${PORT}`;
// The server and this process's in-process sign-in (signInAll) share the secret and the URL.
const SECRET = randomBytes(32).toString("base64url");
process.env.BETTER_AUTH_SECRET = SECRET;
process.env.GHOSTLINE_URL = BASE_URL;
// The floor's users: one in ten a supervisor. Agents come first, so the cases go to them.
const floorUsers = Array.from({ length: USERS }, (_, i) => {
  const supervisor = i >= USERS - Math.max(1, Math.round(USERS / 10));
  return { email: `user${i + 1}@bench.ghostline.test`, name: `Bench user ${i + 1}`, role: supervisor ? "SUPERVISOR" : "AGENT" } as const;
});
const SUPERVISOR = floorUsers.at(-1)!.email;
const TARGETS = { pageP95: 150, pageP99: 300, apiP95: 100, browserP95: 500, saturationRatio: 1.2 };

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
  // A floor's database has been through autovacuum since its bulk writes: the visibility map is
  // set, so the queue's index-only scans read no heap (a bitmap heap scan of 4k finding pages
  // otherwise, 15 ms against 6 ms for the "ringing again" view).
  await timed("vacuum analyze", db, "vacuum analyze");
}

async function prepare(db: pg.Client): Promise<void> {
  console.log(`generating ${fmt(spec.sources)} sources, ${fmt(spec.customers)} customers, ${fmt(spec.cdrs)} CDRs over the last 30 days, ${fmt(spec.reports)} reports:`);
  const t = performance.now();
  await generateDataset(db, spec);
  const { createUser } = await import("@/lib/auth/users.ts");
  const agents = [];
  for (const user of floorUsers) {
    const { id } = await createUser({ ...user, password: PASSWORD }, "bench");
    if (user.role === "AGENT") agents.push(id);
  }
  await evaluate(db, agents);
  const { rows } = await db.query<{ cdr_size: string; cases: number; flagged: number }>(
    `select (select pg_size_pretty(sum(pg_total_relation_size(relid))) from pg_partition_tree('cdr')) as cdr_size, (select count(*)::int from cases) as cases,
            (select count(*)::int from customer_finding where level <> 'NOT_INDICATED') as flagged`,
  );
  console.log(`generated in ${duration(performance.now() - t)} (cdr with indexes: ${rows[0]!.cdr_size}; ${fmt(rows[0]!.flagged)} flagged customers, ${fmt(rows[0]!.cases)} cases)`);
}

// ---------------------------------------------------------------------------------------------
// The server

/**
 * A session cookie per floor user, from better-auth's email sign-in run in this process with the
 * server's secret: the same session rows and signed cookies as the HTTP route, without its limit
 * of ten sign-ins a minute per address.
 */
async function signInAll(): Promise<Map<string, string>> {
  const { auth } = await import("@/lib/auth/auth.ts");
  const cookies = new Map<string, string>();
  for (const { email } of floorUsers) {
    const res = await auth.api.signInEmail({ body: { email, password: PASSWORD }, asResponse: true });
    if (!res.ok) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
    cookies.set(email, res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; "));
  }
  return cookies;
}

// ---------------------------------------------------------------------------------------------
// The load

interface Target {
  /** "reference": /api/health; "floor": a signed-in page without data; "target": what the issue's targets are for. */
  kind: "reference" | "floor" | "target";
  label: string;
  /** The i-th request's path and headers (views, customers and sessions in turn). */
  request: (i: number) => { path: string; headers: Record<string, string> };
  /** Open-loop arrival rate, requests a second. */
  rate: number;
  /** p95 goal in ms, for the targets. */
  p95Goal?: number;
}

interface Measured {
  target: Target;
  /** Median latency with no other request in flight. */
  alone: number;
  p50: number;
  p95: number;
  p99: number;
  /** Requests completed a second. */
  rps: number;
  requests: number;
  errors: number;
  peakRss: number;
}

// At most 256 connections, as bench:feeds' open loop (common.ts httpStatus says why not fetch).
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function get(target: Target, i: number): Promise<number> {
  const { path: p, headers } = target.request(i);
  return httpStatus(`${BASE_URL}${p}`, { agent, headers, timeoutMs: 10_000 });
}

/**
 * Warm-up, not measured: compile-on-first-use caches, the pool's connections, the database's
 * buffers, in every server process. WARM_UP_S s at the target's rate first: ten requests one at
 * a time reach one process only (one keep-alive connection), and the other's first seconds on a
 * route it had not served (its modules loaded, V8 not yet optimising them) stalled the open loop:
 * the case page's 5 s after a restart at p95 1.1 s, against 33–48 ms for every 5 s after, and
 * the backlog made the whole minute's p95 1.9 s.
 */
async function warmUp(target: Target): Promise<number> {
  await openLoop(target.rate, WARM_UP_S, async (i) => (await get(target, i)) === 200);
  // The median of the last five of ten requests, one at a time: the route's own cost.
  const alone: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    const status = await get(target, i);
    if (status !== 200) throw new Error(`${target.request(i).path} answered ${status} before the load (expected 200)`);
    if (i >= 5) alone.push(performance.now() - t);
  }
  return percentile(alone.sort((a, b) => a - b), 50);
}

function summarise(target: Target, alone: number, times: number[], errors: number, ms: number, server: Server): Measured {
  times.sort((a, b) => a - b);
  return {
    target,
    alone,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    rps: times.length / (ms / 1000),
    requests: times.length,
    errors,
    peakRss: server.peak(),
  };
}

/** The target at its open-loop rate (common.ts openLoop) for --duration s. */
async function openLoopOn(target: Target, server: Server): Promise<Measured> {
  const alone = await warmUp(target);
  server.resetPeak();
  const { times, errors, ms } = await openLoop(target.rate, DURATION, async (i) => (await get(target, i)) === 200);
  return summarise(target, alone, times, errors, ms, server);
}

// autocannon ships no type declarations; this is the part of its programmatic API used here.
type AutocannonResult = { errors: number; timeouts: number; non2xx: number };
type AutocannonInstance = { on(event: "response", fn: (client: unknown, status: number, bytes: number, ms: number) => void): void };
type Autocannon = (opts: object, done: (err: Error | null, result: AutocannonResult) => void) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

/** One closed-loop round: --connections clients back to back on one path for `seconds`. */
async function closedLoop(target: Target, seconds: number): Promise<{ times: number[]; errors: number; ms: number }> {
  // autocannon reports fixed percentiles without p95, so every response time is kept.
  const times: number[] = [];
  const { path: p, headers } = target.request(0);
  const start = performance.now();
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      { url: `${BASE_URL}${p}`, connections: CONNECTIONS, duration: seconds, headers, timeout: 10 },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client, _status, _bytes, ms) => times.push(ms));
  });
  return { times, errors: result.errors + result.timeouts + result.non2xx, ms: performance.now() - start };
}

/**
 * Saturation: the targets' maximum throughput, each for --saturation-duration s in all, in
 * SATURATION_ROUND_S rounds taken in turns (the order reversed every other round). This machine's
 * speed drifts by tens of percent within a minute (a 2-core VM beside other load): two 30 s runs
 * one after the other measured that drift in their ratio as much as the pages' costs.
 */
async function saturate(targets: Target[], server: Server): Promise<Measured[]> {
  const alone: number[] = [];
  for (const target of targets) alone.push(await warmUp(target));
  const runs = targets.map(() => ({ times: [] as number[], errors: 0, ms: 0 }));
  const peaks = targets.map(() => 0);
  const rounds = Math.max(1, Math.round(SATURATION_DURATION / SATURATION_ROUND_S));
  for (let round = 0; round < rounds; round++) {
    const order = targets.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      server.resetPeak();
      const run = await closedLoop(targets[i]!, SATURATION_DURATION / rounds);
      runs[i]!.times.push(...run.times);
      runs[i]!.errors += run.errors;
      runs[i]!.ms += run.ms;
      peaks[i] = Math.max(peaks[i]!, server.peak());
    }
  }
  return targets.map((target, i) => ({ ...summarise(target, alone[i]!, runs[i]!.times, runs[i]!.errors, runs[i]!.ms, server), peakRss: peaks[i]! }));
}

/** The queue views a floor opens (the default, the saved views, a filter, a later page). */
const QUEUE_VIEWS = [
  "/queue",
  "/queue?assignee=me",
  "/queue?assignee=unassigned&level=LIKELY_SCANNED",
  "/queue?ringingAgain=1",
  "/queue?status=NEW,INVESTIGATING",
  "/queue?page=2",
  "/queue?sort=lastRing",
];

async function targets(cookies: Map<string, string>, token: string, accounts: string[]): Promise<Target[]> {
  const sessions = [...cookies.values()];
  const session = (i: number) => ({ cookie: sessions[i % sessions.length]! });
  const bearer = { authorization: `Bearer ${token}` };
  const page = (path: (i: number) => string) => (i: number) => ({ path: path(i), headers: session(i) });
  return [
    { kind: "reference", label: "/api/health (reference)", rate: RATE, request: () => ({ path: "/api/health", headers: {} }) },
    // The layout, the session and a page with no database data of its own (the wizard's form,
    // from its static catalog): about what any signed-in page costs this server before its own
    // data, so the pages' numbers can be read against it.
    { kind: "floor", label: "/wizard page (floor: signed in, no data)", rate: RATE, request: page(() => "/wizard") },
    { kind: "target", label: "/queue page (views in turn)", rate: RATE, p95Goal: TARGETS.pageP95, request: page((i) => QUEUE_VIEWS[i % QUEUE_VIEWS.length]!) },
    {
      kind: "target",
      label: "case page (/customers/:account)",
      rate: RATE,
      p95Goal: TARGETS.pageP95,
      request: page((i) => `/customers/${encodeURIComponent(accounts[i % accounts.length]!)}`),
    },
    { kind: "target", label: "/inbox page", rate: RATE, p95Goal: TARGETS.pageP95, request: page(() => "/inbox") },
    {
      kind: "target",
      label: "GET /api/v1/queue (token)",
      rate: API_RATE,
      p95Goal: TARGETS.apiP95,
      request: (i) => ({ path: `/api/v1${QUEUE_VIEWS[i % QUEUE_VIEWS.length]!.replace(/^\/queue\?(assignee=me&?)?/, "/queue?")}`, headers: bearer }),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// The browser

interface BrowserTimes {
  /** Enter → the case page's heading painted (in the page's own clock, see browser()). */
  open: number[];
  /** Enter → the timeline chart drawn, after the heading. */
  chart: number[];
  /** Enter → Playwright's locator saw the heading: its polling waits for the main thread too. */
  openSeen: number[];
  filter: number[];
}

/** The case page's moments in the page's clock (performance.now()), set in browser(). */
type PageMarks = { enter?: number; heading?: number; chart?: number };

/** A supervisor in Chromium: Enter on a queue row → the case page's heading; a filter change → its rows. */
async function browser(cookie: string): Promise<BrowserTimes> {
  const { chromium } = await import("@playwright/test");
  const b = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const context = await b.newContext({ viewport: { width: 1280, height: 800 }, baseURL: BASE_URL });
    await context.addCookies(
      cookie.split("; ").map((pair) => {
        const eq = pair.indexOf("=");
        return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: BASE_URL };
      }),
    );
    const page = await context.newPage();
    const times: BrowserTimes = { open: [], chart: [], openSeen: [], filter: [] };
    const rows = page.locator("tbody tr");
    // One untimed round first: the pages' code and the server's caches, as a user's second visit.
    for (let run = 0; run <= BROWSER_RUNS; run++) {
      await page.goto("/queue");
      await page.waitForLoadState("networkidle");
      // Before hydration a key press does nothing (the rows' handlers are React's).
      await rows.nth(0).focus();
      for (let down = 0; down < run % 10; down++) await page.keyboard.press("ArrowDown");
      // A row is named "ACCOUNT, Name"; the case page's heading is the name.
      const label = await page.locator("tbody tr:focus").getAttribute("aria-label");
      if (!label) throw new Error("no queue row has the focus");
      // Timed in the page: from the Enter keydown's own timestamp to the first frame after the
      // heading is in the document (a requestAnimationFrame callback runs just before that
      // frame's paint), and to the chart's drawing. Playwright's locator alone would read the
      // later of the two: its polling runs on the page's main thread, which the chart then holds.
      const name = label.slice(label.indexOf(", ") + 2);
      await page.evaluate((heading) => {
        const marks: PageMarks = {};
        (window as unknown as { benchMarks: PageMarks }).benchMarks = marks;
        addEventListener("keydown", (e) => (marks.enter ??= e.timeStamp), { capture: true, once: true });
        new MutationObserver((_, observer) => {
          if (marks.heading === undefined && [...document.querySelectorAll("h1")].some((h) => h.textContent === heading)) {
            marks.heading = -1;
            requestAnimationFrame(() => (marks.heading = performance.now()));
          }
          if (marks.chart === undefined && document.querySelector(".recharts-surface") !== null) marks.chart = performance.now();
          if (marks.heading !== undefined && marks.chart !== undefined) observer.disconnect();
        }).observe(document.body, { childList: true, subtree: true });
      }, name);
      let t = performance.now();
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { level: 1, name, exact: true }).waitFor();
      const seen = performance.now() - t;
      await page.locator(".recharts-surface").first().waitFor();
      const marks = await page.evaluate(() => (window as unknown as { benchMarks: PageMarks }).benchMarks);
      if (marks.enter === undefined || marks.heading === undefined || marks.heading < 0 || marks.chart === undefined) {
        throw new Error(`the case page's marks are incomplete: ${JSON.stringify(marks)}`);
      }
      if (run > 0) {
        times.open.push(marks.heading - marks.enter);
        times.chart.push(marks.chart - marks.enter);
        times.openSeen.push(seen);
      }

      await page.goto("/queue");
      await page.waitForLoadState("networkidle");
      // The table's caption ("1–25 of 9,930 customers") changes with the filter's rows.
      const CAPTION = String.raw`[\d,]+–[\d,]+ of [\d,]+ customers|No customers match`;
      const before = await page.evaluate((re) => new RegExp(re).exec(document.body.innerText)?.[0], CAPTION);
      t = performance.now();
      // The bench's cases are spread over four statuses, so either filter changes the rows.
      await page.getByRole("combobox", { name: "Case status" }).selectOption(run % 2 ? "NEW" : "VERIFYING");
      await page.waitForFunction(
        ([re, old]) => {
          const now = new RegExp(re).exec(document.body.innerText)?.[0];
          return document.querySelector("table")?.getAttribute("aria-busy") === "false" && now !== undefined && now !== old;
        },
        [CAPTION, before] as const,
      );
      if (run > 0) times.filter.push(performance.now() - t);
    }
    return times;
  } finally {
    await b.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The report

const ms = (x: number) => `${x.toFixed(1)} ms`;

function table(header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows]) console.log(`  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ")}`);
}

function report(open: Measured[], saturation: Measured[], clicks: BrowserTimes) {
  const ref = open.find((r) => r.target.kind === "reference")!;
  const floor = open.find((r) => r.target.kind === "floor")!;
  const verdicts: string[] = [];
  console.log(`\nopen loop, ${DURATION} s per target, requests from ${fmt(USERS)} signed-in users in turn:`);
  table(
    ["target", "rate", "alone", "p50", "p95", "p99", "done/s", "errors", "p95 vs ref", "vs floor", "server peak RSS"],
    open.map((r) => [
      r.target.label, `${r.target.rate}/s`, ms(r.alone), ms(r.p50), ms(r.p95), ms(r.p99), r.rps.toFixed(1), fmt(r.errors),
      `${(r.p95 / ref.p95).toFixed(1)}×`, r.target.kind === "reference" ? "" : `${(r.p95 / floor.p95).toFixed(1)}×`, mib(r.peakRss),
    ]),
  );
  for (const r of open.filter((m) => m.target.kind === "target")) {
    const api = r.target.p95Goal === TARGETS.apiP95;
    const ok = r.p95 < r.target.p95Goal! && (api || r.p99 < TARGETS.pageP99) && r.errors === 0;
    verdicts.push(`${r.target.label}: p95 ${ms(r.p95)}${api ? "" : `, p99 ${ms(r.p99)}`}, ${fmt(r.errors)} errors: ${ok ? "meets" : "misses"} the target (p95 < ${r.target.p95Goal} ms${api ? "" : `, p99 < ${TARGETS.pageP99} ms`}, 0 errors)`);
  }

  console.log(`\nsaturation (closed loop), ${CONNECTIONS} connections, ${SATURATION_DURATION} s each in rounds of ${SATURATION_ROUND_S} s taken in turns, one session:`);
  table(
    ["target", "req/s", "p50", "p95", "errors", "server peak RSS"],
    saturation.map((r) => [r.target.label, r.rps.toFixed(1), ms(r.p50), ms(r.p95), fmt(r.errors), mib(r.peakRss)]),
  );
  const [floorMax, queueMax] = saturation;
  const ratio = floorMax!.rps / queueMax!.rps;
  verdicts.push(`queue page maximum throughput ${queueMax!.rps.toFixed(1)} req/s; the floor page's ${floorMax!.rps.toFixed(1)} req/s is ${ratio.toFixed(2)}× it: ${ratio <= TARGETS.saturationRatio ? "meets" : "misses"} the goal (≤ ${TARGETS.saturationRatio}×)`);

  console.log(`\nbrowser (Chromium), ${BROWSER_RUNS} runs each:`);
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const rows = [
    ["Enter on a queue row → case page heading painted", clicks.open],
    ["filter change → the new rows", clicks.filter],
  ] as const;
  const context = [
    ["  (Enter → the timeline chart drawn)", clicks.chart],
    ["  (Enter → Playwright's locator sees the heading)", clicks.openSeen],
  ] as const;
  table(["interaction", "p50", "p95", "max"], [...rows, ...context].map(([label, xs]) => [label, ms(percentile(sorted(xs), 50)), ms(percentile(sorted(xs), 95)), ms(Math.max(...xs))]));
  for (const [label, xs] of rows) {
    const p95 = percentile(sorted(xs), 95);
    verdicts.push(`${label}: p95 ${ms(p95)}: ${p95 < TARGETS.browserP95 ? "meets" : "misses"} the target (p95 < ${TARGETS.browserP95} ms)`);
  }
  console.log("");
  for (const v of verdicts) console.log(`  ${v}`);
  console.log(`  server peak RSS over the whole run: ${mib(Math.max(...[...open, ...saturation].map((r) => r.peakRss)))}`);
}

async function main() {
  const keep = values.keep ?? false;
  const bench = await benchDatabase(keep ? { name: `dashboard_${spec.customers}_${spec.cdrs}_${spec.reports}_${spec.sources}_${USERS}` } : {});
  let server: Server | undefined;
  try {
    const total = performance.now();
    const reuse = keep && (await bench.exists());
    if (!reuse) await bench.create();
    process.env.DATABASE_URL = bench.url;
    const db = new pg.Client({ connectionString: bench.url });
    await db.connect();
    try {
      await generateOnce(db, bench, reuse, () => prepare(db));
      if (values["generate-only"]) return;
      const { createApiToken } = await import("@/lib/auth/tokens.ts");
      const token = await createApiToken({ name: `bench-dashboard-${randomBytes(3).toString("hex")}`, role: "SUPERVISOR" });
      // The flagged customers, whose case pages the floor opens.
      const flagged = await db.query<{ account: string }>(
        `select c.account from customer_finding f join customer c on c.id = f.customer_id
          where f.level <> 'NOT_INDICATED' order by c.account limit 500`,
      );
      const accounts = flagged.rows.map((r) => r.account);
      if (!accounts.length) throw new Error("the dataset has no flagged customer");

      const log = path.join(os.tmpdir(), `ghostline-bench-dashboard-${process.pid}.log`);
      console.log(`\nstarting the production server on ${BASE_URL} (ghostline serve; it builds first if the sources changed; log: ${log})`);
      let t = performance.now();
      server = await startServer({ databaseUrl: bench.url, log, port: PORT, secret: SECRET });
      console.log(`  answering after ${duration(performance.now() - t)}`);
      const cookies = await signInAll();
      const { prisma } = await import("@/lib/db/client.ts");
      await prisma.$disconnect();
      const list = await targets(cookies, token.secret, accounts);
      const open: Measured[] = [];
      for (const target of list) {
        t = performance.now();
        open.push(await openLoopOn(target, server));
        console.log(`  open loop, ${target.label} at ${target.rate}/s: done in ${duration(performance.now() - t)}`);
      }
      // One session on one path each: the default queue view against the floor.
      const one = (target: Target) => ({ ...target, request: (i: number) => ({ ...target.request(i), path: target.request(0).path }) });
      t = performance.now();
      const saturation = await saturate(list.filter((x) => x.kind === "floor" || x.label.startsWith("/queue")).map(one), server);
      console.log(`  saturation, the floor and the queue in turns: done in ${duration(performance.now() - t)}`);
      t = performance.now();
      const clicks = await browser(cookies.get(SUPERVISOR)!);
      console.log(`  browser: done in ${duration(performance.now() - t)}`);
      report(open, saturation, clicks);
      console.log(`\ntotal ${duration(performance.now() - total)}`);
    } finally {
      agent.destroy();
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
