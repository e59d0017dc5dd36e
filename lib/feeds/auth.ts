import "server-only";
// Who may push CDRs into a source's feed: an API token or a session (any role: pushing is what
// the PBX's token is for), or the source's own feed secret. The feed secret is what a PBX that
// cannot send a header of our choosing is configured with: FreeSWITCH's mod_json_cdr /
// mod_xml_cdr `cred` = `user:password` sends HTTP Basic (curl CURLOPT_USERPWD, auth-scheme
// basic, their default), a relay may send `Authorization: Bearer <secret>`. Only the secret's
// SHA-256 is stored (like API tokens: 256 random bits need no slow hash); a feed secret opens
// that one source's push endpoints and nothing else.
import { timingSafeEqual } from "node:crypto";
import { apiRoute, jsonError } from "@/lib/auth/api.ts";
import { actorLabel } from "@/lib/auth/actor.ts";
import { hashToken } from "@/lib/auth/tokens.ts";
import { prisma } from "@/lib/db/client.ts";
import { type FeedSource, feedSourceSelect, secretSource } from "./source-cache.ts";

/** The secret a request offers: Basic's password (the user name is not checked) or a Bearer `glf_…`. */
export function offeredFeedSecret(authorization: string | null): string | null {
  if (authorization === null) return null;
  const basic = /^basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization.trim());
  if (basic?.[1] !== undefined) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return colon >= 0 ? decoded.slice(colon + 1) : null;
  }
  const bearer = /^bearer\s+(glf_\S+)$/i.exec(authorization.trim());
  return bearer?.[1] ?? null;
}

function matches(secret: string, hash: string | null): boolean {
  if (hash === null) return false;
  const a = Buffer.from(hashToken(secret), "hex");
  const b = Buffer.from(hash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

type FeedHandler = (request: Request, ctx: { source: FeedSource; by: string }) => Promise<Response>;

const UNAUTHORIZED = () =>
  new Response(JSON.stringify({ error: "unauthorized", message: "Send the source's feed secret (HTTP Basic password, or `Authorization: Bearer glf_…`) or an API token." }), {
    status: 401,
    // RFC 7617: lets a client that waits for a challenge (curl's auth-scheme any) answer with Basic.
    headers: { "content-type": "application/json", "www-authenticate": 'Basic realm="ghostline feed", charset="UTF-8"' },
  });

/**
 * A push endpoint of `/api/v1/sources/[name]/…`: the source's feed secret, else an API token or a
 * session (apiRoute: 401 / 403), then the source by name (404 for a token's caller; a secret that
 * names no source, or the wrong one, is 401 like any wrong secret).
 */
export function feedRoute(handler: FeedHandler) {
  const byApi = apiRoute<{ name: string }>({ role: "AGENT" }, async (request, { actor, params }) => {
    const source = await prisma.cdrSource.findUnique({ where: { name: params.name }, select: feedSourceSelect });
    if (source === null) return jsonError(404, "not_found", `No CDR source named ${params.name}.`);
    return handler(request, { source, by: actorLabel(actor) });
  });
  return async (request: Request, context: { params: Promise<{ name: string }> }) => {
    const secret = offeredFeedSecret(request.headers.get("authorization"));
    if (secret === null) {
      const answer = await byApi(request, context);
      return answer.status === 401 ? UNAUTHORIZED() : answer;
    }
    const { name } = await context.params;
    const source = await secretSource(name);
    if (source === null || !matches(secret, source.feedSecretHash)) return UNAUTHORIZED();
    const { feedSecretHash: _, ...rest } = source;
    return handler(request, { source: rest, by: "feed secret" });
  };
}
