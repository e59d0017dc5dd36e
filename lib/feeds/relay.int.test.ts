// The hand-off of `ghostline serve`'s feed writes (relay.ts, writer-router.ts) run for real: a
// node:cluster (fixtures/relay-cluster.ts) whose relaying worker answers a FreeSWITCH POST with
// what the writer worker committed, and whose waiting POSTs are answered 503 (FreeSWITCH retries)
// when the writer process dies.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabaseClient } from "@/lib/testing/db.ts";

const fsJson = readFileSync(new URL("./fixtures/mod_json_cdr.json", import.meta.url), "utf8").trim();
const UUID = "3f2c9d1e-7b6a-11ef-9c4d-0242ac120002";
const basic = (s: string) => `Basic ${Buffer.from(`ghostline:${s}`).toString("base64")}`;

let db: pg.Client;
let secret: string;
let sourceId: string;
let primary: ChildProcess;
let workers: { writer: { port: number; pid: number }; relay: { port: number; pid: number } };

beforeAll(async () => {
  let url: string;
  ({ db, url } = await useTestDatabaseClient());
  const { createSource } = await import("@/lib/cdr/writes.ts");
  const { saveFeedSettings } = await import("./writes.ts");
  const actor = { actorId: null, actorLabel: "test" };
  sourceId = (await createSource({ name: "fs-chicago", format: "freeswitch", timeZone: "America/Chicago" }, actor)).id;
  secret = (await saveFeedSettings("fs-chicago", { rotateSecret: true }, actor))!.secret!;
  const hooks = fileURLToPath(new URL("../../cli/web-server-hooks.mjs", import.meta.url));
  primary = spawn(process.execPath, ["--import", createRequire(import.meta.url).resolve("tsx"), "--import", hooks, fileURLToPath(new URL("./fixtures/relay-cluster.ts", import.meta.url))], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "pipe", "inherit"],
  });
  workers = await new Promise((resolve, reject) => {
    let out = "";
    primary.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve(JSON.parse(out.slice(0, out.indexOf("\n"))));
    });
    primary.on("exit", (code) => reject(new Error(`the cluster ended (${code})`)));
  });
});
afterAll(() => {
  primary?.kill("SIGTERM");
});

const post = (port: number, callId: string, authorization = basic(secret)) =>
  fetch(`http://127.0.0.1:${port}/api/v1/sources/fs-chicago/freeswitch`, { method: "POST", headers: { "content-type": "application/json", authorization }, body: fsJson.replaceAll(UUID, callId) });
const stored = async (callId: string) => Number((await db.query("select count(*) n from cdr where unique_id = $1", [callId])).rows[0].n);

describe("feed writes handed to the writer process", () => {
  it("stores a POST answered by the relaying worker once, with the writer's answer; a repeat through either worker is a duplicate", async () => {
    const res = await post(workers.relay.port, "call-1");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const answer = await res.json();
    expect(answer).toMatchObject({ received: 1, inserted: 1, duplicate: 0, rejected: 0, rejects: [] });
    expect(answer.importId).toEqual(expect.any(String));
    expect(await stored("call-1")).toBe(1);
    // Written by the writer process: one feed writer connection on the database (writer.ts's pool),
    // none of the relaying worker's.
    const writers = await db.query("select count(*) n from pg_stat_activity where application_name = 'ghostline-feed' and datname = current_database()");
    expect(Number(writers.rows[0].n)).toBe(1);
    const { rows } = await db.query("select caller_number, import_id from cdr where unique_id = 'call-1'");
    expect(rows).toEqual([{ caller_number: "+13125550101", import_id: answer.importId }]);
    for (const port of [workers.relay.port, workers.writer.port]) {
      expect(await (await post(port, "call-1")).json()).toMatchObject({ received: 1, inserted: 0, duplicate: 1 });
    }
    expect(await stored("call-1")).toBe(1);
  });

  it("answers a wrong secret in the relaying worker with the handler's 401", async () => {
    const res = await post(workers.relay.port, "call-2", basic("glf_wrong"));
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
    expect(await stored("call-2")).toBe(0);
  });

  it("answers 503 with Retry-After for a POST waiting on a writer process that dies, and for POSTs while there is none; the PBX's retry is stored once", async () => {
    // The source's import lock held, as a file import holds it: the writer's batch waits on it.
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query("select pg_advisory_lock(7343, hashtext($1))", [sourceId]);
      const waiting = post(workers.relay.port, "call-3");
      await expect.poll(async () => Number((await db.query("select count(*) n from pg_locks where locktype = 'advisory' and not granted")).rows[0].n), { timeout: 10_000 }).toBe(1);
      process.kill(workers.writer.pid, "SIGKILL");
      const res = await waiting;
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      // The writer's death, not a lock timeout of the relaying worker's own write (30 s).
      expect(await res.json()).toMatchObject({ error: "busy", message: expect.stringMatching(/writer process ended/) });
      const next = await post(workers.relay.port, "call-4");
      expect(next.status).toBe(503);
      await holder.query("select pg_advisory_unlock(7343, hashtext($1))", [sourceId]);
    } finally {
      await holder.end();
    }
    // FreeSWITCH posts call-3 again; with the writer back (here: the relaying worker's own writes,
    // as a process outside the cluster), what the dead one may have committed is not stored twice.
    const { postFreeswitch } = await import("./endpoints.ts");
    const retry = await postFreeswitch(
      new Request("http://localhost/api/v1/sources/fs-chicago/freeswitch", { method: "POST", headers: { "content-type": "application/json", authorization: basic(secret) }, body: fsJson.replaceAll(UUID, "call-3") }),
      { params: Promise.resolve({ name: "fs-chicago" }) },
    );
    expect(retry.status).toBe(200);
    expect(await stored("call-3")).toBe(1);
  });
});
