// Issue 16, crash safety: `ghostline import-cdrs` as a real child process, cut off or killed
// mid-load. Nothing of the import may remain (no cdr, no cdr_reject rows, not LOADED); a retry
// loads exactly the file. And two CLI imports of overlapping exports into one source at once
// both load, each call once.
//
// The points to kill at are found by watching the database (pg_stat_activity, pg_locks), never
// by sleeping: the input is a FIFO the test holds open read-write (so the CLI never sees its end)
// and feeds, so the load cannot finish while the test looks; it ends only when the test closes it.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { type FileHandle, open, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { CDR_BASE, asteriskFile, asteriskLine } from "@/lib/testing/cdr.ts";
import { runGhostline } from "@/lib/testing/cli.ts";
import { useTestDatabaseClient } from "@/lib/testing/db.ts";
import { useScratchDir } from "@/lib/testing/files.ts";

let db: pg.Client;
let url: string;
let dir: string;
let writes: typeof import("./writes.ts");
let run: typeof import("./run.ts");

beforeAll(async () => {
  ({ db, url } = await useTestDatabaseClient());
  dir = await useScratchDir("ghostline-crash-");
  writes = await import("./writes.ts");
  run = await import("./run.ts");
});

/** Enough rows that the load takes a few seconds, so each point can be hit. */
const ROWS = 60_000;

let counter = 0;
async function newSource() {
  return writes.createSource({ name: `pbx-crash-${++counter}`, format: "asterisk", timeZone: "UTC" }, { actorId: null, actorLabel: "test" });
}

/** CLI processes this file started and has not seen exit: killed after a failed test. */
const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) killImport(child);
});

/**
 * `ghostline import-cdrs` in a process group of its own: cli/ghostline.mjs runs cli/main.ts as
 * its child, and SIGKILL to the group kills the process that loads too, as `kill -9` of a
 * terminal's job (or the machine going down) would.
 */
function startImport(source: string, path: string, env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, [resolve("cli/ghostline.mjs"), "import-cdrs", "--source", source, "--json", path], {
    env: { ...process.env, DATABASE_URL: url, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  running.add(child);
  child.on("exit", () => running.delete(child));
  return child;
}

function killImport(child: ChildProcess) {
  try {
    process.kill(-(child.pid as number), "SIGKILL");
  } catch {
    // already gone
  }
}

/** What a CLI process printed and how it ended. */
async function outcome(child: ChildProcess) {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => (stdout += d));
  child.stderr?.on("data", (d) => (stderr += d));
  const [code, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
  return { code, signal, stdout, stderr };
}

/** Polls `check` every 50 ms until it returns a value, for up to 25 s (less than a test's time, so a miss names its point). */
async function waitFor<T>(what: string, check: () => Promise<T | null>): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = await check();
    if (value !== null) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function importOf(sourceId: string) {
  const { rows } = await db.query("select id, status, error, progress_rows from cdr_import where source_id = $1 order by created_at desc", [sourceId]);
  return rows;
}

/** What is left of a source's imports: rows, rejects, statuses. */
async function leftOf(sourceId: string) {
  const { rows } = await db.query<{ cdr: number; rejects: number; loaded: number }>(
    `select (select count(*)::int from cdr where source_id = $1) as cdr,
       (select count(*)::int from cdr_reject r join cdr_import i on i.id = r.import_id where i.source_id = $1) as rejects,
       (select count(*)::int from cdr_import where source_id = $1 and status = 'LOADED') as loaded`,
    [sourceId],
  );
  return rows[0];
}

/** The retry: the CLI again on the same file; it must load exactly the file's lines, each once. */
async function expectRetryLoadsExactly(sourceName: string, sourceId: string, path: string, good: number, rejected: number) {
  const retry = runGhostline(url, "import-cdrs", "--source", sourceName, "--json", path);
  expect(retry.status, retry.stderr).toBe(0);
  expect(JSON.parse(retry.stdout)).toMatchObject({ status: "LOADED", rowsInserted: good, rowsRejected: rejected });
  const { rows } = await db.query(
    `select count(*)::int as n, count(distinct natural_key)::int as keys, sum(line)::bigint::text as line_sum,
       md5(string_agg(natural_key::text, ',' order by line)) = md5(string_agg(natural_key::text, ',' order by natural_key)) as ordered
     from cdr where source_id = $1`,
    [sourceId],
  );
  expect(rows[0]).toMatchObject({ n: good, keys: good });
  expect((await leftOf(sourceId))?.rejects).toBe(rejected);
  return { ...rows[0], stderr: retry.stderr };
}

/**
 * Calls `from` to `to - 1` as Asterisk writes them, every 4th one (i % 4 = 3) with a garbled
 * duration: a row the loader rejects and keeps in cdr_reject. `lineSum`: the sum of the good
 * rows' line numbers, which pins down which lines a load kept.
 */
function exportWithRejects(from: number, to: number) {
  const lines: string[] = [];
  let lineSum = 0;
  for (let i = from; i < to; i++) {
    const bad = i % 4 === 3;
    lines.push(bad ? asteriskLine(i).replace(",65,60,", ",sixty-five,60,") : asteriskLine(i));
    if (!bad) lineSum += i - from + 1;
  }
  const rejected = lines.filter((_, k) => (from + k) % 4 === 3).length;
  return { lines, good: lines.length - rejected, rejected, lineSum };
}

/** A FIFO held open read-write, so its reader never sees its end until `end()`. */
async function fifo(name: string) {
  const path = join(dir, name);
  execFileSync("mkfifo", [path]);
  const handle: FileHandle = await open(path, "r+");
  return {
    path,
    /** Writes the lines, each ended by a line break; resolves once they are in the pipe. */
    async feed(lines: string[]) {
      const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(""));
      for (let at = 0; at < bytes.length; ) at += (await handle.write(bytes, at)).bytesWritten;
    },
    end: () => handle.close(),
  };
}

/** The import's transaction (load.ts names its connection ghostline-load): its last statement, and whether it wrote rejects. */
async function loadBackend() {
  const { rows } = await db.query<{
    state: string;
    query: string;
    wait_event_type: string | null;
    wait_event: string | null;
    /** When its last statement ended (or began), in microseconds: two may end within one millisecond. */
    state_change: bigint;
    writes_rejects: boolean;
  }>(
    `select a.state, a.query, a.wait_event_type, a.wait_event, coalesce((extract(epoch from a.state_change) * 1000000)::bigint, 0)::text as state_change,
       exists (select 1 from pg_locks l where l.pid = a.pid and l.locktype = 'relation' and l.relation = 'cdr_reject'::regclass
                 and l.mode = 'RowExclusiveLock') as writes_rejects
     from pg_stat_activity a
     where a.datname = current_database() and a.application_name = 'ghostline-load'`,
  );
  return rows.map((r) => ({ ...r, state_change: BigInt(r.state_change) }));
}

/** The one load in flight once `ready` says so. */
const loadWhere = (what: string, ready: (b: Awaited<ReturnType<typeof loadBackend>>[number]) => boolean) =>
  waitFor(what, async () => {
    const backends = await loadBackend();
    return backends.length === 1 && ready(backends[0] as (typeof backends)[number]) ? (backends[0] as (typeof backends)[number]) : null;
  });

/** The import's transaction is open, its staging table made, and nothing read yet. */
const beforeFirstCopy = (b: Awaited<ReturnType<typeof loadBackend>>[number]) =>
  b.state === "idle in transaction" && b.query.startsWith("create temp table cdr_stage");

/** Kills the CLI and waits until Postgres has ended both of its import connections (the load's, the runner's). */
async function killAndWaitForBackends(child: ChildProcess, exited: Promise<{ signal: NodeJS.Signals | null }>, release?: () => Promise<void>) {
  killImport(child);
  expect((await exited).signal).toBe("SIGKILL");
  await release?.();
  await waitFor("the killed import's connections to end", async () => {
    const { rows } = await db.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name in ('ghostline-load', 'ghostline-import')",
    );
    return rows[0]?.n === 0 ? true : null;
  });
}

/**
 * After a kill: nothing of the file in cdr or cdr_reject, its import not LOADED (the killed
 * process left it RUNNING); then the whole file, as a file on disk, through the CLI again: it
 * loads exactly the file's rows and rejects, and the killed import now reads FAILED.
 */
async function expectNothingLeftThenRetry(source: { id: string; name: string }, file: ReturnType<typeof exportWithRejects>) {
  const [killed, ...others] = await importOf(source.id);
  expect(others).toEqual([]);
  expect(killed).toMatchObject({ status: "RUNNING" });
  expect(await leftOf(source.id)).toEqual({ cdr: 0, rejects: 0, loaded: 0 });

  const path = join(dir, `${source.name}.csv`);
  await writeFile(path, file.lines.map((l) => `${l}\n`).join(""));
  const retried = await expectRetryLoadsExactly(source.name, source.id, path, file.good, file.rejected);
  expect(retried).toMatchObject({ line_sum: String(file.lineSum), ordered: true });
  // The retry's run found the killed import's runner gone: FAILED, with why, and said so.
  expect(retried.stderr).toContain(`import ${killed.id} of ${source.name} was left running by a process that stopped; marked FAILED`);
  const { rows } = await db.query("select status, error from cdr_import where id = $1", [killed.id]);
  expect(rows[0]).toEqual({ status: "FAILED", error: run.INTERRUPTED_ERROR });
  expect(await leftOf(source.id)).toMatchObject({ loaded: 1 });
}

describe("[reliability: crash] import killed or cut off mid-load", () => {
  it("the import's connection terminated mid-COPY: the import ends FAILED with a clear error, nothing left, a retry loads it", async () => {
    const source = await newSource();
    const path = join(dir, "terminated.csv");
    await writeFile(path, asteriskFile(0, ROWS));
    const child = startImport(source.name, path);
    const exited = outcome(child);
    const pid = await waitFor("the COPY", async () => {
      const { rows } = await db.query("select pid from pg_stat_activity where datname = current_database() and query ilike 'copy %' and state <> 'idle'");
      return rows[0]?.pid ?? null;
    });
    await db.query("select pg_terminate_backend($1)", [pid]);
    const { code, stderr } = await exited;
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/terminat/i);
    const [row] = await importOf(source.id);
    expect(row).toMatchObject({ status: "FAILED", error: expect.stringMatching(/terminat/i) });
    expect(await leftOf(source.id)).toEqual({ cdr: 0, rejects: 0, loaded: 0 });
    expect((await expectRetryLoadsExactly(source.name, source.id, path, ROWS, 0)).ordered).toBe(true);
  }, 60_000);
});

describe("[reliability: crash] import-cdrs killed with SIGKILL", () => {
  it("killed after its import is RUNNING, before the first COPY: nothing left, a retry loads the file", async () => {
    const source = await newSource();
    const file = exportWithRejects(0, 4_000);
    const input = await fifo("before-copy.csv");
    const child = startImport(source.name, input.path);
    const exited = outcome(child);
    await loadWhere("the import's transaction to wait for the file", beforeFirstCopy);
    expect(await importOf(source.id)).toMatchObject([{ status: "RUNNING" }]);
    await killAndWaitForBackends(child, exited);
    await input.end();
    await expectNothingLeftThenRetry(source, file);
  }, 60_000);

  it("killed mid-COPY of the first batch: nothing left, a retry loads the file", async () => {
    const source = await newSource();
    const file = exportWithRejects(0, 12_000);
    const input = await fifo("first-batch.csv");
    // Batches of 5,000 rows, so that the first is sent while 5,000 rejects are not yet held.
    const child = startImport(source.name, input.path, { GHOSTLINE_IMPORT_BATCH_ROWS: "5000" });
    const exited = outcome(child);
    // 7,500 good rows: the first batch goes down the COPY into cdr, which stays open for the second.
    await input.feed(file.lines.slice(0, 10_000));
    await loadWhere("the first batch's COPY", (b) => b.state === "active" && b.query.startsWith("copy cdr ("));
    await killAndWaitForBackends(child, exited);
    await input.end();
    await expectNothingLeftThenRetry(source, file);
  }, 60_000);

  it("killed mid-file, after several batches went down the COPY and a batch of rejects was written: nothing left, a retry loads the file", async () => {
    const source = await newSource();
    const file = exportWithRejects(0, 40_000);
    const input = await fifo("mid-file.csv");
    // Batches of 2,000 rows, each sent on down the one COPY into cdr once read whole.
    const child = startImport(source.name, input.path, { GHOSTLINE_IMPORT_BATCH_ROWS: "2000" });
    const exited = outcome(child);
    // Three rounds of 6,000 lines (4,500 good rows), each seen to end with its whole batches
    // (4,000, 8,000, 12,000 rows) received by the COPY into cdr, which is still open.
    for (let round = 0; round < 3; round++) {
      await input.feed(file.lines.slice(round * 6_000, (round + 1) * 6_000));
      const sent = Math.floor((4_500 * (round + 1)) / 2_000) * 2_000;
      await waitFor(`batch ${sent / 2_000} in the COPY`, async () => {
        const { rows } = await db.query<{ n: string }>(
          `select p.tuples_processed::text as n from pg_stat_progress_copy p join pg_stat_activity a using (pid)
           where a.datname = current_database() and a.application_name = 'ghostline-load' and p.relid = 'cdr'::regclass`,
        );
        return rows[0] !== undefined && Number(rows[0].n) >= sent ? true : null;
      });
      await loadWhere(`the COPY into cdr in round ${round + 1}`, (b) => b.query.startsWith("copy cdr ("));
    }
    // The 5,000th reject (line 20,000) sends the batch of them to cdr_reject, the file still open.
    await input.feed(file.lines.slice(18_000, 24_000));
    await loadWhere("the rejects copied", (b) => b.writes_rejects);
    await killAndWaitForBackends(child, exited);
    await input.end();
    await expectNothingLeftThenRetry(source, file);
  }, 60_000);

  it("killed in its final UPDATE, before COMMIT: nothing left, a retry loads the file", async () => {
    const source = await newSource();
    const file = exportWithRejects(0, 8_000);
    const input = await fifo("final-update.csv");
    const child = startImport(source.name, input.path);
    const exited = outcome(child);
    await loadWhere("the import's transaction to wait for the file", beforeFirstCopy);
    const [running] = await importOf(source.id);
    // The test holds the import's row (FOR NO KEY UPDATE: cdr's foreign key checks, KEY SHARE,
    // still pass), so the load stops in its final UPDATE, every row and reject written.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query("begin");
      await holder.query("select 1 from cdr_import where id = $1 for no key update", [running.id]);
      await input.feed(file.lines);
      await input.end();
      const last = await loadWhere(
        "the final UPDATE",
        (b) => b.query.startsWith("update cdr_import set status = 'LOADED'") && b.wait_event_type === "Lock",
      );
      expect(last.writes_rejects).toBe(true);
      await killAndWaitForBackends(child, exited, () => holder.query("rollback").then(() => {}));
    } finally {
      await holder.end();
    }
    await expectNothingLeftThenRetry(source, file);
  }, 60_000);
});

describe("[reliability: crash] concurrent CLI imports", () => {
  it("two import-cdrs of overlapping exports into one source at once: both LOADED, every call once", async () => {
    const source = await newSource();
    const N = 20_000;
    // Rows 0–N and N/2–1.5N of one export: the second half of the first is the first half of the second.
    const a = await fifo("overlap-a.csv");
    const b = await fifo("overlap-b.csv");
    const first = startImport(source.name, a.path);
    const second = startImport(source.name, b.path);
    const done = [outcome(first), outcome(second)];
    // Both are RUNNING at once: one's transaction open, the other's waiting for the source's lock.
    await waitFor("both imports running, one waiting for the other", async () => {
      const backends = await loadBackend();
      const statuses = (await importOf(source.id)).map((r) => r.status);
      return statuses.length === 2 && statuses.every((s) => s === "RUNNING") && backends.length === 2 &&
        backends.some(beforeFirstCopy) && backends.some((x) => x.wait_event_type === "Lock" && x.wait_event === "advisory")
        ? true
        : null;
    });
    await Promise.all([
      a.feed(asteriskFile(0, N).trimEnd().split("\n")).then(a.end),
      b.feed(asteriskFile(N / 2, 1.5 * N).trimEnd().split("\n")).then(b.end),
    ]);
    const results = await Promise.all(done);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    // Neither took the other, running and holding its runner's lock, for one a dead process left.
    for (const r of results) expect(r.stderr).toBe("");
    const [ra, rb] = results.map((r) => JSON.parse(r.stdout));
    expect([ra.status, rb.status]).toEqual(["LOADED", "LOADED"]);
    expect(ra.rowsInserted + ra.rowsDuplicate).toBe(N);
    expect(rb.rowsInserted + rb.rowsDuplicate).toBe(N);
    expect(ra.rowsInserted + rb.rowsInserted).toBe(1.5 * N);
    expect(ra.rowsDuplicate + rb.rowsDuplicate).toBe(0.5 * N);
    const { rows: imports } = await db.query(
      "select status, rows_inserted, rows_duplicate from cdr_import where source_id = $1 order by rows_inserted desc",
      [source.id],
    );
    expect(imports).toEqual(
      [ra, rb]
        .sort((x, y) => y.rowsInserted - x.rowsInserted)
        .map((r) => ({ status: "LOADED", rows_inserted: r.rowsInserted, rows_duplicate: r.rowsDuplicate })),
    );
    // The union: 1.5N calls, one a minute from CDR_BASE, each once.
    const { rows } = await db.query(
      `select count(*)::int as n, count(distinct natural_key)::int as keys, count(distinct started_at)::int as starts,
         min(started_at) as first, max(started_at) as last
       from cdr where source_id = $1`,
      [source.id],
    );
    expect(rows[0]).toEqual({
      n: 1.5 * N,
      keys: 1.5 * N,
      starts: 1.5 * N,
      first: new Date(CDR_BASE),
      last: new Date(CDR_BASE + (1.5 * N - 1) * 60_000),
    });
  }, 60_000);
});
