// Issue 16, crash safety: `ghostline import-cdrs` as a real child process whose database
// connection is terminated mid-COPY. Nothing of the import may remain (no cdr, no cdr_reject
// rows, not LOADED); it ends FAILED with the reason; a retry loads exactly the file.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { asteriskFile } from "@/lib/testing/cdr.ts";
import { runGhostline } from "@/lib/testing/cli.ts";
import { useTestDatabaseClient } from "@/lib/testing/db.ts";
import { useScratchDir } from "@/lib/testing/files.ts";

let db: pg.Client;
let url: string;
let dir: string;
let writes: typeof import("./writes.ts");

beforeAll(async () => {
  ({ db, url } = await useTestDatabaseClient());
  dir = await useScratchDir("ghostline-crash-");
  writes = await import("./writes.ts");
});

/** Enough rows that the load takes a few seconds, so each point can be hit. */
const ROWS = 60_000;

let counter = 0;
async function newSource() {
  return writes.createSource({ name: `pbx-crash-${++counter}`, format: "asterisk", timeZone: "UTC" }, { actorId: null, actorLabel: "test" });
}

function startImport(source: string, path: string): ChildProcess {
  return spawn(process.execPath, [resolve("cli/ghostline.mjs"), "import-cdrs", "--source", source, "--json", path], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Polls `check` every 50 ms until it returns a value, for up to 60 s. */
async function waitFor<T>(what: string, check: () => Promise<T | null>): Promise<T> {
  for (let i = 0; i < 1200; i++) {
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
  return rows[0];
}

describe("[reliability: crash] import killed or cut off mid-load", () => {
  it("the import's connection terminated mid-COPY: the import ends FAILED with a clear error, nothing left, a retry loads it", async () => {
    const source = await newSource();
    const path = join(dir, "terminated.csv");
    await writeFile(path, asteriskFile(0, ROWS));
    const child = startImport(source.name, path);
    let stderr = "";
    child.stderr?.on("data", (d) => (stderr += d));
    const exited = once(child, "exit");
    const pid = await waitFor("the COPY", async () => {
      const { rows } = await db.query("select pid from pg_stat_activity where datname = current_database() and query ilike 'copy %' and state <> 'idle'");
      return rows[0]?.pid ?? null;
    });
    await db.query("select pg_terminate_backend($1)", [pid]);
    const [code] = await exited;
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/terminat/i);
    const [row] = await importOf(source.id);
    expect(row).toMatchObject({ status: "FAILED", error: expect.stringMatching(/terminat/i) });
    expect(await leftOf(source.id)).toEqual({ cdr: 0, rejects: 0, loaded: 0 });
    expect((await expectRetryLoadsExactly(source.name, source.id, path, ROWS, 0)).ordered).toBe(true);
  }, 60_000);
});
