// `npm run bench:feeds [-- --cdrs N --seconds S --connections C --batch B --probes P --rate R --small --keep
// --server plain|next|both --port P --cpu-prof DIR]`: how fast live feeds take pushed CDRs into a
// big database, and how soon a waiting report's verdict follows a POST, against the file loader's
// rate in the same run as the reference.
//
// Generates the bench dataset (cli/bench/dataset.ts: N CDRs over 30 days, 10M by default, 1M with
// --small) into a fresh database (--keep keeps it, named after its sizes, and a later --keep run
// reuses it without what the earlier run added), with the months' partitions `ghostline serve`
// makes. Then, per server (--server, both by default):
//   - plain: the feed endpoints' node:http entry (lib/feeds/node-endpoint.ts, the route files'
//     handlers) in a process of its own with keep-alive, no Next: the feed code's own cost
//     (--cpu-prof DIR writes that process's CPU profile);
//   - next: the production server as `npm start` runs it, `ghostline serve` on --port
//     (cli/web-server.ts: Next's handler with the pushes answered ahead of it, one process per
//     core; it builds first when the sources changed): what a PBX gets;
// drives them with autocannon, S seconds each:
//   - JSON push: C connections back to back, B CDRs per POST;
//   - FreeSWITCH: 4·C connections, one mod_json_cdr CDR per POST, as FreeSWITCH posts (a call's
//     thread each); every CDR is a new call;
//   - FreeSWITCH at --rate POSTs/s (default 2,000, the goal), open loop: each POST sent when it
//     is due whatever the others' answers, as calls end; its latency counts from when it was due;
// while a probe, P times, files a report on the feed's source (waiting for coverage), POSTs the
// call's CDR, and polls report_verdict until PBX_RECORD_FOUND: POST→verdict p50 / p95 under load.
// The reference: the file loader (loadCdrFile, the path of `ghostline import-cdrs`) loading a
// 200,000-row Asterisk export into the same database. Prints CDRs/s, the ratio to the loader,
// the probes' latency, the server processes' CPU time per 1,000 CDRs (steadier than a rate on a
// shared machine) and their peak RSS.
// Goal (issue 14): ≥ 2,000 CDRs/s sustained, POST→verdict p95 < 1 s.
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { writeFile, mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { benchDatabase, duration, fmt, generateOnce, httpStatus, mib, openLoop, percentile, positiveInt, rate } from "./common.ts";
import { DATASET_OPTIONS, datasetSpec, generateDataset } from "./dataset.ts";
import { type Server, startServer, treeCpuMs } from "./server.ts";

const { values } = parseArgs({
  options: {
    ...DATASET_OPTIONS,
    seconds: { type: "string", default: "20" },
    connections: { type: "string", default: "8" },
    batch: { type: "string", default: "100" },
    probes: { type: "string", default: "40" },
    rate: { type: "string", default: "2000" },
    keep: { type: "boolean", default: false },
    "cpu-prof": { type: "string" },
    server: { type: "string", default: "both" },
    port: { type: "string" },
    // Internal: the server process (see serve()).
    serve: { type: "boolean", default: false },
  },
});

const FEED_SOURCE = "bench-feed";
const BENCH_NUMBER = "+13125559999";

// --- The server process -----------------------------------------------------------------------

/** The feed pushes' node:http entry (as the production server runs it ahead of Next); answers the parent's "stop" with its peak RSS. */
async function serve() {
  const { answerFeedPush } = await import("@/lib/feeds/node-endpoint.ts");
  const server = http.createServer((req, res) => {
    if (answerFeedPush(req, res) === null) res.writeHead(404).end();
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, "127.0.0.1", () => process.send?.({ port: (server.address() as { port: number }).port }));
  process.on("message", async (msg) => {
    if (msg !== "stop") return;
    const { feedWriterIdle } = await import("@/lib/feeds/writer.ts");
    await feedWriterIdle();
    process.send?.({ maxRss: process.resourceUsage().maxRSS * 1024 });
    server.close();
    setTimeout(() => process.exit(0), 100);
  });
}

if (values.serve) {
  await serve();
} else {
  await main();
}

// --- The bench ----------------------------------------------------------------------------------

type AutocannonResult = { errors: number; timeouts: number; non2xx: number; requests: { total: number }; duration: number };
type AutocannonRequest = { method: string; path: string; headers: Record<string, string>; setupRequest?: (req: { body?: string }) => { body?: string } };
type Autocannon = (opts: object, done: (err: Error | null, result: AutocannonResult) => void) => { stop(): void };

async function main() {
  const spec = datasetSpec(
    values,
    { small: { customers: 2_000, cdrs: 1_000_000, reports: 10_000 }, full: { customers: 20_000, cdrs: 10_000_000, reports: 100_000 } },
    { base: new Date("2026-01-01T00:00:00Z"), accountPrefix: "ACME", extensions: 5, secondSource: true, devices: false, randomReportsEveryNthCustomer: 1, scannerCallerIdEvery: 7 },
  );
  const SECONDS = positiveInt("seconds", values.seconds, 20);
  const CONNECTIONS = positiveInt("connections", values.connections, 8);
  const BATCH = positiveInt("batch", values.batch, 100);
  const PROBES = positiveInt("probes", values.probes, 40);
  const RATE = positiveInt("rate", values.rate, 2000);
  const PORT = positiveInt("port", values.port, 3218);
  const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

  const keep = values.keep;
  const bench = await benchDatabase(keep ? { name: `feeds_${spec.customers}_${spec.cdrs}_${spec.reports}_${spec.sources}` } : {});
  // The server running now, stopped in `finally` if the bench fails.
  const running: { child: ChildProcess | null; next: Server | null } = { child: null, next: null };
  const scratch = await mkdtemp(join(tmpdir(), "ghostline-bench-feeds-"));
  try {
    const reuse = keep && (await bench.exists());
    if (!reuse) await bench.create();
    process.env.DATABASE_URL = bench.url;
    const db = new pg.Client({ connectionString: bench.url });
    await db.connect();
    console.log(`dataset: ${fmt(spec.cdrs)} CDRs, ${fmt(spec.customers)} customers, ${fmt(spec.reports)} reports`);
    if (await generateOnce(db, bench, reuse, () => generateDataset(db, spec))) {
      // --keep's earlier run: its dataset as generated, without what that run added.
      await db.query("delete from cdr where source_id in (select id from cdr_source where name = any($1))", [[FEED_SOURCE, "bench-file"]]);
      await db.query("delete from cdr_source where name = any($1)", [[FEED_SOURCE, "bench-file"]]);
      await db.query("delete from customer where account = 'BENCH-FEED'");
    }
    // The months' partitions, as `ghostline serve` makes them (and would at the real server's
    // start): the feed writes into the current month's, and both servers measure that layout.
    const t = performance.now();
    const { ensureCdrPartitions } = await import("@/lib/cdr/partitions.ts");
    const made = await ensureCdrPartitions();
    if (made.length > 0) {
      await db.query("analyze cdr");
      console.log(`  cdr partitions (${made.length} made, the generated months' rows moved): ${duration(performance.now() - t)}`);
    }

    const { createSource } = await import("@/lib/cdr/writes.ts");
    const { createReports } = await import("@/lib/matching/reports.ts");
    const { loadCdrFile } = await import("@/lib/cdr/load.ts");
    const { prisma } = await import("@/lib/db/client.ts");
    const actor = { actorId: null, actorLabel: "bench" };
    const feed = await createSource({ name: FEED_SOURCE, format: "asterisk", timeZone: "UTC" }, actor);
    await createSource({ name: "bench-file", format: "asterisk", timeZone: "UTC" }, actor);
    const customer = await prisma.customer.create({ data: { account: "BENCH-FEED", name: "Bench feed", timeZone: "UTC" } });
    await prisma.customerSource.create({ data: { customerId: customer.id, sourceId: feed.id } });
    // As the PBXs authenticate: the source's feed secret (FreeSWITCH's `cred`, HTTP Basic).
    const { saveFeedSettings } = await import("@/lib/feeds/writes.ts");
    const { secret } = (await saveFeedSettings(FEED_SOURCE, { rotateSecret: true }, actor))!;
    const token = `Basic ${Buffer.from(`ghostline:${secret}`).toString("base64")}`;

    // The reference: the file loader's rate on a 200,000-row export, in this database.
    const FILE_ROWS = 200_000;
    const file = join(scratch, "Master.csv");
    const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");
    const T0 = Date.UTC(2026, 3, 1);
    await writeFile(file, Array.from({ length: FILE_ROWS }, (_, i) => {
      const s = T0 + i * 3000;
      return `"","3125550${String(i % 1000).padStart(3, "0")}","${200 + (i % 50)}","from-pstn","""C"" <3125550100>","PJSIP/trunk-${i.toString(16)}","PJSIP/${200 + (i % 50)}-${i.toString(16)}","Dial","PJSIP/200,30","${stamp(s)}","${stamp(s + 5000)}","${stamp(s + 65_000)}",65,60,"ANSWERED","DOCUMENTATION","${Math.floor(s / 1000)}.${i}",""\n`;
    }).join(""));
    const loadStart = performance.now();
    const loaded = await loadCdrFile({ source: "bench-file", file: { path: file }, importedBy: "bench" });
    const loaderRate = rate(loaded.rowsInserted, performance.now() - loadStart);
    console.log(`file loader (reference): ${fmt(loaded.rowsInserted)} rows in ${duration(performance.now() - loadStart)}: ${fmt(loaderRate)} rows/s`);

    // The route handlers behind plain node:http (this file's --serve), or the production server.
    const servers: Record<string, () => Promise<{ base: string; cpuMs: () => number; stop: () => Promise<number> }>> = {
      plain: async () => {
        const execArgv = [...(values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${values["cpu-prof"]}`] : []), "--import", "tsx", "--import", fileURLToPath(new URL("../web-server-hooks.mjs", import.meta.url))];
        const c = fork(fileURLToPath(import.meta.url), ["--serve"], { execArgv, env: { ...process.env, DATABASE_URL: bench.url } });
        running.child = c;
        const [{ port }] = (await once(c, "message")) as [{ port: number }];
        return {
          base: `http://127.0.0.1:${port}`,
          cpuMs: () => treeCpuMs(c.pid!),
          stop: async () => {
            c.send("stop");
            const [{ maxRss }] = (await once(c, "message")) as [{ maxRss: number }];
            // It exits on its own (a --cpu-prof profile is written at exit, not at a kill).
            await once(c, "exit");
            running.child = null;
            return maxRss;
          },
        };
      },
      next: async () => {
        const log = join(tmpdir(), `ghostline-bench-feeds-${process.pid}.log`);
        console.log(`starting the production server on port ${PORT} (ghostline serve; it builds first if the sources changed; log: ${log})`);
        const server = await startServer({ databaseUrl: bench.url, log, port: PORT, secret: randomBytes(32).toString("base64url") });
        running.next = server;
        return {
          base: `http://localhost:${PORT}`,
          cpuMs: () => server.cpuMs(),
          stop: async () => {
            const peak = server.peak();
            await server.stop();
            running.next = null;
            return peak;
          },
        };
      },
    };
    const kinds = values.server === "both" ? ["plain", "next"] : [values.server ?? ""];
    for (const k of kinds) if (!(k in servers)) throw new Error(`--server is plain, next or both, not ${k}`);

    let seq = 0;
    const now = () => new Date().toISOString().slice(0, 19).replace("T", " ");
    const jsonBatch = () =>
      JSON.stringify(Array.from({ length: BATCH }, () => {
        const i = ++seq;
        return { start: now(), caller: `+1312555${String(i % 10_000).padStart(4, "0")}`, callee: String(200 + (i % 50)), disposition: i % 4 ? "ANSWERED" : "NO ANSWER", duration: 30, billsec: i % 4 ? 25 : 0, uniqueId: `bench-${i}` };
      }));
    const fsTemplate = JSON.parse(
      (await import("node:fs")).readFileSync(fileURLToPath(new URL("../../lib/feeds/fixtures/mod_json_cdr.json", import.meta.url)), "utf8"),
    );
    const fsBody = (callee: string, start: string) => {
      const i = ++seq;
      fsTemplate.variables.uuid = `bench-fs-${i}`;
      fsTemplate.callflow[0].caller_profile.uuid = `bench-fs-${i}`;
      fsTemplate.variables.start_stamp = encodeURIComponent(start);
      fsTemplate.variables.end_stamp = encodeURIComponent(start);
      fsTemplate.callflow[0].caller_profile.destination_number = callee;
      fsTemplate.callflow[0].caller_profile.caller_id_number = `+1312555${String(i % 10_000).padStart(4, "0")}`;
      return JSON.stringify(fsTemplate);
    };

    const run = (base: string, label: string, connections: number, request: AutocannonRequest, perRequest: number) =>
      new Promise<{ label: string; cdrs: number; ms: number; errors: number }>((resolve, reject) => {
        const started = performance.now();
        autocannon({ url: base, connections, duration: SECONDS, timeout: 30, requests: [request] }, (err, res) => {
          if (err) reject(err);
          else resolve({ label, cdrs: (res.requests.total - res.non2xx - res.errors) * perRequest, ms: performance.now() - started, errors: res.errors + res.timeouts + res.non2xx });
        });
      });

    // The probe: a report on the feed's source waiting for its CDR, the CDR POSTed, the verdict polled.
    let probes = 0;
    const probe = async (base: string, via: "cdrs" | "freeswitch"): Promise<number[]> => {
      const latencies: number[] = [];
      for (let p = 0; p < PROBES; p++) {
        const ring = new Date(Date.now() - 1000);
        const { created } = await createReports([{ account: "BENCH-FEED", number: BENCH_NUMBER, ring_time: ring.toISOString(), window_minutes: 1, caller_id: undefined, ticket: undefined, notes: undefined }], "bench");
        const id = created[0]!.id;
        const start = ring.toISOString().slice(0, 19).replace("T", " ");
        const body = via === "cdrs" ? JSON.stringify([{ start, caller: "+13125550100", callee: BENCH_NUMBER, disposition: "NO ANSWER", uniqueId: `probe-${++probes}` }]) : fsBody(BENCH_NUMBER, start);
        const sent = performance.now();
        const res = await fetch(`${base}/api/v1/sources/${FEED_SOURCE}/${via}`, { method: "POST", headers: { authorization: token, "content-type": "application/json" }, body });
        if (res.status !== 200) throw new Error(`probe POST answered ${res.status}: ${await res.text()}`);
        for (;;) {
          const { rows } = await db.query<{ verdict: string }>("select verdict::text from report_verdict where report_id = $1", [id]);
          if (rows[0]?.verdict === "PBX_RECORD_FOUND") break;
          if (performance.now() - sent > 30_000) throw new Error("no verdict within 30 s");
          await new Promise((r) => setTimeout(r, 5));
        }
        latencies.push(performance.now() - sent);
        await new Promise((r) => setTimeout(r, (SECONDS * 1000) / PROBES / 2));
      }
      return latencies.sort((a, b) => a - b);
    };

    const headers = { authorization: token, "content-type": "application/json" };
    const loads = [
      [`JSON push, ${BATCH} CDRs per POST`, CONNECTIONS, { method: "POST", path: `/api/v1/sources/${FEED_SOURCE}/cdrs`, headers, setupRequest: (req: { body?: string }) => ({ ...req, body: jsonBatch() }) }, BATCH, "cdrs"],
      ["FreeSWITCH mod_json_cdr, 1 CDR per POST", CONNECTIONS * 4, { method: "POST", path: `/api/v1/sources/${FEED_SOURCE}/freeswitch`, headers, setupRequest: (req: { body?: string }) => ({ ...req, body: fsBody(String(200 + (seq % 50)), now()) }) }, 1, "freeswitch"],
    ] as const;
    const results: { label: string; cdrs: number; ms: number; errors: number; kind: string; latencies: number[]; cpuPerK: number; post?: string }[] = [];
    const peaks: string[] = [];
    for (const kind of kinds) {
      const server = await servers[kind]!();
      console.log(`\n${kind === "plain" ? "the push endpoints behind plain node:http" : "the production server (ghostline serve: cli/web-server.ts, one process per core)"}:`);
      for (const [label, connections, request, per, via] of loads) {
        const cpuBefore = server.cpuMs();
        const [load, latencies] = await Promise.all([run(server.base, label, connections, request as AutocannonRequest, per), probe(server.base, via)]);
        const cpuPerK = ((server.cpuMs() - cpuBefore) / load.cdrs) * 1000;
        results.push({ ...load, kind, latencies, cpuPerK });
        console.log(`  ${label}: ${fmt(load.cdrs)} CDRs in ${duration(load.ms)}: ${fmt(rate(load.cdrs, load.ms))} CDRs/s (${(rate(load.cdrs, load.ms) / loaderRate).toFixed(3)}× the loader; ${load.errors} errors; server CPU ${fmt(Math.round(cpuPerK))} ms per 1,000 CDRs) — POST→verdict p50 ${duration(percentile(latencies, 50))}, p95 ${duration(percentile(latencies, 95))} over ${latencies.length} probes`);
      }
      // The goal's rate offered as FreeSWITCH offers it: each call's CDR POSTed as the call ends,
      // whatever the answers to the others (open loop, common.ts), where the closed loop above
      // caps the rate at its connections over the latency (32 over ~16 ms is ~2,000/s, whatever
      // the server could take).
      const label = `FreeSWITCH, ${fmt(RATE)} POSTs/s offered (open loop)`;
      // At most 256 connections, as a PBX's HTTP client pool would hold: a POST due while all are
      // busy waits for one, and that wait counts in its latency.
      const openLoopAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });
      const cpuBefore = server.cpuMs();
      const postFs = async () =>
        (await httpStatus(`${server.base}/api/v1/sources/${FEED_SOURCE}/freeswitch`, {
          method: "POST",
          headers,
          agent: openLoopAgent,
          timeoutMs: 30_000,
          body: fsBody(String(200 + (seq % 50)), now()),
        })) === 200;
      const [open, latencies] = await Promise.all([openLoop(RATE, SECONDS, postFs), probe(server.base, "freeswitch")]);
      openLoopAgent.destroy();
      const cpuPerK = ((server.cpuMs() - cpuBefore) / open.times.length) * 1000;
      const post = `POST p50 ${duration(percentile(open.times, 50))}, p95 ${duration(percentile(open.times, 95))}, p99 ${duration(percentile(open.times, 99))}`;
      results.push({ label, cdrs: open.times.length, ms: open.ms, errors: open.errors, kind, latencies, cpuPerK, post });
      console.log(`  ${label}: ${fmt(open.times.length)} CDRs in ${duration(open.ms)}: ${fmt(rate(open.times.length, open.ms))} CDRs/s (${(rate(open.times.length, open.ms) / loaderRate).toFixed(3)}× the loader; ${open.errors} errors; ${post}; server CPU ${fmt(Math.round(cpuPerK))} ms per 1,000 CDRs) — POST→verdict p50 ${duration(percentile(latencies, 50))}, p95 ${duration(percentile(latencies, 95))} over ${latencies.length} probes`);
      peaks.push(`${kind} ${mib(await server.stop())}`);
    }
    const stored = Number((await db.query<{ n: string }>("select count(*) n from cdr where source_id = $1", [feed.id])).rows[0]!.n);
    console.log(`\nsummary (${fmt(spec.cdrs)}-CDR database; goal ≥ 2,000 CDRs/s and POST→verdict p95 < 1 s):`);
    console.log(`  file loader      ${fmt(loaderRate)} rows/s (reference)`);
    for (const r of results) {
      const cps = rate(r.cdrs, r.ms);
      console.log(`  ${r.kind.padEnd(5)} ${r.label.padEnd(48)} ${fmt(cps).padStart(7)} CDRs/s  ${(cps / loaderRate).toFixed(3)}× loader  p50 ${duration(percentile(r.latencies, 50))}  p95 ${duration(percentile(r.latencies, 95))}  CPU ${fmt(Math.round(r.cpuPerK))} ms/1k${r.post ? `  ${r.post}` : ""}  ${r.errors} errors`);
    }
    console.log(`  feed server peak RSS (process tree): ${peaks.join(", ")}; ${fmt(stored)} pushed CDRs stored`);
    await db.end();
    await prisma.$disconnect();
  } finally {
    running.child?.kill();
    await running.next?.stop();
    await rm(scratch, { recursive: true, force: true });
    await bench.close({ keep });
  }
}
