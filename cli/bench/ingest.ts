// `npm run bench:ingest [-- --rows N --rounds R]`: how fast the CDR loader ingests, against a
// plain `psql \copy` of the same file into a typed table as the reference.
//
// Generates N Asterisk cdr_csv rows (18 columns, UTC times, unique uniqueids) to a temp file,
// loads it with `ghostline import-cdrs` (the command users run, as its own process: startup, the
// queued import, the load and the re-evaluation after it) into a fresh database, then \copy's the
// same file into `bench_ref` (typed columns, an index on (dst, start) and a unique index on
// uniqueid). Prints both rates, their ratio and the CLI process's peak RSS: the kernel's
// high-water mark (getrusage, read inside the process by process-report.mjs), plus RSS samples
// every 10% of the file to show whether memory grows with it. The database (DATABASE_URL's
// server, or the embedded cluster) gets a dedicated database for the run, dropped afterwards.
// Loader and reference take turns, R rounds (default 3) from empty tables, and the median ratio
// is the result: on a shared 2-core machine one pair of runs ranged from 0.41 to 0.58×.
import { execFile } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import pg from "pg";
import { benchDatabase, fmt, mib, percentile, positiveInt, rate } from "./common.ts";

const run = promisify(execFile);
const PSQL = process.env.PSQL ?? "/usr/bin/psql";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    rounds: { type: "string", default: "3" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log("usage: npm run bench:ingest -- [--rows N] [--rounds R]   (default 1,000,000 Asterisk rows, 3 rounds)");
  process.exit(0);
}
const rows = positiveInt("rows", values.rows, 1_000_000);
const rounds = positiveInt("rounds", values.rounds, 3);

const BASE = Date.UTC(2026, 0, 1, 0, 0, 0);
const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");

/** Asterisk cdr_csv line i: a call every 3 s, 50 extensions, 10,000 callers. */
function asteriskLine(i: number): string {
  const start = BASE + i * 3000;
  const ext = 200 + (i % 50);
  const caller = `312555${String(i % 10_000).padStart(4, "0")}`;
  const chan = i.toString(16).padStart(8, "0");
  const answered = i % 4 !== 0;
  return (
    `"","${caller}","${ext}","from-pstn","""Caller ${i % 10_000}"" <${caller}>","PJSIP/trunk-${chan}","PJSIP/${ext}-${chan}","Dial","PJSIP/${ext},30,tT",` +
    `"${stamp(start)}","${stamp(start + 5000)}","${stamp(start + 65_000)}",65,${answered ? 60 : 0},"${answered ? "ANSWERED" : "NO ANSWER"}","DOCUMENTATION","${Math.floor(start / 1000)}.${i}",""\n`
  );
}

async function generate(path: string, n: number): Promise<void> {
  const out = createWriteStream(path);
  let chunk = "";
  for (let i = 0; i < n; i++) {
    chunk += asteriskLine(i);
    if (chunk.length >= 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}

interface LoaderReport {
  ms: number;
  cpuMs: number;
  maxRss: number;
  /** RSS when the file was 10%, 20%, … read. */
  rssByTenth: number[];
}

const cliMain = fileURLToPath(new URL("../main.ts", import.meta.url));
const processReport = fileURLToPath(new URL("./process-report.mjs", import.meta.url));

/** Runs `ghostline import-cdrs` on the file as the launcher does (cli/ghostline.mjs), with the report preloaded. */
async function importWithCli(url: string, file: string, size: number): Promise<LoaderReport> {
  const t = performance.now();
  const child = await run(
    process.execPath,
    // The launcher's node flags (cli/ghostline.mjs), and the report.
    ["--conditions=react-server", "--expose-gc", "--import", "tsx", "--import", processReport, cliMain, "import-cdrs", "--source", "bench", "--json", file],
    { env: { ...process.env, DATABASE_URL: url, BENCH_FILE_SIZE: String(size) }, maxBuffer: 16 * 1024 * 1024 },
  );
  const ms = performance.now() - t;
  const result = JSON.parse(child.stdout) as { status: string; rowsInserted: number };
  if (result.status !== "LOADED") throw new Error(`the CLI did not load the file: ${child.stdout}`);
  if (result.rowsInserted !== rows) throw new Error(`the CLI inserted ${result.rowsInserted} of ${rows} rows`);
  const line = child.stderr.split("\n").find((l) => l.startsWith("bench-process-report "));
  if (line === undefined) throw new Error(`the CLI printed no process report: ${child.stderr}`);
  return { ms, ...(JSON.parse(line.slice("bench-process-report ".length)) as Omit<LoaderReport, "ms">) };
}

async function main() {
  const bench = await benchDatabase();
  const url = bench.url;
  const dir = await mkdtemp(join(tmpdir(), "ghostline-bench-"));
  try {
    const file = join(dir, "Master.csv");
    let t = performance.now();
    await generate(file, rows);
    const size = (await stat(file)).size;
    console.log(`generated ${fmt(rows)} Asterisk rows (${mib(size)}) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    await bench.create();
    process.env.DATABASE_URL = url;
    const { createSource } = await import("@/lib/cdr/writes.ts");
    await createSource({ name: "bench", format: "asterisk", timeZone: "UTC" }, { actorId: null, actorLabel: "bench" });
    // The file's months get their partitions first, as `ghostline db migrate` and serve make them
    // for the months around today (lib/cdr/partitions.ts): the load then times no move out of cdr_default.
    const { ensureCdrPartitions } = await import("@/lib/cdr/partitions.ts");
    const months = Math.ceil((rows * 3000) / (28 * 86_400_000));
    await ensureCdrPartitions({ now: new Date(BASE), monthsAhead: months, monthsBack: 0 });
    const { prisma } = await import("@/lib/db/client.ts");
    await prisma.$disconnect();
    const db = new pg.Client({ connectionString: url });
    await db.connect();

    const ratios: number[] = [];
    const reports: LoaderReport[] = [];
    for (let round = 1; round <= rounds; round++) {
      // From empty tables each round, so that no round loads into a bigger index than another.
      await db.query("truncate cdr, cdr_reject");
      await db.query("delete from cdr_import");
      await db.query("drop table if exists bench_ref");
      await db.query("checkpoint");

      const report = await importWithCli(url, file, size);
      reports.push(report);

      // The reference: psql \copy into a typed table with comparable indexes.
      await db.query(`create table bench_ref (
        accountcode text, src text, dst text, dcontext text, clid text, channel text, dstchannel text, lastapp text, lastdata text,
        start timestamptz, answer timestamptz, "end" timestamptz, duration integer, billsec integer, disposition text,
        amaflags text, uniqueid text, userfield text)`);
      await db.query("create index bench_ref_dst_start on bench_ref (dst, start)");
      await db.query("create unique index bench_ref_uniqueid on bench_ref (uniqueid)");
      await db.query("checkpoint");
      t = performance.now();
      await run(PSQL, [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", `\\copy bench_ref from '${file.replaceAll("'", "''")}' with (format csv)`], {
        env: { ...process.env, PGTZ: "UTC" },
      });
      const psqlMs = performance.now() - t;

      const ratio = psqlMs / report.ms;
      ratios.push(ratio);
      console.log(
        `round ${round}: import-cdrs ${fmt(rate(rows, report.ms))} rows/s (${(report.ms / 1000).toFixed(2)} s, Node CPU ${(report.cpuMs / 1000).toFixed(2)} s), ` +
          `psql \\copy ${fmt(rate(rows, psqlMs))} rows/s (${(psqlMs / 1000).toFixed(2)} s): ${ratio.toFixed(3)}×`,
      );
    }
    await db.end();

    const peak = reports.reduce((a, b) => (b.maxRss > a.maxRss ? b : a));
    console.log(`ratio: import-cdrs runs at ${percentile(ratios.toSorted((a, b) => a - b), 50).toFixed(3)}× the rate of psql \\copy (median of ${rounds} rounds; ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)})`);
    console.log(`import-cdrs peak RSS: ${mib(peak.maxRss)} (the highest of ${rounds} rounds)`);
    console.log(`import-cdrs RSS at 10%, 20%, … of the file: ${peak.rssByTenth.map((b) => mib(b).replace(" MiB", "")).join(", ")} MiB`);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await bench.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
