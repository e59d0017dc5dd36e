import "server-only";
import * as z from "zod";
import { findNul } from "@/lib/nul.ts";
import { type Actor, userFromHeaders } from "./session.ts";
import { type Role, hasRole } from "./roles.ts";
import { findApiToken } from "./tokens.ts";

export function jsonError(status: number, error: string, message: string, extra?: object) {
  return Response.json({ error, message, ...extra }, { status });
}

export function zodError(err: z.ZodError) {
  return jsonError(400, "invalid_request", z.prettifyError(err), { issues: err.issues });
}

async function actorFrom(request: Request): Promise<Actor | null> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    // RFC 6750 §2.1: `Bearer` scheme, case-insensitive.
    const match = /^bearer\s+(\S+)$/i.exec(authorization.trim());
    const token = match?.[1] ? await findApiToken(match[1]) : null;
    return token ? { kind: "token", id: token.id, name: token.name, role: token.role } : null;
  }
  return userFromHeaders(request.headers);
}

type Handler<P> = (request: Request, ctx: { actor: Actor; params: P }) => Promise<Response>;

/**
 * Every /api/v1 route goes through this: a Bearer API token or a session
 * cookie, else 401; a role below `role`, 403.
 */
export function apiRoute<P = Record<string, never>>(options: { role: Role }, handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P> }) => {
    const actor = await actorFrom(request);
    if (!actor) {
      return jsonError(401, "unauthorized", "Sign in, or send an API token as `Authorization: Bearer <token>`.");
    }
    if (!hasRole(actor.role, options.role)) {
      return jsonError(403, "forbidden", `This needs the ${options.role} role; you have ${actor.role}.`);
    }
    return handler(request, { actor, params: await context.params });
  };
}

/**
 * The request's JSON body checked against `schema` (after `prepare`, if given): the data, or
 * the 400 to answer (not JSON at all, the zod issues, or a NUL anywhere in it). `allowNul` is
 * for a body whose records keep a NUL themselves (the feed pushes: one bad CDR must not refuse
 * the batch).
 */
export async function parseJsonBody<T>(
  request: Request,
  schema: z.ZodType<T>,
  { prepare = (json) => json, allowNul = false }: { prepare?: (json: unknown) => unknown; allowNul?: boolean } = {},
): Promise<{ data: T } | { response: Response }> {
  const json: unknown = await request.json().catch(() => undefined);
  if (json === undefined) return { response: jsonError(400, "invalid_json", "The request body must be JSON.") };
  const parsed = schema.safeParse(prepare(json));
  if (!parsed.success) return { response: zodError(parsed.error) };
  const nul = allowNul ? null : findNul(json);
  if (nul !== null) {
    const message = "must not contain NUL (U+0000), which PostgreSQL's text cannot hold";
    return { response: jsonError(400, "invalid_request", `${nul.join(".") || "the body"}: ${message}`, { issues: [{ code: "custom", path: nul, message }] }) };
  }
  return { data: parsed.data };
}
