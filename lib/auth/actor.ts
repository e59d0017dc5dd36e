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

/** Actor label written into audit events. */
export function actorLabel(actor: Actor): string {
  return actor.kind === "user" ? (actor.email ?? actor.name) : `token:${actor.name}`;
}
