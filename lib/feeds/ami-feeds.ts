import "server-only";
// The Asterisk feeds: one AMI link per source with manager settings, run by the process that runs
// the background jobs (lib/jobs/boss.ts; one per host, so a PBX sees one login). Each link's
// events become feed deliveries, in order, one source at a time:
//   logged in      → a new coverage segment (the time since the last one is a gap: events of
//                    a link that was down are lost, however short the outage)
//   Ping answered  → a heartbeat: the feed covers time up to now
//   Cdr events     → CDRs (those of one read are delivered together)
//   link down      → the reason on the source (its page shows it) until the next login
// A delivery that fails (the database away, a file import holding the source for long) is tried
// again, and what follows it waits: a heartbeat must never cover time whose CDRs are not stored.
import { prisma } from "@/lib/db/client.ts";
import { AmiClient, type AmiClientOptions, type AmiMessage } from "./ami.ts";
import { amiFields, readFeedRecords } from "./records.ts";
import { type FeedDelivery, deliverFeed } from "./writer.ts";

/** How often the sources' AMI settings are read again (a link added, changed or removed). */
const REFRESH_MS = 30_000;
const RETRY_MS = 5000;

type Settings = { id: string; name: string; amiHost: string; amiPort: number | null; amiUsername: string | null; amiSecret: string | null; feedQuietMinutes: number; timeZone: string; defaultCountry: string; format: string; mapping: unknown };

class SourceLink {
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;
  private lastDown: string | null = null;
  private cdrs: AmiMessage[] = [];
  readonly client: AmiClient;

  constructor(
    readonly settings: Settings,
    options: Partial<AmiClientOptions>,
  ) {
    this.client = new AmiClient({ host: settings.amiHost, port: settings.amiPort ?? 5038, username: settings.amiUsername ?? "", secret: settings.amiSecret ?? "", ...options });
    this.client.on("up", ({ at }) => {
      const reason = `AMI link was down${this.lastDown === null ? " (not connected: the app was stopped or the link lost)" : `: ${this.lastDown}`}`;
      this.lastDown = null;
      this.enqueue({ rows: [], rejects: [], receivedAt: at, gapReason: reason });
      this.serial(() => prisma.cdrSource.update({ where: { id: settings.id }, data: { feedError: null, feedErrorAt: null } }).then(() => {}));
    });
    this.client.on("alive", (at) => this.enqueue({ rows: [], rejects: [], receivedAt: at }));
    this.client.on("cdr", (event) => {
      // Events of one socket read arrive in one turn of the event loop: delivered together.
      if (this.cdrs.push(event) === 1) setImmediate(() => this.flushCdrs());
    });
    this.client.on("down", ({ reason, at }) => {
      this.flushCdrs();
      this.lastDown = reason;
      this.serial(() => prisma.cdrSource.update({ where: { id: settings.id }, data: { feedError: reason, feedErrorAt: at } }).then(() => {}));
    });
  }

  private flushCdrs() {
    if (this.cdrs.length === 0) return;
    const events = this.cdrs;
    this.cdrs = [];
    const read = readFeedRecords("ami", this.settings, events.map((e) => ({ fields: amiFields(e), raw: e.raw })));
    this.enqueue({ rows: read.rows, rejects: read.rejects, warnings: read.warnings, format: read.format, receivedAt: new Date() });
  }

  private enqueue(d: Pick<FeedDelivery, "rows" | "rejects" | "receivedAt"> & Partial<FeedDelivery>) {
    const delivery: FeedDelivery = { sourceId: this.settings.id, via: "ami", quietMinutes: this.settings.feedQuietMinutes, ...d };
    this.serial(() => deliverFeed(delivery).then(() => {}));
  }

  /** Runs `work` after everything before it, retrying it until it succeeds or the link stops. */
  private serial(work: () => Promise<void>) {
    this.chain = this.chain.then(async () => {
      for (;;) {
        try {
          await work();
          return;
        } catch (error) {
          if (this.stopped) return;
          console.error(`[ghostline] AMI feed of ${this.settings.name}: a write failed, retrying in ${RETRY_MS / 1000} s:`, (error as Error).message);
          await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        }
      }
    });
  }

  start() {
    this.client.start();
  }

  /** Stops the link; what it received is written first. */
  async stop() {
    await this.client.stop();
    this.flushCdrs();
    // Each queued write gets its try; a failing one is not retried any more.
    this.stopped = true;
    await this.chain;
  }
}

const signature = (s: Settings) => JSON.stringify([s.amiHost, s.amiPort, s.amiUsername, s.amiSecret, s.feedQuietMinutes, s.timeZone, s.defaultCountry]);

export interface AmiFeeds {
  /** Reads the sources' settings now (the refresh timer does it every 30 s). */
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a link for every source with AMI settings, and follows changes to them. */
export function startAmiFeeds(options: { clientOptions?: Partial<AmiClientOptions>; refreshMs?: number } = {}): AmiFeeds {
  const links = new Map<string, { sig: string; link: SourceLink }>();
  let stopped = false;
  const refresh = async () => {
    const sources = (await prisma.cdrSource.findMany({
      where: { amiHost: { not: null } },
      select: { id: true, name: true, amiHost: true, amiPort: true, amiUsername: true, amiSecret: true, feedQuietMinutes: true, timeZone: true, defaultCountry: true, format: true, mapping: true },
    })) as Settings[];
    if (stopped) return;
    const seen = new Set<string>();
    for (const s of sources) {
      seen.add(s.id);
      const current = links.get(s.id);
      if (current?.sig === signature(s)) continue;
      await current?.link.stop();
      const link = new SourceLink(s, options.clientOptions ?? {});
      links.set(s.id, { sig: signature(s), link });
      link.start();
    }
    for (const [id, { link }] of links) {
      if (seen.has(id)) continue;
      links.delete(id);
      await link.stop();
    }
  };
  let refreshing = refresh().catch((error: unknown) => console.error("[ghostline] AMI feeds:", error));
  const timer = setInterval(() => {
    refreshing = refreshing.then(refresh).catch((error: unknown) => console.error("[ghostline] AMI feeds:", error));
  }, options.refreshMs ?? REFRESH_MS);
  timer.unref();
  return {
    refresh: () => (refreshing = refreshing.then(refresh)),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await refreshing;
      await Promise.all([...links.values()].map(({ link }) => link.stop()));
      links.clear();
    },
  };
}
