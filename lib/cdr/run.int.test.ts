// The import runner: the lifecycle around loadCdrFile that background jobs and the CLI share.
import { execFileSync } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asteriskFile } from "@/lib/testing/cdr.ts";
import { useTestDatabaseClient } from "@/lib/testing/db.ts";
import { useScratchDir } from "@/lib/testing/files.ts";

let db: pg.Client;
let run: typeof import("./run.ts");
let writes: typeof import("./writes.ts");
let dir: string;

beforeAll(async () => {
  dir = await useScratchDir("ghostline-run-");
  process.env.GHOSTLINE_DATA_DIR = dir;
  await mkdir(join(dir, "uploads"));
  ({ db } = await useTestDatabaseClient());
  run = await import("./run.ts");
  writes = await import("./writes.ts");
  await writes.createSource({ name: "pbx-chicago", format: "asterisk", timeZone: "America/Chicago" }, { actorId: null, actorLabel: "test" });
});

async function importRow(id: string) {
  return (await db.query("select * from cdr_import where id = $1", [id])).rows[0];
}

async function queue(uploadPath: string, fileSize = 0) {
  return (await writes.createQueuedImport({ source: "pbx-chicago", fileName: "Master.csv", fileSize, uploadPath, importedBy: "test" })).id;
}

describe("runImport", () => {
  it("loads a queued upload into its own row: counts, unanswered rows, warnings in words; the upload is removed", async () => {
    const text = asteriskFile(0, 8, { unansweredEvery: 4 });
    const path = join(dir, "uploads", "a.upload");
    await writeFile(path, text);
    const id = await queue(path, text.length);
    const result = await run.runImport(id);
    expect(result).toMatchObject({ importId: id, status: "LOADED", rowsInserted: 8, unansweredRows: 2 });
    const row = await importRow(id);
    expect(row).toMatchObject({ status: "LOADED", attempts: 1, upload_path: null, unanswered_rows: 2, progress_rows: 8, progress_bytes: String(text.length), error: null });
    expect(row.started_at).not.toBeNull();
    // The file's times are UTC while the source says Chicago: the uniqueid epochs give it away.
    expect(row.messages).toEqual([expect.objectContaining({ code: "timezone-mismatch", message: expect.stringContaining("America/Chicago") })]);
    expect(existsSync(path)).toBe(false);
    // Nothing left to run: a second call (a duplicate job) does nothing.
    expect(await run.runImport(id)).toBeNull();
    expect((await importRow(id)).attempts).toBe(1);
  });

  it("never deletes a file outside the upload directory (the CLI's user file), and deletes a refused upload", async () => {
    const own = join(dir, "mine.csv");
    await writeFile(own, asteriskFile(100, 102));
    expect(await run.runImport(await queue(own))).toMatchObject({ status: "LOADED" });
    expect(existsSync(own)).toBe(true);

    const refused = join(dir, "uploads", "junk.upload");
    await writeFile(refused, "hello;world\n");
    const id = await queue(refused);
    expect(await run.runImport(id)).toMatchObject({ status: "REFUSED" });
    expect(await importRow(id)).toMatchObject({ status: "REFUSED", upload_path: null });
    expect(existsSync(refused)).toBe(false);
  });

  it("records FAILED when the upload is gone, and no longer offers a retry", async () => {
    const id = await queue(join(dir, "uploads", "vanished.upload"));
    expect(await run.runImport(id)).toBeNull();
    expect(await importRow(id)).toMatchObject({ status: "FAILED", upload_path: null, error: expect.stringMatching(/no longer on the server/) });
    await expect(writes.requeueImport(id, { actorId: null, actorLabel: "test" })).rejects.toThrow(/no longer kept on the server/);
  });

  it("writes progress about once a second while the rows stay invisible until COMMIT", async () => {
    const fifo = join(dir, "slow.fifo");
    execFileSync("mkfifo", [fifo]);
    const id = await queue(fifo);
    const done = run.runImport(id);
    const writer = createWriteStream(fifo);
    writer.write(asteriskFile(1000, 21_000));
    let seen: { status: string; progress_rows: number } | undefined;
    for (let i = 0; i < 60 && !(seen && seen.progress_rows > 0); i++) {
      await new Promise((r) => setTimeout(r, 100));
      seen = await importRow(id);
    }
    expect(seen).toMatchObject({ status: "RUNNING", attempts: 1 });
    expect(seen?.progress_rows).toBeGreaterThan(0);
    const visible = await db.query("select count(*)::int as n from cdr where import_id = $1", [id]);
    expect(visible.rows[0].n).toBe(0);
    writer.end(asteriskFile(21_000, 22_000));
    expect(await done).toMatchObject({ status: "LOADED", rowsInserted: 21_000 });
    expect(await importRow(id)).toMatchObject({ status: "LOADED", progress_rows: 21_000 });
  });

  it("marks FAILED the imports of its source a dead process left RUNNING, not one a live process loads nor another source's", async () => {
    const other = await writes.createSource({ name: "pbx-elsewhere", format: "asterisk", timeZone: "UTC" }, { actorId: null, actorLabel: "test" });
    const upload = join(dir, "left-running.csv");
    await writeFile(upload, asteriskFile(600, 602));
    const [dead, alive, next] = [await queue(upload), await queue(upload), await queue(upload)];
    const elsewhere = (await writes.createQueuedImport({ source: other.name, fileName: "Master.csv", fileSize: 0, uploadPath: upload, importedBy: "test" })).id;
    await db.query("update cdr_import set status = 'RUNNING', attempts = 1 where id = any($1)", [[dead, alive, elsewhere]]);
    // Another process's runner holds its lock (the key runImport takes).
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query("select pg_advisory_lock(7342, hashtext($1))", [alive]);
      const told: string[][] = [];
      expect(await run.runImport(next, { onInterrupted: (ids) => told.push(ids) })).toMatchObject({ status: "LOADED" });
      expect(told).toEqual([[dead]]);
    } finally {
      await holder.end();
    }
    expect(await importRow(dead)).toMatchObject({ status: "FAILED", error: run.INTERRUPTED_ERROR, upload_path: upload });
    expect(await importRow(alive)).toMatchObject({ status: "RUNNING" });
    expect(await importRow(elsewhere)).toMatchObject({ status: "RUNNING" });
    // Not left RUNNING for failInterruptedImports' tests below, which check all that it marks.
    await db.query("update cdr_import set status = 'FAILED' where id = any($1)", [[alive, elsewhere]]);
  });
});

describe("failInterruptedImports", () => {
  // pg-boss in this test database (its schema holds the import jobs), with no worker: jobs sent wait.
  let jobs: typeof import("@/lib/jobs/boss.ts");
  let importJobs: { schema: string; queue: string };
  beforeAll(async () => {
    jobs = await import("@/lib/jobs/boss.ts");
    await jobs.getBoss();
    importJobs = { schema: jobs.JOB_SCHEMA, queue: jobs.IMPORT_QUEUE };
  });
  afterAll(async () => {
    await jobs?.stopJobs();
  });

  it("marks FAILED (retryable) a RUNNING import no process holds, and leaves one that is being loaded", async () => {
    const orphan = join(dir, "uploads", "orphan.upload");
    await writeFile(orphan, asteriskFile(200, 203));
    const crashed = await queue(orphan);
    const alive = await queue(orphan);
    await db.query("update cdr_import set status = 'RUNNING', attempts = 1 where id in ($1, $2)", [crashed, alive]);
    // Another process's runner holds its lock (the key runImport takes).
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query("select pg_advisory_lock(7342, hashtext($1))", [alive]);
      expect(await run.failInterruptedImports(importJobs)).toEqual([crashed]);
    } finally {
      await other.end();
    }
    expect(await importRow(crashed)).toMatchObject({ status: "FAILED", error: run.INTERRUPTED_ERROR, upload_path: orphan });
    expect(await importRow(alive)).toMatchObject({ status: "RUNNING" });

    // The retry loads it.
    expect(await writes.requeueImport(crashed, { actorId: null, actorLabel: "test" })).toBe(true);
    expect(await run.runImport(crashed)).toMatchObject({ status: "LOADED", rowsInserted: 3 });
    expect(await importRow(crashed)).toMatchObject({ status: "LOADED", attempts: 2, error: null });
  });

  it("marks FAILED (retryable) a QUEUED import whose job never reached the queue, after a minute", async () => {
    const upload = join(dir, "uploads", "never-sent.upload");
    await writeFile(upload, asteriskFile(300, 302));
    const stale = await queue(upload);
    const fresh = await queue(upload);
    await db.query("update cdr_import set created_at = created_at - interval '2 minutes' where id = $1", [stale]);
    const marked = await run.failInterruptedImports(importJobs);
    expect(marked).toContain(stale);
    expect(marked).not.toContain(fresh);
    expect(await importRow(stale)).toMatchObject({ status: "FAILED", error: run.NOT_QUEUED_ERROR, upload_path: upload });
    expect(await importRow(fresh)).toMatchObject({ status: "QUEUED" });
    expect(await writes.requeueImport(stale, { actorId: null, actorLabel: "test" })).toBe(true);
    expect(await run.runImport(stale)).toMatchObject({ status: "LOADED", rowsInserted: 2 });
  });

  it("leaves a QUEUED import whose job is in the queue though its id was never recorded", async () => {
    const upload = join(dir, "uploads", "sent.upload");
    await writeFile(upload, asteriskFile(400, 402));
    const sent = await queue(upload);
    // queueImport's send succeeded, then recording the job's id (setImportJob) failed.
    expect(await (await jobs.getBoss()).send(jobs.IMPORT_QUEUE, { importId: sent })).not.toBeNull();
    await db.query("update cdr_import set created_at = created_at - interval '2 minutes' where id = $1", [sent]);
    expect(await run.failInterruptedImports(importJobs)).not.toContain(sent);
    expect(await importRow(sent)).toMatchObject({ status: "QUEUED", job_id: null, error: null });
    // Its job runs it.
    expect(await run.runImport(sent)).toMatchObject({ status: "LOADED", rowsInserted: 2 });
  });

  it("marks FAILED a QUEUED import whose job was taken by a worker that died (active past its expiry)", async () => {
    const upload = join(dir, "uploads", "taken.upload");
    await writeFile(upload, asteriskFile(500, 502));
    const [taken, working] = [await queue(upload), await queue(upload)];
    const boss = await jobs.getBoss();
    for (const id of [taken, working]) expect(await boss.send(jobs.IMPORT_QUEUE, { importId: id })).not.toBeNull();
    await db.query("update cdr_import set created_at = created_at - interval '2 minutes' where id = any($1)", [[taken, working]]);
    // Both fetched by a worker: one longer ago than its job's expiry, one just now.
    await db.query(
      `update pgboss.job set state = 'active', started_on = case when data->>'importId' = $1 then now() - expire_in - interval '1 minute' else now() end
        where name = $3 and data->>'importId' in ($1, $2)`,
      [taken, working, jobs.IMPORT_QUEUE],
    );
    const marked = await run.failInterruptedImports(importJobs);
    expect(marked).toContain(taken);
    expect(marked).not.toContain(working);
    expect(await importRow(taken)).toMatchObject({ status: "FAILED", error: run.NOT_QUEUED_ERROR });
    expect(await importRow(working)).toMatchObject({ status: "QUEUED" });
  });
});
