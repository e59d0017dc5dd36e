import "server-only";
// A source's feed as its page and `GET /api/v1/sources/:name/feed` show it: connected or not,
// the last CDR, the rate, the coverage segments' gaps, and the day imports holding its CDRs.
import { prisma } from "@/lib/db/client.ts";

/** never: nothing received yet; up: within the quiet limit; quiet: past it (down?); down: the AMI link is lost. */
export type FeedState = "never" | "up" | "quiet" | "down";

export interface FeedGap {
  from: Date;
  /** null: still open (nothing since `from`, longer than the quiet limit). */
  to: Date | null;
  reason: string;
}

export interface FeedStatus {
  source: { id: string; name: string; format: string; timeZone: string };
  secretPrefix: string | null;
  quietMinutes: number;
  ami: { host: string; port: number; username: string } | null;
  state: FeedState;
  /** The feed covers time up to here (its last CDR or heartbeat). */
  coveredUntil: Date | null;
  /** When the last CDR was received. */
  lastCdrAt: Date | null;
  /** The AMI link's last failure while it is down. */
  error: { message: string; at: Date } | null;
  /** CDRs received in the last 24 hours, and per minute of feed time up in that period. */
  rate: { cdrs: number; perMinute: number };
  /** Newest first, at most GAPS_SHOWN. */
  gaps: FeedGap[];
  imports: { id: string; day: string; rowsRead: number; rowsInserted: number; rowsDuplicate: number; rowsRejected: number }[];
}

const GAPS_SHOWN = 50;
const DAY = 86_400_000;

/** The feed of the source named `name`, or null when there is no such source. */
export async function feedStatus(name: string, now = new Date()): Promise<FeedStatus | null> {
  const source = await prisma.cdrSource.findUnique({
    where: { name },
    select: {
      id: true, name: true, format: true, timeZone: true, feedSecretPrefix: true, feedQuietMinutes: true,
      amiHost: true, amiPort: true, amiUsername: true, feedError: true, feedErrorAt: true,
    },
  });
  if (source === null) return null;
  const since = new Date(now.getTime() - DAY);
  const [lastUp, gaps, recent, imports] = await Promise.all([
    prisma.cdrFeedSegment.findFirst({ where: { sourceId: source.id, status: "UP" }, orderBy: { toAt: "desc" }, select: { toAt: true } }),
    prisma.cdrFeedSegment.findMany({ where: { sourceId: source.id, status: "GAP" }, orderBy: { toAt: "desc" }, take: GAPS_SHOWN, select: { fromAt: true, toAt: true, reason: true } }),
    prisma.cdrFeedSegment.findMany({ where: { sourceId: source.id, status: "UP", toAt: { gte: since } }, select: { fromAt: true, toAt: true, cdrs: true } }),
    prisma.cdrImport.findMany({
      where: { sourceId: source.id, feedDay: { not: null } },
      orderBy: { feedDay: "desc" },
      take: 14,
      select: { id: true, feedDay: true, rowsRead: true, rowsInserted: true, rowsDuplicate: true, rowsRejected: true, finishedAt: true },
    }),
  ]);
  const coveredUntil = lastUp?.toAt ?? null;
  const quietMs = source.feedQuietMinutes * 60_000;
  const amiDown = source.amiHost !== null && source.feedError !== null && source.feedErrorAt !== null && (coveredUntil === null || source.feedErrorAt >= coveredUntil);
  const state: FeedState = amiDown ? "down" : coveredUntil === null ? "never" : now.getTime() - coveredUntil.getTime() <= quietMs ? "up" : "quiet";
  const openGap: FeedGap[] =
    coveredUntil !== null && (state === "quiet" || state === "down")
      ? [{ from: coveredUntil, to: null, reason: state === "down" ? `AMI link down: ${source.feedError}` : `nothing received for longer than the quiet limit (${source.feedQuietMinutes} min)` }]
      : [];
  const upMs = recent.reduce((ms, s) => ms + (Math.min(s.toAt.getTime(), now.getTime()) - Math.max(s.fromAt.getTime(), since.getTime())), 0);
  const cdrs = recent.reduce((n, s) => n + s.cdrs, 0);
  return {
    source: { id: source.id, name: source.name, format: source.format, timeZone: source.timeZone },
    secretPrefix: source.feedSecretPrefix,
    quietMinutes: source.feedQuietMinutes,
    ami: source.amiHost === null ? null : { host: source.amiHost, port: source.amiPort ?? 5038, username: source.amiUsername ?? "" },
    state,
    coveredUntil,
    lastCdrAt: imports.find((i) => i.rowsRead > 0)?.finishedAt ?? null,
    error: amiDown ? { message: source.feedError!, at: source.feedErrorAt! } : null,
    rate: { cdrs, perMinute: upMs > 0 ? Math.round((cdrs / (upMs / 60_000)) * 10) / 10 : 0 },
    gaps: [...openGap, ...gaps.map((g) => ({ from: g.fromAt, to: g.toAt, reason: g.reason ?? "" }))],
    imports: imports.map((i) => ({
      id: i.id, day: i.feedDay!.toISOString().slice(0, 10), rowsRead: i.rowsRead, rowsInserted: i.rowsInserted, rowsDuplicate: i.rowsDuplicate, rowsRejected: i.rowsRejected,
    })),
  };
}

/** The JSON of a feed's status (dates as ISO strings). */
export function feedStatusJson(s: FeedStatus) {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    source: s.source.name,
    state: s.state,
    connected: s.state === "up",
    coveredUntil: iso(s.coveredUntil),
    lastCdrAt: iso(s.lastCdrAt),
    quietMinutes: s.quietMinutes,
    secretPrefix: s.secretPrefix,
    ami: s.ami,
    error: s.error === null ? null : { message: s.error.message, at: s.error.at.toISOString() },
    rate: s.rate,
    gaps: s.gaps.map((g) => ({ from: g.from.toISOString(), to: iso(g.to), reason: g.reason })),
    imports: s.imports,
  };
}

/** Whether any of these sources has had a live feed in the last day (the Inbox then follows its waiting rings). */
export async function anyLiveFeed(sourceNames: string[], now = new Date()): Promise<boolean> {
  if (sourceNames.length === 0) return false;
  const found = await prisma.cdrFeedSegment.findFirst({
    where: { source: { name: { in: sourceNames } }, toAt: { gte: new Date(now.getTime() - DAY) } },
    select: { id: true },
  });
  return found !== null;
}
