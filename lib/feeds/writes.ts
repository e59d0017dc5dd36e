import "server-only";
// A source's feed settings: the quiet limit, the Asterisk manager connection, the feed secret.
import { recordAudit } from "@/lib/audit/writes.ts";
import type { AuditActor } from "@/lib/auth/actor.ts";
import { prisma } from "@/lib/db/client.ts";
import { forgetFeedSource } from "./source-cache.ts";
import { makeFeedSecret } from "./secret.ts";
import { type FeedSettingsInput, feedSettingsSchema } from "./schema.ts";

/** Settings that cannot be saved as given (in words for the form and the API). */
export class FeedSettingsError extends Error {
  override readonly name = "FeedSettingsError";
}

/**
 * Saves `input` on the source named `sourceName`; null when there is no such source. With
 * `rotateSecret` a new feed secret replaces the old one and is returned, the only time it is
 * seen. The AMI secret is kept when the input leaves it out, and is never returned.
 */
export async function saveFeedSettings(sourceName: string, input: FeedSettingsInput, actor: AuditActor): Promise<{ secret: string | null } | null> {
  const settings = feedSettingsSchema.parse(input);
  const source = await prisma.cdrSource.findUnique({
    where: { name: sourceName },
    select: { id: true, feedQuietMinutes: true, amiHost: true, amiPort: true, amiUsername: true, amiSecret: true, feedSecretPrefix: true },
  });
  if (source === null) return null;
  const data: Record<string, unknown> = {};
  if (settings.quietMinutes !== undefined) data.feedQuietMinutes = settings.quietMinutes;
  if (settings.ami === null) {
    Object.assign(data, { amiHost: null, amiPort: null, amiUsername: null, amiSecret: null, feedError: null, feedErrorAt: null });
  } else if (settings.ami !== undefined) {
    const secret = settings.ami.secret ?? source.amiSecret;
    if (secret === null) throw new FeedSettingsError("The manager.conf user's secret is needed to log in to the PBX.");
    Object.assign(data, { amiHost: settings.ami.host, amiPort: settings.ami.port, amiUsername: settings.ami.username, amiSecret: secret });
  }
  let secret: string | null = null;
  if (settings.rotateSecret === true) {
    const made = makeFeedSecret();
    secret = made.secret;
    Object.assign(data, { feedSecretHash: made.hash, feedSecretPrefix: made.prefix });
  }
  const view = (s: { feedQuietMinutes: number; amiHost: string | null; amiPort: number | null; amiUsername: string | null; feedSecretPrefix: string | null }) => ({
    quietMinutes: s.feedQuietMinutes,
    ami: s.amiHost === null ? null : { host: s.amiHost, port: s.amiPort, username: s.amiUsername },
    secretPrefix: s.feedSecretPrefix,
  });
  await prisma.$transaction(async (tx) => {
    const after = await tx.cdrSource.update({
      where: { id: source.id },
      data,
      select: { feedQuietMinutes: true, amiHost: true, amiPort: true, amiUsername: true, feedSecretPrefix: true },
    });
    await recordAudit(
      { ...actor, action: "cdr_source.feed", entityType: "cdr_source", entityId: source.id, before: view(source), after: { ...view(after), ...(secret ? { secretRotated: true } : {}) } },
      tx,
    );
  });
  forgetFeedSource(sourceName);
  return { secret };
}
