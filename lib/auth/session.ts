import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "./auth.ts";
import type { Actor } from "./actor.ts";
import { type Role, hasRole, roleSchema } from "./roles.ts";

export { type Actor, actorLabel } from "./actor.ts";

export async function userFromHeaders(requestHeaders: Headers): Promise<Actor | null> {
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const { user } = session;
  // The role is re-read from the session's user row on every request, so a
  // demotion takes effect at once; an unknown value falls to the lowest role.
  const role = roleSchema.catch("AGENT").parse((user as { role?: unknown }).role);
  return { kind: "user", id: user.id, name: user.name, email: user.email, role };
}

export const getCurrentUser = cache(async () => userFromHeaders(await headers()));

/**
 * For pages: the signed-in user with at least `role`. Anonymous visitors go
 * to the login page; a signed-in user below the role gets the 403 page.
 */
export async function requireUser(role: Role = "AGENT"): Promise<Actor> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!hasRole(user.role, role)) forbidden();
  return user;
}
