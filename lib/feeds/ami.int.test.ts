// The Asterisk feed against a test AMI server on a real TCP socket (this file's own: it speaks
// the manager protocol as Asterisk does: banner, Login with Events, Ping, Cdr events): login,
// CDRs stored, a refused login retried with back-off, a dropped link reconnected and its outage
// recorded as a gap of the feed's coverage, duplicate delivery of the same event.
import { readFileSync } from "node:fs";
import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabaseClient } from "@/lib/testing/db.ts";
import { AmiClient, AmiFramer, type AmiMessage } from "./ami.ts";

const cdrEvent = readFileSync(new URL("./fixtures/ami-cdr-event.txt", import.meta.url), "utf8");

/** A manager port: accepts `secret`, answers Ping, and lets the test send events and drop links. */
class TestAmi {
  readonly server = net.createServer((socket) => this.accept(socket));
  readonly sockets = new Set<net.Socket>();
  readonly logins: AmiMessage[] = [];
  readonly loggedIn = new Set<net.Socket>();
  connections = 0;
  pings = 0;
  constructor(public secret: string) {}

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return (this.server.address() as net.AddressInfo).port;
  }

  private accept(socket: net.Socket) {
    this.connections++;
    this.sockets.add(socket);
    socket.on("close", () => {
      this.sockets.delete(socket);
      this.loggedIn.delete(socket);
    });
    socket.on("error", () => {});
    socket.write("Asterisk Call Manager/9.0.0\r\n");
    const framer = new AmiFramer();
    socket.on("data", (chunk) => {
      for (const m of framer.push(chunk.toString("utf8"))) {
        const id = m.get("ActionID") ?? "";
        if (m.get("Action") === "Login") {
          this.logins.push(m);
          if (m.get("Secret") === this.secret && m.get("Events") === "cdr") {
            this.loggedIn.add(socket);
            socket.write(`Response: Success\r\nActionID: ${id}\r\nMessage: Authentication accepted\r\n\r\nEvent: FullyBooted\r\nPrivilege: system,all\r\nStatus: Fully Booted\r\n\r\n`);
          } else {
            socket.write(`Response: Error\r\nActionID: ${id}\r\nMessage: Authentication failed\r\n\r\n`);
          }
        } else if (m.get("Action") === "Ping") {
          this.pings++;
          socket.write(`Response: Success\r\nActionID: ${id}\r\nPing: Pong\r\nTimestamp: ${Date.now() / 1000}\r\n\r\n`);
        }
      }
    });
  }

  /** Sends an event to every logged-in link, split in two writes mid-line (TCP may do that). */
  send(text: string) {
    for (const s of this.loggedIn) {
      const cut = Math.floor(text.length / 2);
      s.write(text.slice(0, cut));
      s.write(text.slice(cut));
    }
  }

  drop() {
    for (const s of this.sockets) s.destroy();
  }

  async close() {
    this.drop();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const until = async (what: string, check: () => Promise<boolean> | boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

let db: pg.Client;
let ami: TestAmi;
let port: number;

beforeAll(async () => {
  ({ db } = await useTestDatabaseClient());
  ami = new TestAmi("s3cret");
  port = await ami.listen();
});

afterAll(async () => {
  await ami?.close();
});

describe("AmiClient", () => {
  it("retries a refused login with doubling delays, and logs in once the secret is right", async () => {
    ami.secret = "other";
    const client = new AmiClient({ host: "127.0.0.1", port, username: "ghostline", secret: "s3cret", initialDelayMs: 40, maxDelayMs: 1000 });
    const downs: { reason: string; retryInMs: number }[] = [];
    client.on("down", (d) => downs.push(d));
    const up = new Promise((resolve) => client.once("up", resolve));
    client.start();
    await until("three refusals", () => downs.length >= 3);
    ami.secret = "s3cret";
    await up;
    await client.stop();
    expect(downs.slice(0, 3)).toEqual([
      { reason: "login refused: Authentication failed", wasUp: false, retryInMs: 40, at: expect.any(Date) },
      { reason: "login refused: Authentication failed", wasUp: false, retryInMs: 80, at: expect.any(Date) },
      { reason: "login refused: Authentication failed", wasUp: false, retryInMs: 160, at: expect.any(Date) },
    ]);
    expect(ami.logins.at(-1)!.get("Username")).toBe("ghostline");
  });

  it("says why when nothing answers on the port", async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const deadPort = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const client = new AmiClient({ host: "127.0.0.1", port: deadPort, username: "u", secret: "s", initialDelayMs: 10_000 });
    const down = new Promise<{ reason: string }>((resolve) => client.once("down", resolve));
    client.start();
    expect((await down).reason).toMatch(/ECONNREFUSED/);
    await client.stop();
  });
});

describe("the Asterisk feed (startAmiFeeds)", () => {
  it("stores Cdr events, keeps the feed's coverage alive with Pings, and records a dropped link as a gap after reconnecting", async () => {
    const { createSource } = await import("@/lib/cdr/writes.ts");
    const { saveFeedSettings } = await import("./writes.ts");
    const { startAmiFeeds } = await import("./ami-feeds.ts");
    const { feedWriterIdle } = await import("./writer.ts");
    const { feedStatus } = await import("./data.ts");
    const actor = { actorId: null, actorLabel: "test" };
    const source = await createSource({ name: "pbx-ami", format: "asterisk", timeZone: "America/Chicago" }, actor);
    await saveFeedSettings("pbx-ami", { ami: { host: "127.0.0.1", port, username: "ghostline", secret: "s3cret" } }, actor);

    const connectionsBefore = ami.connections;
    const feeds = startAmiFeeds({ clientOptions: { pingIntervalMs: 50, initialDelayMs: 50 } });
    try {
      await until("the login", () => ami.loggedIn.size === 1);
      await until("a few pings", () => ami.pings >= 3);
      ami.send(cdrEvent);
      // The same event again (a CDR re-sent): stored once.
      ami.send(cdrEvent);
      await until("the CDR", async () => Number((await db.query("select count(*) n from cdr where source_id = $1", [source.id])).rows[0].n) === 1);

      const lost = Date.now();
      ami.drop();
      await until("the reconnection", () => ami.connections >= connectionsBefore + 2 && ami.loggedIn.size === 1);
      await until("a ping after it", async () => {
        await feedWriterIdle();
        return (await db.query("select 1 from cdr_feed_segment where source_id = $1 and status = 'GAP'", [source.id])).rowCount === 1;
      });
      const second = cdrEvent.replace("UniqueID: 1762185600.18", "UniqueID: 1762185700.19").replace("StartTime: 2026-11-03 10:00:00", "StartTime: 2026-11-03 10:01:40");
      ami.send(second);
      await until("the second CDR", async () => Number((await db.query("select count(*) n from cdr where source_id = $1", [source.id])).rows[0].n) === 2);
      await feedWriterIdle();

      const segments = (await db.query<{ status: string; from_at: Date; to_at: Date; via: string; reason: string | null }>(
        "select status::text, from_at, to_at, via, reason from cdr_feed_segment where source_id = $1 order by from_at, status desc",
        [source.id],
      )).rows;
      expect(segments.map((s) => s.status)).toEqual(["UP", "GAP", "UP"]);
      expect(segments.every((s) => s.via === "ami")).toBe(true);
      // The first period ends at its last Ping before the link dropped; the gap runs to the new login.
      expect(segments[0]!.to_at.getTime()).toBeLessThanOrEqual(lost + 5);
      expect(segments[1]).toMatchObject({ from_at: segments[0]!.to_at, to_at: segments[2]!.from_at, reason: expect.stringMatching(/^AMI link was down: /) });
      expect(segments[2]!.to_at.getTime()).toBeGreaterThan(segments[2]!.from_at.getTime());

      const row = (await db.query("select started_at, caller_number, callee_number, endpoint, disposition::text from cdr where source_id = $1 order by started_at limit 1", [source.id])).rows[0];
      expect(row).toEqual({ started_at: new Date("2026-11-03T16:00:00Z"), caller_number: "+13125550101", callee_number: "202", endpoint: "202", disposition: "NO_ANSWER" });
      const status = await feedStatus("pbx-ami");
      expect(status).toMatchObject({ state: "up", error: null, ami: { host: "127.0.0.1", port, username: "ghostline" }, gaps: [{ reason: expect.stringMatching(/^AMI link was down/) }] });
    } finally {
      await feeds.stop();
    }
    // Stopped: the link is closed and not reopened.
    await until("the link to close", () => ami.loggedIn.size === 0);
    const after = ami.connections;
    await new Promise((r) => setTimeout(r, 200));
    expect(ami.connections).toBe(after);
  });

  it("shows a link that cannot log in as down, with the PBX's reason", async () => {
    const { createSource } = await import("@/lib/cdr/writes.ts");
    const { saveFeedSettings } = await import("./writes.ts");
    const { startAmiFeeds } = await import("./ami-feeds.ts");
    const { feedStatus } = await import("./data.ts");
    const actor = { actorId: null, actorLabel: "test" };
    await createSource({ name: "pbx-ami-bad", format: "asterisk", timeZone: "UTC" }, actor);
    await saveFeedSettings("pbx-ami-bad", { ami: { host: "127.0.0.1", port, username: "ghostline", secret: "wrong" } }, actor);
    // Only this source: the other one's link is not wanted here.
    await db.query(`update cdr_source set "amiHost" = null where name = 'pbx-ami'`);
    const feeds = startAmiFeeds({ clientOptions: { initialDelayMs: 5000 } });
    try {
      await until("the refusal to be recorded", async () => (await feedStatus("pbx-ami-bad"))?.error !== null);
      expect(await feedStatus("pbx-ami-bad")).toMatchObject({ state: "down", error: { message: "login refused: Authentication failed" } });
    } finally {
      await feeds.stop();
    }
  });
});
