import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/db.ts";

let POST: typeof import("./route.ts").POST;
let GET_ONE: typeof import("./[id]/route.ts").GET;
let GET_REJECTS: typeof import("./[id]/rejects.csv/route.ts").GET;
let secret: string;
let fixture: Buffer;

const FIXTURE = new URL("../../../../lib/cdr/fixtures/asterisk-18.csv", import.meta.url);
const BASE = "http://localhost:3000/api/v1/cdr-imports";

const auth = () => ({ authorization: `Bearer ${secret}` });

function upload(query: string, body: Buffer | string | null, headers: Record<string, string> = auth()) {
  const payload = typeof body === "string" || body === null ? body : new Uint8Array(body);
  return POST(new Request(`${BASE}${query}`, { method: "POST", body: payload, headers }), { params: Promise.resolve({}) });
}

/** A body the route can only learn the size of by reading it (no Content-Length). */
function streamed(query: string, body: Buffer, chunk = 1024) {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < body.length; at += chunk) controller.enqueue(body.subarray(at, at + chunk));
      controller.close();
    },
  });
  return POST(new Request(`${BASE}${query}`, { method: "POST", body: stream, headers: auth(), duplex: "half" } as RequestInit), {
    params: Promise.resolve({}),
  });
}

const getOne = (id: string, headers: Record<string, string> = auth()) =>
  GET_ONE(new Request(`${BASE}/${id}`, { headers }), { params: Promise.resolve({ id }) });
const getRejects = (id: string, headers: Record<string, string> = auth()) =>
  GET_REJECTS(new Request(`${BASE}/${id}/rejects.csv`, { headers }), { params: Promise.resolve({ id }) });

beforeAll(async () => {
  await useTestDatabase();
  ({ POST } = await import("./route.ts"));
  ({ GET: GET_ONE } = await import("./[id]/route.ts"));
  ({ GET: GET_REJECTS } = await import("./[id]/rejects.csv/route.ts"));
  const { createApiToken } = await import("@/lib/auth/tokens.ts");
  secret = (await createApiToken({ name: "pbx-uploader", role: "AGENT" })).secret;
  const { createSource } = await import("@/lib/cdr/writes.ts");
  for (const name of ["pbx-east", "pbx-west", "pbx-north"]) {
    await createSource({ name, format: "asterisk", timeZone: "America/Chicago" }, { label: "test" });
  }
  fixture = await readFile(FIXTURE);
});

afterEach(() => {
  delete process.env.GHOSTLINE_MAX_UPLOAD_BYTES;
});

describe("POST /api/v1/cdr-imports", () => {
  it("answers 401 without a session or token, and loads nothing", async () => {
    const res = await upload("?source=pbx-east", fixture, {});
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: "unauthorized" });
  });

  it("loads an uploaded export (201 with the summary), and a re-upload inserts nothing", async () => {
    const res = await upload("?source=pbx-east&filename=Master.csv", fixture);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({
      source: "pbx-east",
      fileName: "Master.csv",
      status: "LOADED",
      format: "asterisk",
      importedBy: "token:pbx-uploader",
      rowsRead: 4,
      rowsInserted: 4,
      rowsDuplicate: 0,
      rowsRejected: 0,
      coverageFrom: "2026-07-01T15:00:00.000Z",
      coverageTo: "2026-07-01T15:20:00.000Z",
      error: null,
    });
    expect(res.headers.get("location")).toBe(`/api/v1/cdr-imports/${body.id}`);

    const again = await streamed("?source=pbx-east", fixture, 100);
    expect(again.status).toBe(201);
    const second = await again.json();
    expect(second).toMatchObject({ status: "LOADED", rowsRead: 4, rowsInserted: 0, rowsDuplicate: 4, fileName: "upload.csv" });
    expect(second.id).not.toBe(body.id);
  });

  it("takes a gzipped body and the format / timezone overrides", async () => {
    const res = await upload("?source=pbx-west&format=asterisk&timezone=UTC", gzipSync(fixture));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ status: "LOADED", rowsInserted: 4, coverageFrom: "2026-07-01T10:00:00.000Z" });
  });

  it("answers 400 with the issues for bad query parameters", async () => {
    const noSource = await upload("", fixture);
    expect(noSource.status).toBe(400);
    const badFormat = await upload("?source=pbx-east&format=excel&timezone=Mars/Olympus", fixture);
    expect(badFormat.status).toBe(400);
    const body = await badFormat.json();
    expect(body.error).toBe("invalid_request");
    expect(body.issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(["format", "timezone"]);
  });

  it("answers 404 for an unknown source", async () => {
    const res = await upload("?source=pbx-nowhere", fixture);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "not_found" });
  });

  it("answers 413 over the upload limit: from Content-Length up front, or counted while streaming", async () => {
    process.env.GHOSTLINE_MAX_UPLOAD_BYTES = "100";
    const declared = await upload("?source=pbx-north", fixture, { ...auth(), "content-length": String(fixture.length) });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: "payload_too_large", limit: 100 });

    const counted = await streamed("?source=pbx-north", fixture, 64);
    expect(counted.status).toBe(413);
    const body = await counted.json();
    expect(body).toMatchObject({ error: "payload_too_large", limit: 100, status: "FAILED" });
    // Nothing of the file was loaded; the aborted attempt is on record.
    expect(await (await getOne(body.id)).json()).toMatchObject({ status: "FAILED", rowsInserted: 0 });

    process.env.GHOSTLINE_MAX_UPLOAD_BYTES = String(fixture.length);
    expect((await streamed("?source=pbx-north", fixture, 64)).status).toBe(201);
  });
});

describe("GET /api/v1/cdr-imports/{id} and /rejects.csv", () => {
  let id: string;
  const lines = () => fixture.toString("utf8").trimEnd().split("\n");

  beforeAll(async () => {
    const { createSource } = await import("@/lib/cdr/writes.ts");
    await createSource({ name: "pbx-rejects", format: "asterisk", timeZone: "UTC" }, { label: "test" });
    const file = lines();
    file.splice(1, 0, `=cmd|' /C calc'!A0,"x"`);
    file[2] = (file[2] as string).replace("2026-07-01 10:05:00", "2026-02-30 10:05:00");
    const res = await upload("?source=pbx-rejects&filename=bad.csv", `${file.join("\n")}\n`);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ status: "LOADED", rowsRead: 5, rowsInserted: 3, rowsRejected: 2 });
    id = body.id;
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
