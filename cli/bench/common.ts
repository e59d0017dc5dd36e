// Shared by the benches (`npm run bench:*`): a dedicated, migrated database for the run on
// DATABASE_URL's server or the embedded cluster, dropped afterwards; peak-RSS sampling; formatting.
import { randomBytes } from "node:crypto";
import http from "node:http";
import pg from "pg";
import { resolveDatabase } from "@/lib/db/connection.ts";
import { applyMigrations } from "@/lib/db/schema-engine.ts";

export interface BenchDatabase {
  /** The bench database's URL (it exists once create() has run). */
  url: string;
  /** Creates the database and applies the migrations. */
  create(): Promise<void>;
  /** True when a database of this name is already there (a named one kept by an earlier run). */
  exists(): Promise<boolean>;
  /**
   * Drops the database (if created; kept with keep, to inspect it), and stops the embedded
   * cluster if this process started it.
   */
  close(options?: { keep?: boolean }): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A fresh `ghostline_bench_<random>` database on the resolved server (not created yet), or
 * `ghostline_bench_<name>` when named, so that a run with --keep can find it again.
 */
export async function benchDatabase(options: { name?: string } = {}): Promise<BenchDatabase> {
  const handle = await resolveDatabase();
  const name = `ghostline_bench_${options.name ?? randomBytes(4).toString("hex")}`;
  const url = withDatabase(handle.url, name);
  const admin = new pg.Client({ connectionString: handle.url });
  try {
    await admin.connect();
  } catch (error) {
    await handle.embedded?.stop();
    throw error;
  }
  let created = false;
  return {
    url,
    async create() {
      await admin.query(`create database ${name}`);
      created = true;
      await applyMigrations(url);
    },
    async exists() {
      const { rowCount } = await admin.query("select 1 from pg_database where datname = $1", [name]);
      created ||= Boolean(rowCount);
      return Boolean(rowCount);
    },
    async close({ keep = false } = {}) {
      if (created && keep) {
        console.log(`kept the database: ${url}`);
      } else if (created) {
        await admin.query(`drop database if exists ${name} with (force)`).catch((e: unknown) => console.error(`could not drop ${name}: ${String(e)}`));
      }
      await admin.end();
      await handle.embedded?.stop();
    },
  };
}

/**
 * The run's dataset in `db`, the bench database once created: made by `generate`, or, when
 * `reuse` (the database was there already: an earlier --keep run's), that run's, provided its
 * generation finished (a comment on the database marks it). Resolves with true when reused: the
 * caller then clears what the earlier run added on top.
 */
export async function generateOnce(db: pg.Client, bench: BenchDatabase, reuse: boolean, generate: () => Promise<void>): Promise<boolean> {
  const { rows } = await db.query<{ name: string; done: string | null }>(
    "select datname as name, shobj_description(oid, 'pg_database') as done from pg_database where datname = current_database()",
  );
  if (reuse && rows[0]?.done === "generated") {
    console.log(`reusing the generated database (--keep): ${bench.url}`);
    return true;
  }
  if (reuse) throw new Error(`${bench.url} exists but its generation did not finish; drop it and run again`);
  await generate();
  await db.query(`comment on database ${db.escapeIdentifier(rows[0]!.name)} is 'generated'`);
  return false;
}

/** Samples this process's RSS every 100 ms until stop(); returns the RSS before and the peak. */
export function sampleRss(): { stop(): { before: number; peak: number } } {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  return {
    stop() {
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      return { before, peak };
    },
  };
}

/** A positive integer command-line option (its default when absent); exits with a message otherwise. */
export function positiveInt(name: string, value: string | undefined, fallback: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isSafeInteger(n) || n < 1) {
    console.error(`--${name} must be a positive integer, not ${value}`);
    process.exit(1);
  }
  return n;
}

/**
 * The p-th percentile (0–100) of ascending `sorted` by the nearest-rank method: the smallest
 * value with at least p % of the values at or below it. NaN for no values.
 */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
export const fmt = (n: number) => n.toLocaleString("en-US");
export const rate = (n: number, ms: number) => Math.round(n / (ms / 1000));
export const duration = (ms: number) => (ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Open loop: request i is due at start + i / rate and is sent then, whether or not earlier ones
 * have answered; its latency runs from when it was due. A closed loop (clients waiting for their
 * last answer) lets a slow server slow its own load down and hides the wait. `send` resolves
 * true for a success. Returns the successes' latencies, ascending, the failures and the time.
 */
export async function openLoop(perSecond: number, seconds: number, send: (i: number) => Promise<boolean>): Promise<{ times: number[]; errors: number; ms: number }> {
  const times: number[] = [];
  let errors = 0;
  const total = perSecond * seconds;
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(
      send(i).then(
        (ok) => {
          if (ok) times.push(performance.now() - due);
          else errors += 1;
        },
        () => {
          errors += 1;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return { times: times.sort((a, b) => a - b), errors, ms: performance.now() - start };
}

/**
 * One HTTP request on `agent` (keep-alive, a bounded pool), resolving the answer's status once its
 * body has been read; `timeoutMs` without a byte from the server fails it. node:http rather than
 * fetch: in bench:dashboard's open loop, Node 20's fetch left a promise that never settled after
 * some requests timed out (no socket open to the server), and the bench waited for ever.
 */
export function httpStatus(url: string, options: { agent: http.Agent; headers: http.OutgoingHttpHeaders; timeoutMs: number; method?: string; body?: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? "GET", headers: options.headers, agent: options.agent, timeout: options.timeoutMs }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.on("timeout", () => req.destroy(new Error(`${url}: no answer within ${options.timeoutMs} ms`)));
    req.end(options.body);
  });
}
