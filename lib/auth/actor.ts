// Who did something, and how the audit trail names them. Kept apart from session.ts (which needs
// Next's request scope) so writes that record an actor also run from the CLI and the demo seed.
import type { Role } from "./roles.ts";

export type Actor = {
  kind: "user" | "token";
  id: string;
  name: string;
  email?: string;
  role: Role;
};

/** Who an audit event names: a user's id (none for an API token, whose name is in the label). */
export type AuditActor = { actorId: string | null; actorLabel: string };

export function auditActor(actor: Actor): AuditActor {
  return { actorId: actor.kind === "user" ? actor.id : null, actorLabel: actorLabel(actor) };
}

/** Actor label written into audit events. */
export function actorLabel(actor: Actor): string {
  return actor.kind === "user" ? (actor.email ?? actor.name) : `token:${actor.name}`;
}
