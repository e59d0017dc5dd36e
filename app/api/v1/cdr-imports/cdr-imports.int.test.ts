import { readdir, readFile } from "node:fs/promises";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/db.ts";

let POST: typeof import("./route.ts").POST;
let GET_ONE: typeof import("./[id]/route.ts").GET;
let GET_REJECTS: typeof import("./[id]/rejects.csv/route.ts").GET;
let RETRY: typeof import("./[id]/retry/route.ts").POST;
let PREVIEW: typeof import("./preview/route.ts").POST;
let jobs: typeof import("@/lib/jobs/boss.ts");
let secret: string;
let fixture: Buffer;
let db: pg.Client;
let dataDir: string;

const FIXTURE = new URL("../../../../lib/cdr/fixtures/asterisk-18.csv", import.meta.url);
const BASE = "http://localhost:3000/api/v1/cdr-imports";
const FINAL = ["LOADED", "REFUSED", "FAILED"];

const auth = () => ({ authorization: `Bearer ${secret}` });
const noParams = { params: Promise.resolve({}) };

function upload(query: string, body: Buffer | string | null, headers: Record<string, string> = auth()) {
  const payload = typeof body === "string" || body === null ? body : new Uint8Array(body);
  return POST(new Request(`${BASE}${query}`, { method: "POST", body: payload, headers }), noParams);
}

/** A body the route can only learn the size of by reading it (no Content-Length). */
function streamOf(body: Buffer, chunk: number) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < body.length; at += chunk) controller.enqueue(new Uint8Array(body.subarray(at, at + chunk)));
      controller.close();
    },
  });
}
const streamed = (query: string, body: Buffer, chunk = 1024) =>
  POST(new Request(`${BASE}${query}`, { method: "POST", body: streamOf(body, chunk), headers: auth(), duplex: "half" } as RequestInit), noParams);

const getOne = (id: string, headers: Record<string, string> = auth()) =>
  GET_ONE(new Request(`${BASE}/${id}`, { headers }), { params: Promise.resolve({ id }) });
const getRejects = (id: string, headers: Record<string, string> = auth()) =>
  GET_REJECTS(new Request(`${BASE}/${id}/rejects.csv`, { headers }), { params: Promise.resolve({ id }) });
const retry = (id: string, headers: Record<string, string> = auth()) =>
  RETRY(new Request(`${BASE}/${id}/retry`, { method: "POST", headers }), { params: Promise.resolve({ id }) });
const preview = (query: string, body: Buffer | string, headers: Record<string, string> = auth()) =>
  PREVIEW(new Request(`${BASE}/preview${query}`, { method: "POST", body: typeof body === "string" ? body : new Uint8Array(body), headers }), noParams);
const streamedPreview = (query: string, body: Buffer, chunk: number) =>
  PREVIEW(new Request(`${BASE}/preview${query}`, { method: "POST", body: streamOf(body, chunk), headers: auth(), duplex: "half" } as RequestInit), noParams);

/** Polls GET /{id} (as the page does) until the job has finished the import. */
async function settled(id: string) {
  for (let i = 0; i < 300; i++) {
    const body = await (await getOne(id)).json();
    if (FINAL.includes(body.status)) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${id} did not finish`);
}

/** Uploads and expects 202 `{ id }`; resolves with the id. */
async function accepted(res: Response | Promise<Response>): Promise<string> {
  const r = await res;
  expect(r.status).toBe(202);
  const body = await r.json();
  expect(Object.keys(body)).toEqual(["id"]);
  expect(r.headers.get("location")).toBe(`/api/v1/cdr-imports/${body.id}`);
  return body.id;
}

/** Files waiting in the upload directory (the runner removes one just after its import's COMMIT). */
const uploads = async () => readdir(join(dataDir, "uploads")).catch(() => []);
const count = async (table: string) => (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]?.n;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "ghostline-uploads-"));
  process.env.GHOSTLINE_DATA_DIR = dataDir;
  const url = await useTestDatabase();
  db = new pg.Client({ connectionString: url });
  await db.connect();
  ({ POST } = await import("./route.ts"));
  ({ GET: GET_ONE } = await import("./[id]/route.ts"));
  ({ GET: GET_REJECTS } = await import("./[id]/rejects.csv/route.ts"));
  ({ POST: RETRY } = await import("./[id]/retry/route.ts"));
  ({ POST: PREVIEW } = await import("./preview/route.ts"));
  const { createApiToken } = await import("@/lib/auth/tokens.ts");
  secret = (await createApiToken({ name: "pbx-uploader", role: "AGENT" })).secret;
  const { createSource } = await import("@/lib/cdr/writes.ts");
  for (const name of ["pbx-east", "pbx-west", "pbx-north", "pbx-flaky", "pbx-preview", "pbx-queue"]) {
    await createSource({ name, format: "asterisk", timeZone: "America/Chicago" }, { actorId: null, actorLabel: "test" });
  }
  fixture = await readFile(FIXTURE);
  // The real queue: pg-boss in this test database, and this process as its worker.
  jobs = await import("@/lib/jobs/boss.ts");
  await jobs.startJobWorkers();
});

afterAll(async () => {
  await jobs?.stopJobs();
  await db?.end();
  await rm(dataDir, { recursive: true, force: true });
});

afterEach(() => {
  delete process.env.GHOSTLINE_MAX_UPLOAD_BYTES;
});

describe("POST /api/v1/cdr-imports", () => {
  it("answers 401 without a session or token, and stores nothing", async () => {
    const res = await upload("?source=pbx-east", fixture, {});
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: "unauthorized" });
  });

  it("answers 202 once the file is stored; the job loads it (progress, summary) and drops the upload; a re-upload inserts nothing", async () => {
    const id = await accepted(upload("?source=pbx-east&filename=Master.csv", fixture));
    const queued = await (await getOne(id)).json();
    expect(["QUEUED", "RUNNING", "LOADED"]).toContain(queued.status);
    expect(queued).toMatchObject({ fileName: "Master.csv", fileSize: fixture.length, importedBy: "token:pbx-uploader" });

    const body = await settled(id);
    expect(body).toMatchObject({
      id,
      source: "pbx-east",
      fileName: "Master.csv",
      status: "LOADED",
      format: "asterisk",
      requestedFormat: null,
      importedBy: "token:pbx-uploader",
      rowsRead: 4,
      rowsInserted: 4,
      rowsDuplicate: 0,
      rowsRejected: 0,
      coverageFrom: "2026-07-01T15:00:00.000Z",
      coverageTo: "2026-07-01T15:20:00.000Z",
      error: null,
      attempts: 1,
      retryable: false,
      progress: { rows: 4, bytes: fixture.length, fileSize: fixture.length, fraction: 1 },
    });
    expect(body.startedAt).not.toBeNull();
    expect(body.unansweredRows).toBe((fixture.toString().match(/"(NO ANSWER|BUSY|FAILED)"/g) ?? []).length);
    expect(Array.isArray(body.messages)).toBe(true);
    await expect.poll(uploads).toEqual([]);

    const second = await settled(await accepted(streamed("?source=pbx-east", fixture, 100)));
    expect(second).toMatchObject({ status: "LOADED", rowsRead: 4, rowsInserted: 0, rowsDuplicate: 4, fileName: "upload.csv" });
    expect(second.id).not.toBe(id);
  });

  it("takes a gzipped body and the format / timezone overrides", async () => {
    const body = await settled(await accepted(upload("?source=pbx-west&format=asterisk&timezone=UTC", gzipSync(fixture))));
    expect(body).toMatchObject({ status: "LOADED", requestedFormat: "asterisk", rowsInserted: 4, coverageFrom: "2026-07-01T10:00:00.000Z" });
  });

  it("takes the file of a multipart/form-data body, named as the browser sent it", async () => {
    const form = new FormData();
    form.set("note", "from the form");
    form.set("file", new Blob([new Uint8Array(gzipSync(fixture))], { type: "application/gzip" }), "Master-2026-07.csv.gz");
    const res = POST(new Request(`${BASE}?source=pbx-west`, { method: "POST", body: form, headers: auth() }), noParams);
    const body = await settled(await accepted(res));
    expect(body).toMatchObject({ status: "LOADED", fileName: "Master-2026-07.csv.gz", rowsRead: 4 });

    const noFile = new FormData();
    noFile.set("note", "no file here");
    const refused = await POST(new Request(`${BASE}?source=pbx-west`, { method: "POST", body: noFile, headers: auth() }), noParams);
    expect(refused.status).toBe(400);
    expect((await refused.json()).message).toMatch(/no file part/);
  });

  it("answers 400 with the issues for bad query parameters, 404 for an unknown source", async () => {
    expect((await upload("", fixture)).status).toBe(400);
    const badFormat = await upload("?source=pbx-east&format=excel&timezone=Mars/Olympus", fixture);
    expect(badFormat.status).toBe(400);
    const body = await badFormat.json();
    expect(body.error).toBe("invalid_request");
    expect(body.issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(["format", "timezone"]);
    const unknown = await upload("?source=pbx-nowhere", fixture);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: "not_found" });
  });

  it("answers 413 over the upload limit, from Content-Length up front or counted while streaming, and keeps nothing", async () => {
    const before = await count("cdr_import");
    process.env.GHOSTLINE_MAX_UPLOAD_BYTES = "100";
    const declared = await upload("?source=pbx-north", fixture, { ...auth(), "content-length": String(fixture.length) });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: "payload_too_large", limit: 100 });

    const counted = await streamed("?source=pbx-north", fixture, 64);
    expect(counted.status).toBe(413);
    expect(await counted.json()).toMatchObject({ error: "payload_too_large", limit: 100 });
    expect(await count("cdr_import")).toBe(before);
    await expect.poll(uploads).toEqual([]);

    process.env.GHOSTLINE_MAX_UPLOAD_BYTES = String(fixture.length);
    expect((await settled(await accepted(streamed("?source=pbx-north", fixture, 64)))).status).toBe("LOADED");
  });
});

describe("a failed import and its retry", () => {
  it("shows the error, keeps the upload, and POST /retry loads it once the cause is fixed", async () => {
    // A CHECK constraint the file's rows break makes the load fail in the database.
    const { rows } = await db.query<{ id: string }>("select id from cdr_source where name = 'pbx-flaky'");
    const sourceId = rows[0]?.id;
    await db.query(`alter table cdr add constraint test_flaky check (source_id <> '${sourceId}'::uuid)`);
    let id: string;
    try {
      id = await accepted(upload("?source=pbx-flaky&filename=flaky.csv", fixture));
      const failed = await settled(id);
      expect(failed).toMatchObject({ status: "FAILED", rowsInserted: 0, retryable: true, attempts: 1 });
      expect(failed.error).toContain("test_flaky");
      expect(await uploads()).toHaveLength(1);
    } finally {
      await db.query("alter table cdr drop constraint test_flaky");
    }

    const again = await retry(id);
    expect(again.status).toBe(202);
    const loaded = await settled(id);
    expect(loaded).toMatchObject({ status: "LOADED", rowsInserted: 4, error: null, retryable: false, attempts: 2 });
    await expect.poll(uploads).toEqual([]);
    const audit = await db.query(`select action from audit_event where "entityId" = $1`, [id]);
    expect(audit.rows).toEqual([{ action: "cdr_import.retry" }]);

    const notFailed = await retry(id);
    expect(notFailed.status).toBe(409);
    expect((await notFailed.json()).message).toMatch(/Only a failed import/);
    expect((await retry("0199e4a4-0000-7000-8000-000000000000")).status).toBe(404);
    expect((await retry(id, {})).status).toBe(401);
  });
});

describe("when the job queue does not take the import", () => {
  it("answers 503 with the import, which is FAILED with the reason (not left QUEUED), and retryable once the queue is back", async () => {
    // A real failure of pg-boss's send: its queue is gone (with the earlier tests' jobs, which
    // would block its removal), so the job's insert finds no partition of pgboss.job.
    await db.query("delete from pgboss.job where name = $1", [jobs.IMPORT_QUEUE]);
    await (await jobs.getBoss()).deleteQueue(jobs.IMPORT_QUEUE);
    let id: string;
    try {
      const res = await upload("?source=pbx-queue&filename=queued.csv", fixture);
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body).toMatchObject({ error: "queue_unavailable", message: expect.stringMatching(/job queue did not take the import/) });
      id = body.id;
      const failed = await (await getOne(id)).json();
      expect(failed).toMatchObject({ status: "FAILED", retryable: true, fileName: "queued.csv", error: expect.stringMatching(/job queue did not take the import.*retry it/) });
      expect(await uploads()).toHaveLength(1);

      // The retry met the same failure: FAILED again, not QUEUED forever.
      const refused = await retry(id);
      expect(refused.status).toBe(503);
      expect(await refused.json()).toMatchObject({ error: "queue_unavailable", id });
      expect(await (await getOne(id)).json()).toMatchObject({ status: "FAILED", retryable: true, error: expect.stringMatching(/job queue did not take/) });
    } finally {
      // Workers started again make the queue again, as at server start.
      await jobs.stopJobs();
      await jobs.startJobWorkers();
    }

    expect((await retry(id)).status).toBe(202);
    expect(await settled(id)).toMatchObject({ status: "LOADED", rowsInserted: 4, error: null, retryable: false });
    await expect.poll(uploads).toEqual([]);
  });
});

describe("POST /api/v1/cdr-imports/preview", () => {
  it("shows the detected format and the first rows with their rejects, and writes nothing", async () => {
    const imports = await count("cdr_import");
    const cdrs = await count("cdr");
    const lines = fixture.toString("utf8").trimEnd().split("\n");
    lines.splice(1, 0, `"too","few"`);
    const res = await preview("?source=pbx-preview&format=auto&filename=first.csv", `${lines.join("\n")}\n`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.detection).toMatchObject({ format: "asterisk", overridden: false });
    expect(body.rows).toHaveLength(4);
    expect(body.rows[0]).toMatchObject({ line: 1, startedAt: "2026-07-01T15:00:00.000Z" });
    expect(body.rejects).toEqual([expect.objectContaining({ line: 2, raw: `"too","few"` })]);
    expect(body.complete).toBe(true);
    expect(await count("cdr_import")).toBe(imports);
    expect(await count("cdr")).toBe(cdrs);
    await expect.poll(uploads).toEqual([]);

    const refused = await preview("?source=pbx-preview", "hello;world\n1;2\n");
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ error: "file_refused" });
    expect((await preview("?source=nope", fixture)).status).toBe(404);
  });

  it("takes the upload's options and answers its 400 and 413: what it shows is what the import would load", async () => {
    const utc = await preview("?source=pbx-preview&format=asterisk&timezone=UTC&filename=C:%5Cexports%5CMaster.csv", fixture);
    expect(utc.status).toBe(200);
    expect((await utc.json()).rows[0]).toMatchObject({ line: 1, startedAt: "2026-07-01T10:00:00.000Z" });

    const bad = await preview("?source=pbx-preview&format=excel&timezone=Mars/Olympus", fixture);
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(["format", "timezone"]);

    process.env.GHOSTLINE_MAX_UPLOAD_BYTES = "100";
    const declared = await preview("?source=pbx-preview", fixture, { ...auth(), "content-length": String(fixture.length) });
    expect(declared.status).toBe(413);
    const counted = await streamedPreview("?source=pbx-preview", fixture, 64);
    expect(counted.status).toBe(413);
    const uploadAnswer = await (await streamed("?source=pbx-preview", fixture, 64)).json();
    expect(await declared.json()).toEqual(uploadAnswer);
    expect(await counted.json()).toEqual(uploadAnswer);
  });
});

describe("GET /api/v1/cdr-imports/{id} and /rejects.csv", () => {
  let id: string;
  const lines = () => fixture.toString("utf8").trimEnd().split("\n");

  beforeAll(async () => {
    const { createSource } = await import("@/lib/cdr/writes.ts");
    await createSource({ name: "pbx-rejects", format: "asterisk", timeZone: "UTC" }, { actorId: null, actorLabel: "test" });
    const file = lines();
    file.splice(1, 0, `=cmd|' /C calc'!A0,"x"`);
    file[2] = (file[2] as string).replace("2026-07-01 10:05:00", "2026-02-30 10:05:00");
    id = await accepted(upload("?source=pbx-rejects&filename=bad.csv", `${file.join("\n")}\n`));
    expect(await settled(id)).toMatchObject({ status: "LOADED", rowsRead: 5, rowsInserted: 3, rowsRejected: 2 });
  });

  it("answers the summary by id, 404 for an unknown or malformed id, 401 anonymous", async () => {
    const res = await getOne(id);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, source: "pbx-rejects", fileName: "bad.csv", status: "LOADED", rowsRejected: 2 });
    expect((await getOne("0199e4a4-0000-7000-8000-000000000000")).status).toBe(404);
    expect((await getOne("not-a-uuid")).status).toBe(404);
    expect((await getOne(id, {})).status).toBe(401);
  });

  it("serves the rejected rows as CSV, line numbers kept and formulas neutralised", async () => {
    const res = await getRejects(id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="bad-rejects.csv"');
    const text = await res.text();
    expect(text).toContain(`'=cmd|' /C calc'!A0,""x""`);
    const rows = parse(text) as string[][];
    expect(rows[0]).toEqual(["line", "reason", "field", "raw"]);
    expect(rows.slice(1).map((r) => [r[0], r[2]])).toEqual([
      ["2", ""],
      ["3", "start"],
    ]);
    expect(rows[1]?.[3]).toBe(`'=cmd|' /C calc'!A0,"x"`);
    expect(rows[2]?.[3]).toBe(lines()[1]?.replace("2026-07-01 10:05:00", "2026-02-30 10:05:00"));
    expect((await getRejects("0199e4a4-0000-7000-8000-000000000000")).status).toBe(404);
    expect((await getRejects(id, {})).status).toBe(401);
  });
});

describe("the job workers", () => {
  it("schedule advanceCases every hour on the hour, and run it", async () => {
    const { rows } = await db.query("select name, cron from pgboss.schedule");
    expect(rows).toEqual([{ name: jobs.ADVANCE_CASES_QUEUE, cron: "0 * * * *" }]);
    const boss = await jobs.getBoss();
    const jobId = await boss.send(jobs.ADVANCE_CASES_QUEUE, {});
    expect(jobId).not.toBeNull();
    let state: string | undefined;
    for (let i = 0; i < 100 && state !== "completed" && state !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      state = (await boss.getJobById(jobs.ADVANCE_CASES_QUEUE, jobId as string))?.state;
    }
    expect(state).toBe("completed");
  });
});
