// The live feed endpoints on a real database: FreeSWITCH's own POST body and the JSON push,
// authenticated by the source's feed secret or an API token; duplicate delivery; a call pushed
// live and then found in an export, stored once; a report waiting for coverage getting its
// verdict as the feed advances; a gap (nothing for longer than the quiet limit) honoured by the
// verdict; a push racing a file import of the same source.
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabaseClient } from "@/lib/testing/db.ts";
import { useScratchDir } from "@/lib/testing/files.ts";

let db: pg.Client;
let dir: string;
let cdrsRoute: typeof import("./cdrs/route.ts");
let fsRoute: typeof import("./freeswitch/route.ts");
let feedRoute: typeof import("./feed/route.ts");
let writer: typeof import("@/lib/feeds/writer.ts");
let prisma: typeof import("@/lib/db/client.ts").prisma;
let createReports: typeof import("@/lib/matching/reports.ts").createReports;
let loadCdrFile: typeof import("@/lib/cdr/load.ts").loadCdrFile;
let token: string;
let supervisor: string;
let secret: string;
let sourceId: string;

const fsJson = readFileSync(new URL("../../../../../lib/feeds/fixtures/mod_json_cdr.json", import.meta.url), "utf8").trim();
const fsXml = readFileSync(new URL("../../../../../lib/feeds/fixtures/mod_xml_cdr.xml", import.meta.url), "utf8");
const basic = (s: string) => `Basic ${Buffer.from(`ghostline:${s}`).toString("base64")}`;
const params = (name: string) => ({ params: Promise.resolve({ name }) });

function fsPost(authorization: string | null, body: string, contentType = "application/json", name = "fs-chicago") {
  const headers: Record<string, string> = { "content-type": contentType, "user-agent": "freeswitch-json/1.0", ...(authorization ? { authorization } : {}) };
  return fsRoute.POST(new Request(`http://localhost:3000/api/v1/sources/${name}/freeswitch?uuid=3f2c9d1e`, { method: "POST", headers, body }), params(name));
}
function push(authorization: string | null, body: unknown, name = "fs-chicago") {
  const headers: Record<string, string> = { "content-type": "application/json", ...(authorization ? { authorization } : {}) };
  return cdrsRoute.POST(new Request(`http://localhost:3000/api/v1/sources/${name}/cdrs`, { method: "POST", headers, body: JSON.stringify(body) }), params(name));
}
const count = async (sql: string, values: unknown[] = []) => Number((await db.query<{ n: string }>(sql, values)).rows[0]!.n);
const verdictOf = async (reportId: string) => (await db.query<{ verdict: string }>("select verdict::text from report_verdict where report_id = $1", [reportId])).rows[0]?.verdict;

/** Waits for the writer's commits and the re-evaluations they started. */
const settled = () => writer.feedWriterIdle();

async function report(account: string, ringAt: Date, number = "202") {
  const { created, problems } = await createReports([{ account, number, ring_time: ringAt.toISOString(), window_minutes: 2, caller_id: undefined, ticket: undefined, notes: undefined }], "test");
  expect(problems).toEqual([]);
  return created[0]!.id;
}

beforeAll(async () => {
  dir = await useScratchDir("ghostline-feeds-");
  ({ db } = await useTestDatabaseClient());
  cdrsRoute = await import("./cdrs/route.ts");
  fsRoute = await import("./freeswitch/route.ts");
  feedRoute = await import("./feed/route.ts");
  writer = await import("@/lib/feeds/writer.ts");
  ({ prisma } = await import("@/lib/db/client.ts"));
  ({ createReports } = await import("@/lib/matching/reports.ts"));
  ({ loadCdrFile } = await import("@/lib/cdr/load.ts"));
  const { createApiToken } = await import("@/lib/auth/tokens.ts");
  token = `Bearer ${(await createApiToken({ name: "pbx", role: "AGENT" })).secret}`;
  supervisor = `Bearer ${(await createApiToken({ name: "boss", role: "SUPERVISOR" })).secret}`;
  const { createSource } = await import("@/lib/cdr/writes.ts");
  const actor = { actorId: null, actorLabel: "test" };
  sourceId = (await createSource({ name: "fs-chicago", format: "freeswitch", timeZone: "America/Chicago" }, actor)).id;
  await createSource({ name: "pbx-live", format: "asterisk", timeZone: "UTC" }, actor);
  const res = await feedRoute.PUT(new Request("http://x/api/v1/sources/fs-chicago/feed", { method: "PUT", headers: { authorization: supervisor }, body: JSON.stringify({ rotateSecret: true, quietMinutes: 15 }) }), params("fs-chicago"));
  expect(res.status).toBe(200);
  secret = (await res.json()).secret;
  expect(secret).toMatch(/^glf_/);
  for (const [account, source] of [["ACME", "fs-chicago"], ["LIVE", "pbx-live"]] as const) {
    const c = await prisma.customer.create({ data: { account, name: account, timeZone: "UTC" } });
    const s = await prisma.cdrSource.findUniqueOrThrow({ where: { name: source } });
    await prisma.customerSource.create({ data: { customerId: c.id, sourceId: s.id } });
  }
});

describe("who may push", () => {
  it("refuses an anonymous push, a wrong secret and another source's secret with 401 and a Basic challenge, writing nothing", async () => {
    for (const auth of [null, basic("glf_wrong"), "Bearer glf_wrong"]) {
      const res = await fsPost(auth, fsJson);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
    }
    expect((await push(basic(secret), [], "pbx-live")).status).toBe(401);
    expect(await count("select count(*) n from cdr")).toBe(0);
    expect(await count("select count(*) n from cdr_feed_segment")).toBe(0);
  });

  it("refuses a replaced feed secret at once, though the source was just read with it, and takes the new one", async () => {
    // An empty body is refused (400) only past the secret's check: these write nothing.
    const answers = (auth: string) => fsPost(auth, "  ").then((r) => r.status);
    expect(await answers(basic(secret))).toBe(400);
    const rotate = () => feedRoute.PUT(new Request("http://x/api/v1/sources/fs-chicago/feed", { method: "PUT", headers: { authorization: supervisor }, body: JSON.stringify({ rotateSecret: true }) }), params("fs-chicago"));
    const res = await rotate();
    expect(res.status).toBe(200);
    const replaced = secret;
    secret = (await res.json()).secret;
    expect(secret).not.toBe(replaced);
    expect(await answers(basic(replaced))).toBe(401);
    expect(await answers(`Bearer ${replaced}`)).toBe(401);
    expect(await answers(basic(secret))).toBe(400);
  });

  it("answers 404 for an unknown source to an API token's caller", async () => {
    const res = await push(token, [], "no-such-pbx");
    expect(res.status).toBe(404);
  });
});

describe("FreeSWITCH mod_json_cdr / mod_xml_cdr", () => {
  it("stores a real mod_json_cdr POST, once however often it is delivered, and the same call's later Master.csv export is a duplicate", async () => {
    const first = await fsPost(basic(secret), fsJson);
    expect(first.status).toBe(200);
    const answer = await first.json();
    expect(answer).toMatchObject({ received: 1, inserted: 1, duplicate: 0, rejected: 0 });
    // FreeSWITCH retries a CDR whose answer it did not see; the encode=true form of the same CDR.
    const again = await fsPost(basic(secret), `cdr=${encodeURIComponent(fsJson)}`, "application/x-www-form-urlencoded");
    expect(await again.json()).toMatchObject({ received: 1, inserted: 0, duplicate: 1, importId: answer.importId });
    const row = (await db.query("select started_at, caller_number, callee_number, disposition::text, line, import_id::text from cdr")).rows;
    expect(row).toEqual([{ started_at: new Date("2026-11-03T16:00:00Z"), caller_number: "+13125550101", callee_number: "+13125550202", disposition: "NO_ANSWER", line: 1, import_id: answer.importId }]);
    const imp = (await db.query("select file_name, status::text, rows_read, rows_inserted, rows_duplicate, feed_day, coverage_from from cdr_import where id = $1", [answer.importId])).rows[0];
    expect(imp).toMatchObject({ status: "LOADED", rows_read: 2, rows_inserted: 1, rows_duplicate: 1, coverage_from: null });
    expect(imp.file_name).toMatch(/^live feed \d{4}-\d{2}-\d{2}$/);

    const csv = join(dir, "Master.csv");
    await writeFile(
      csv,
      '"sipvicious","+13125550101","13125550202","public","2026-11-03 10:00:00","","2026-11-03 10:00:25","25","0","ORIGINATOR_CANCEL","3f2c9d1e-7b6a-11ef-9c4d-0242ac120002","","","PCMU","PCMU"\n' +
        '"Front Desk","1000","203","default","2026-11-03 10:20:00","2026-11-03 10:20:02","2026-11-03 10:21:00","60","58","NORMAL_CLEARING","5e5e5e5e-7b6a-11ef-9c4d-0242ac120002","","","PCMU","PCMU"\n',
    );
    const loaded = await loadCdrFile({ source: "fs-chicago", file: { path: csv }, importedBy: "test" });
    expect(loaded).toMatchObject({ status: "LOADED", rowsInserted: 1, rowsDuplicate: 1 });
    expect(await count("select count(*) n from cdr where source_id = $1", [sourceId])).toBe(2);
  });

  it("stores a mod_xml_cdr POST (encode=false: cdr= and the XML as is) on the same day's feed import", async () => {
    const res = await fsPost(basic(secret), `cdr=${fsXml}`, "application/x-www-form-plaintext");
    expect(await res.json()).toMatchObject({ inserted: 1, rejected: 0 });
    expect((await db.query("select caller_name, callee_number from cdr where unique_id = '8d0e4a2b-7b6a-11ef-9c4d-0242ac120002'")).rows).toEqual([{ caller_name: "Front Desk & Co", callee_number: "202" }]);
  });

  it("keeps a body that is no CDR as a reject of the feed import (answered 200, so FreeSWITCH does not post it forever), and refuses an empty one", async () => {
    const res = await fsPost(basic(secret), "<html>not a cdr</html>", "text/xml");
    expect(res.status).toBe(200);
    const answer = await res.json();
    expect(answer).toMatchObject({ inserted: 0, rejected: 1, rejects: [{ index: 0, reason: "not a mod_xml_cdr CDR (a <cdr> element with <variables>)" }] });
    expect((await db.query("select raw, reason from cdr_reject where import_id = $1 and line = $2", [answer.importId, answer.rejects[0].line])).rows).toEqual([
      { raw: "<html>not a cdr</html>", reason: "not a mod_xml_cdr CDR (a <cdr> element with <variables>)" },
    ]);
    expect((await fsPost(basic(secret), "  ")).status).toBe(400);
  });
});

describe("the JSON push", () => {
  it("takes one object or an array, with an API token or the feed secret as a Bearer; a CDR that does not read is a reject, the others are stored", async () => {
    const one = await push(`Bearer ${secret}`, { start: "2026-11-03T17:00:00Z", caller: "+13125550199", callee: "204", disposition: "ANSWERED", uniqueId: "p-1" });
    expect(await one.json()).toMatchObject({ received: 1, inserted: 1 });
    const batch = await push(token, [
      { start: "2026-11-03T17:01:00Z", caller: "+13125550199", callee: "204", uniqueId: "p-2" },
      { start: "not a time", callee: "204" },
      { start: "2026-11-03T17:00:00Z", caller: "+13125550199", callee: "204", disposition: "ANSWERED", uniqueId: "p-1" },
    ]);
    const answer = await batch.json();
    expect(answer).toMatchObject({ received: 3, inserted: 1, duplicate: 1, rejected: 1, rejects: [{ index: 1, field: "start" }] });
    expect(await count("select count(*) n from cdr_reject where import_id = $1", [answer.importId])).toBeGreaterThanOrEqual(2);
  });

  it("stores untrusted text as sent: quotes and the writer's own quoting, and a lone surrogate in a CDR's field as U+FFFD, without failing the batch", async () => {
    // The writer sends the rows to PostgreSQL as dollar-quoted JSON (lib/feeds/writer.ts).
    const names = ["O'Hara $j$ $j0$', now()) --", "Ghost \ud800 call"];
    const res = await push(token, [
      ...names.map((callerName, i) => ({ start: `2026-11-03T18:0${i}:00Z`, caller: "+13125550199", callerName, callee: "204", uniqueId: `q-${i}` })),
      { start: "never $j$ \udfff", callee: "204" },
    ]);
    expect(await res.json()).toMatchObject({ received: 3, inserted: 2, rejected: 1 });
    const stored = await db.query<{ caller_name: string }>("select caller_name from cdr where source_id = $1 and unique_id like 'q-%' order by unique_id", [sourceId]);
    expect(stored.rows.map((r) => r.caller_name)).toEqual([names[0], "Ghost \uFFFD call"]);
    // A reject keeps the record as JSON text, where the surrogate is an escape.
    expect(await count("select count(*) n from cdr_reject where raw = $1", [JSON.stringify({ start: "never $j$ \udfff", callee: "204" })])).toBe(1);
  });

  it("answers 400 with the issues for a body of the wrong shape", async () => {
    const res = await push(token, [{ start: { nested: true } }]);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_request" });
  });
});

describe("coverage and verdicts", () => {
  it("re-evaluates a report waiting for coverage as the feed advances: no coverage, then no PBX record, then the call's CDR", async () => {
    // A heartbeat opens the feed's coverage at now.
    expect((await push(token, [], "pbx-live")).status).toBe(200);
    await settled();
    const ring = new Date(Date.now() + 50);
    const id = await report("LIVE", ring);
    expect(await verdictOf(id)).toBe("NO_COVERAGE");
    await new Promise((r) => setTimeout(r, 100));
    // Another call's CDR: the feed now covers the ring, with no record of it.
    await push(token, [{ start: new Date(ring.getTime() - 600_000).toISOString(), caller: "100", callee: "299" }], "pbx-live");
    await settled();
    expect(await verdictOf(id)).toBe("NO_PBX_RECORD");
    // The call itself ends and its CDR arrives.
    await push(token, [{ start: new Date(ring.getTime() - 20_000).toISOString(), caller: "+13125550101", callee: "202", disposition: "NO ANSWER", uniqueId: "live-1" }], "pbx-live");
    await settled();
    expect(await verdictOf(id)).toBe("PBX_RECORD_FOUND");

    const status = await (await feedRoute.GET(new Request("http://x/api/v1/sources/pbx-live/feed", { headers: { authorization: token } }), params("pbx-live"))).json();
    expect(status).toMatchObject({ state: "up", connected: true, gaps: [], rate: { cdrs: 2 } });
    expect(new Date(status.lastCdrAt).getTime()).toBeGreaterThan(ring.getTime());
  });

  it("records a gap when nothing came for longer than the quiet limit, and a ring inside it is waiting for coverage, not NO_PBX_RECORD", async () => {
    const { createSource } = await import("@/lib/cdr/writes.ts");
    const gapSource = (await createSource({ name: "pbx-gap", format: "asterisk", timeZone: "UTC" }, { actorId: null, actorLabel: "test" })).id;
    const c = await prisma.customer.create({ data: { account: "GAP", name: "GAP", timeZone: "UTC" } });
    await prisma.customerSource.create({ data: { customerId: c.id, sourceId: gapSource } });
    const T = Date.UTC(2026, 10, 3, 12, 0, 0);
    const beat = (min: number) => writer.deliverFeed({ sourceId: gapSource, via: "push", rows: [], rejects: [], receivedAt: new Date(T + min * 60_000), quietMinutes: 15 });
    await beat(0);
    await beat(10);
    await beat(40); // 30 min of nothing: a gap from 10 to 40
    await beat(45);
    await settled();
    const segments = (await db.query("select status::text, from_at, to_at, reason from cdr_feed_segment where source_id = $1 order by from_at, status", [gapSource])).rows;
    expect(segments).toEqual([
      { status: "UP", from_at: new Date(T), to_at: new Date(T + 10 * 60_000), reason: null },
      { status: "GAP", from_at: new Date(T + 10 * 60_000), to_at: new Date(T + 40 * 60_000), reason: "nothing received for 30 min (the source's quiet limit is 15 min)" },
      { status: "UP", from_at: new Date(T + 40 * 60_000), to_at: new Date(T + 45 * 60_000), reason: null },
    ]);
    const inGap = await report("GAP", new Date(T + 25 * 60_000));
    const covered = await report("GAP", new Date(T + 5 * 60_000));
    const after = await report("GAP", new Date(T + 42 * 60_000));
    expect([await verdictOf(inGap), await verdictOf(covered), await verdictOf(after)]).toEqual(["NO_COVERAGE", "NO_PBX_RECORD", "NO_PBX_RECORD"]);
  });

  it("lets a push and an overlapping file import of the same source both succeed, each call stored once", async () => {
    const { createSource } = await import("@/lib/cdr/writes.ts");
    const raceSource = (await createSource({ name: "pbx-race", format: "mapped", timeZone: "UTC", mapping: { start: "start", caller: "caller", callee: "callee", uniqueId: "uniqueId", answer: "answer", end: "end", disposition: "disposition", duration: "duration", billsec: "billsec", endpoint: "endpoint" } }, { actorId: null, actorLabel: "test" })).id;
    const N = 6000;
    const cdr = (i: number) => ({ start: new Date(Date.UTC(2026, 10, 4) + i * 1000).toISOString(), caller: "100", callee: String(200 + (i % 50)), uniqueId: `race-${i}` });
    const header = "start,answer,end,caller,callee,endpoint,disposition,duration,billsec,uniqueId\n";
    const file = join(dir, "race.csv");
    await writeFile(file, header + Array.from({ length: N }, (_, i) => { const c = cdr(i); return `${c.start},,,${c.caller},${c.callee},,,,,${c.uniqueId}\n`; }).join(""));
    const pushes = Array.from({ length: 12 }, (_, k) => push(token, Array.from({ length: 500 }, (_, j) => cdr(k * 500 + j)), "pbx-race"));
    const [loaded, ...answers] = await Promise.all([loadCdrFile({ source: "pbx-race", file: { path: file }, importedBy: "test", batchRows: 1000 }), ...pushes]);
    expect(loaded.status).toBe("LOADED");
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    const pushed = (await Promise.all(answers.map((a) => a.json()))).reduce((n, a) => n + a.inserted, 0);
    expect(pushed + loaded.rowsInserted).toBe(N);
    expect(await count("select count(*) n from cdr where source_id = $1", [raceSource])).toBe(N);
  });
});
