// A small Asterisk Manager Interface client: one TCP connection to the PBX's manager port, the
// Login action with `Events: cdr` (the `cdr` class carries cdr_manager's `Cdr` event), a Ping
// every few seconds as the link's heartbeat, and reconnection with exponential back-off.
//
// Why not an npm AMI client: the maintained-looking ones were checked (2026-12) and none fits.
// `asterisk-manager` reconnects on a fixed 5 s timer with no back-off or way to tell the link is
// dead (pipobscure/NodeJS-AsteriskManager issues #12, #18, #30: no heartbeat, writes after FIN
// throw), `asterisk-ami-client` / `asterisk-ami-connector` pull in `co` and debug@2 and were
// last changed years ago, `@ipcom/asterisk-ami` is a 0.1 with no users. The protocol itself is
// a few lines (docs.asterisk.org, "AMI v2 Specification"): a banner line
// `Asterisk Call Manager/<version>`, then messages of `Key: Value` lines ending in CRLF, each
// message ended by an empty line. Heartbeat and back-off are what this feed needs most, and
// here they are explicit and tested (ami.test.ts, ami.int.test.ts against a TCP server).
import { EventEmitter } from "node:events";
import net from "node:net";

/** One AMI message: its `Key: Value` lines in order; `get` is case-insensitive (the spec's keys are). */
export interface AmiMessage {
  fields: [string, string][];
  get(key: string): string | undefined;
  /** The message as received (lines joined by CRLF), for a reject. */
  raw: string;
}

/** A message past this size is not AMI (a wrong port, a flood): the link is dropped. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

export function amiMessage(lines: string[]): AmiMessage {
  const fields: [string, string][] = [];
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    // "Key: Value": one space after the colon by the spec; a value may itself hold ": ".
    fields.push([line.slice(0, colon).trim(), line.slice(colon + 1).replace(/^ /, "")]);
  }
  const index = new Map<string, string>();
  for (const [k, v] of fields) if (!index.has(k.toLowerCase())) index.set(k.toLowerCase(), v);
  return { fields, get: (key) => index.get(key.toLowerCase()), raw: lines.join("\r\n") };
}

/**
 * Splits the bytes of an AMI connection into its banner and messages. Text is latin1-safe
 * UTF-8 (caller names); a chunk may end mid-line or mid-message, and lines may end in LF alone.
 */
export class AmiFramer {
  private buffer = "";
  private lines: string[] = [];
  private bytes = 0;
  banner: string | null = null;

  /** Feeds a chunk; returns the messages it completed. Throws when a message grows past 1 MiB. */
  push(chunk: string): AmiMessage[] {
    this.buffer += chunk;
    const out: AmiMessage[] = [];
    for (let nl = this.buffer.indexOf("\n"); nl >= 0; nl = this.buffer.indexOf("\n")) {
      const line = this.buffer.slice(0, nl).replace(/\r$/, "");
      this.buffer = this.buffer.slice(nl + 1);
      if (this.banner === null && this.lines.length === 0 && /^Asterisk Call Manager\//i.test(line)) {
        this.banner = line;
        continue;
      }
      if (line === "") {
        if (this.lines.length > 0) out.push(amiMessage(this.lines));
        this.lines = [];
        this.bytes = 0;
        continue;
      }
      this.lines.push(line);
      this.bytes += line.length;
      if (this.bytes > MAX_MESSAGE_BYTES) throw new Error("an AMI message over 1 MiB (is this the manager port?)");
    }
    if (this.buffer.length > MAX_MESSAGE_BYTES) throw new Error("an AMI line over 1 MiB (is this the manager port?)");
    return out;
  }
}

/** An AMI action's text: the lines, then the empty line. Values are checked to be one line. */
export function amiAction(fields: Record<string, string>): string {
  let out = "";
  for (const [k, v] of Object.entries(fields)) {
    if (/[\r\n]/.test(v)) throw new Error(`AMI ${k} must be one line`);
    out += `${k}: ${v}\r\n`;
  }
  return `${out}\r\n`;
}

export interface AmiClientOptions {
  host: string;
  port: number;
  username: string;
  secret: string;
  /** Heartbeat: a Ping this often once logged in. */
  pingIntervalMs?: number;
  /** No answer to a Ping (or to Login, or no banner) within this: the link is dead. */
  answerTimeoutMs?: number;
  /** Back-off after a failure: first delay, doubled per failure in a row, up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export interface AmiClientEvents {
  /** Logged in: CDR events flow from now on. */
  up: [{ banner: string | null; at: Date }];
  /** The link is down (or never came up): why, and the delay before the next attempt. */
  down: [{ reason: string; wasUp: boolean; retryInMs: number; at: Date }];
  /** A Cdr event. */
  cdr: [AmiMessage];
  /** A Ping answered: the link (and so the feed) is alive at `at`. */
  alive: [Date];
}

/** Connects, logs in, pings, and reconnects with back-off until stop(). */
export class AmiClient extends EventEmitter<AmiClientEvents> {
  private socket: net.Socket | null = null;
  private timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  private failures = 0;
  private actionId = 0;
  private readonly opts: Required<AmiClientOptions>;

  constructor(options: AmiClientOptions) {
    super();
    this.opts = { pingIntervalMs: 20_000, answerTimeoutMs: 10_000, initialDelayMs: 1000, maxDelayMs: 60_000, ...options };
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Closes the link and stops reconnecting. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const socket = this.socket;
    this.socket = null;
    if (socket !== null && !socket.destroyed) {
      const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
      socket.destroy();
      await closed;
    }
  }

  private later(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return t;
  }

  private clear(t: NodeJS.Timeout | null) {
    if (t === null) return;
    clearTimeout(t);
    this.timers.delete(t);
  }

  private connect(): void {
    if (this.stopped) return;
    const { host, port, username, secret, pingIntervalMs, answerTimeoutMs } = this.opts;
    const socket = net.connect({ host, port });
    this.socket = socket;
    socket.setEncoding("utf8");
    socket.setKeepAlive(true, 30_000);
    const framer = new AmiFramer();
    let up = false;
    let failed: string | null = null;
    /** What is awaited (banner, Login's answer, a Ping's answer) and its deadline. */
    let waiting: { id: string | null; timer: NodeJS.Timeout } | null = null;
    let pinger: NodeJS.Timeout | null = null;

    const fail = (reason: string) => {
      failed ??= reason;
      socket.destroy();
    };
    const expect = (id: string | null, what: string) => {
      this.clear(waiting?.timer ?? null);
      waiting = { id, timer: this.later(answerTimeoutMs, () => fail(`no answer to ${what} within ${answerTimeoutMs / 1000} s`)) };
    };
    const send = (fields: Record<string, string>) => socket.write(amiAction(fields));
    const ping = () => {
      const id = `ping-${++this.actionId}`;
      expect(id, "Ping");
      send({ Action: "Ping", ActionID: id });
    };

    expect(null, "the connection (no AMI banner)");
    socket.on("connect", () => expect(null, "the connection (no AMI banner)"));
    socket.on("data", (chunk: string) => {
      let messages: AmiMessage[];
      const hadBanner = framer.banner !== null;
      try {
        messages = framer.push(chunk);
      } catch (error) {
        fail((error as Error).message);
        return;
      }
      if (!hadBanner && framer.banner !== null) {
        const id = `login-${++this.actionId}`;
        expect(id, "Login");
        send({ Action: "Login", ActionID: id, Username: username, Secret: secret, Events: "cdr" });
      }
      for (const message of messages) {
        const event = message.get("Event");
        if (event !== undefined) {
          if (up && event.toLowerCase() === "cdr") this.emit("cdr", message);
          continue;
        }
        const answered = message.get("ActionID");
        if (waiting === null || answered === undefined || answered !== waiting.id) continue;
        this.clear(waiting.timer);
        waiting = null;
        const ok = message.get("Response")?.toLowerCase() === "success";
        if (answered.startsWith("login-")) {
          if (!ok) {
            fail(`login refused: ${message.get("Message") ?? message.get("Response") ?? "no reason given"}`);
            return;
          }
          up = true;
          this.failures = 0;
          this.emit("up", { banner: framer.banner, at: new Date() });
          const schedule = () => {
            pinger = this.later(pingIntervalMs, () => {
              ping();
              schedule();
            });
          };
          schedule();
        } else if (ok) {
          this.emit("alive", new Date());
        } else {
          fail(`Ping refused: ${message.get("Message") ?? "no reason given"}`);
        }
      }
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      failed ??= error.message;
    });
    socket.on("close", () => {
      this.clear(waiting?.timer ?? null);
      this.clear(pinger);
      if (this.socket === socket) this.socket = null;
      if (this.stopped) return;
      const reason = failed ?? (up ? "the PBX closed the manager connection" : "the PBX closed the connection before login");
      const retryInMs = Math.min(this.opts.maxDelayMs, this.opts.initialDelayMs * 2 ** this.failures);
      this.failures++;
      this.emit("down", { reason, wasUp: up, retryInMs, at: new Date() });
      this.later(retryInMs, () => this.connect());
    });
  }
}
