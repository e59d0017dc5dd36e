import "server-only";
// The feed endpoints' source rows, cached per process (see SOURCE_TTL_MS): apart from auth.ts so
// that what changes a source (writes.ts) can drop its row without importing the route helpers.
import { prisma } from "@/lib/db/client.ts";

/** A source as the push endpoints read it. */
export interface FeedSource {
  id: string;
  name: string;
  format: string;
  timeZone: string;
  defaultCountry: string;
  mapping: unknown;
  feedQuietMinutes: number;
}

export const feedSourceSelect = { id: true, name: true, format: true, timeZone: true, defaultCountry: true, mapping: true, feedQuietMinutes: true } as const;

/**
 * A PBX posting a CDR per call asks for its source many times a second: its row (settings and
 * secret hash) is kept this long per process. A replaced secret or changed setting is dropped at
 * once from the process that saved it (forgetFeedSource); the other server processes
 * (`ghostline serve` runs one per core) take it within this long.
 */
const SOURCE_TTL_MS = 5000;
type SecretSource = FeedSource & { feedSecretHash: string | null };
// On globalThis, as the feed writer's state: Next bundles the route handlers and the pages'
// server actions (which save the settings) apart, each with its own copy of this module.
const holder = globalThis as unknown as { ghostlineFeedSources?: Map<string, { until: number; source: Promise<SecretSource | null> }> };
const sources = (holder.ghostlineFeedSources ??= new Map());

export function secretSource(name: string): Promise<SecretSource | null> {
  const now = Date.now();
  const hit = sources.get(name);
  if (hit !== undefined && hit.until > now) return hit.source;
  if (sources.size > 1000) sources.clear();
  const source = prisma.cdrSource.findUnique({ where: { name }, select: { ...feedSourceSelect, feedSecretHash: true } });
  sources.set(name, { until: now + SOURCE_TTL_MS, source });
  source.catch(() => sources.delete(name));
  return source;
}

/**
 * Drops the source's cached row (after its feed secret or settings changed, once committed): the
 * next push reads it again. A lookup already running keeps its answer for its own requests only.
 */
export function forgetFeedSource(name: string): void {
  sources.delete(name);
}

