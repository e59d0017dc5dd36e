// The push endpoints at node:http level (node-endpoint.ts, as the production server runs them ahead
// of Next) on a real socket: a FreeSWITCH POST with the feed secret stored, the route handler's
// own answers for a wrong secret and an oversized body, and every other request left for Next.
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabaseClient } from "@/lib/testing/db.ts";

const fsJson = readFileSync(new URL("./fixtures/mod_json_cdr.json", import.meta.url), "utf8").trim();
const basic = (s: string) => `Basic ${Buffer.from(`ghostline:${s}`).toString("base64")}`;

let db: pg.Client;
let base: string;
let secret: string;
let token: string;
let server: http.Server;
/** What the fallback (Next, in the production server) was handed. */
const leftForNext: string[] = [];

beforeAll(async () => {
  ({ db } = await useTestDatabaseClient());
  const { answerFeedPush } = await import("./node-endpoint.ts");
  const { createSource } = await import("@/lib/cdr/writes.ts");
  const { saveFeedSettings } = await import("./writes.ts");
  const { createApiToken } = await import("@/lib/auth/tokens.ts");
  const actor = { actorId: null, actorLabel: "test" };
  await createSource({ name: "fs-chicago", format: "freeswitch", timeZone: "America/Chicago" }, actor);
  secret = (await saveFeedSettings("fs-chicago", { rotateSecret: true }, actor))!.secret!;
  token = `Bearer ${(await createApiToken({ name: "pbx", role: "AGENT" })).secret}`;
  server = http.createServer((req, res) => {
    if (answerFeedPush(req, res) !== null) return;
    leftForNext.push(`${req.method} ${req.url}`);
    res.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const fsPost = (authorization: string | null, body: string, path = "/api/v1/sources/fs-chicago/freeswitch?uuid=3f2c9d1e") =>
  fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) }, body });

describe("a push at node:http level", () => {
  it("stores a mod_json_cdr POST sent with the feed secret, answered as the route handler answers, nosniff included", async () => {
    const res = await fsPost(basic(secret), fsJson);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.json()).toMatchObject({ received: 1, inserted: 1, duplicate: 0, rejected: 0 });
    const rows = (await db.query("select caller_number, callee_number, disposition::text from cdr")).rows;
    expect(rows).toEqual([{ caller_number: "+13125550101", callee_number: "+13125550202", disposition: "NO_ANSWER" }]);
  });

  it("refuses a wrong secret with the handler's 401 and Basic challenge, writing nothing more", async () => {
    const res = await fsPost(basic("glf_wrong"), fsJson.replace(/3f2c9d1e-7b6a-11ef-9c4d-0242ac120002/g, "another-call"));
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
    expect(await res.json()).toMatchObject({ error: "unauthorized" });
    expect(Number((await db.query("select count(*) n from cdr")).rows[0].n)).toBe(1);
  });

  it("takes an API token's JSON push on /cdrs", async () => {
    const res = await fetch(`${base}/api/v1/sources/fs-chicago/cdrs`, { method: "POST", headers: { authorization: token, "content-type": "application/json" }, body: "[]" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ received: 0, inserted: 0 });
  });

  it("answers 413 for a Content-Length past 16 MiB before reading the body (it is streamed to the handler, not buffered first)", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${base}/api/v1/sources/fs-chicago/freeswitch`, { method: "POST", headers: { authorization: basic(secret), "content-length": String(17 * 1024 * 1024) } }, (res) => {
        resolve(res.statusCode!);
        res.resume();
        req.destroy();
      });
      req.on("error", reject);
      // A first chunk only: the answer must come without the rest.
      req.write("{");
    });
    expect(status).toBe(413);
  });

  it("leaves to Next a push without an Authorization header (a session's), other methods and paths, and a name that needs decoding", async () => {
    leftForNext.length = 0;
    const answers = await Promise.all([
      fsPost(null, fsJson),
      fetch(`${base}/api/v1/sources/fs-chicago/freeswitch`, { headers: { authorization: basic(secret) } }),
      fsPost(basic(secret), fsJson, "/api/v1/sources/fs-chicago/freeswitch/"),
      fsPost(basic(secret), fsJson, "/api/v1/sources/fs%20chicago/freeswitch"),
      fsPost(token, "{}", "/api/v1/sources/fs-chicago/feed"),
    ]);
    expect(answers.map((r) => r.status)).toEqual([418, 418, 418, 418, 418]);
    expect(leftForNext.sort()).toEqual([
      "GET /api/v1/sources/fs-chicago/freeswitch",
      "POST /api/v1/sources/fs%20chicago/freeswitch",
      "POST /api/v1/sources/fs-chicago/feed",
      "POST /api/v1/sources/fs-chicago/freeswitch/",
      "POST /api/v1/sources/fs-chicago/freeswitch?uuid=3f2c9d1e",
    ]);
  });
});
