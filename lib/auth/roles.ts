// Isomorphic: the role ladder, shared by server checks and the UI that hides
// what a role may not do. The UI hiding is a courtesy; the server decides.
import * as z from "zod";

export const roleSchema = z.enum(["AGENT", "SUPERVISOR", "ADMIN"]);
export type Role = z.infer<typeof roleSchema>;

// Each role can do everything the one before it can: agents work tickets and
// run the wizard; supervisors also assign, close and mark false positives;
// admins also manage users, CDR sources and API tokens.
const rank: Record<Role, number> = { AGENT: 0, SUPERVISOR: 1, ADMIN: 2 };

export function hasRole(actual: Role, needed: Role): boolean {
  return rank[actual] >= rank[needed];
}

export const roleLabel: Record<Role, string> = {
  AGENT: "Agent",
  SUPERVISOR: "Supervisor",
  ADMIN: "Admin",
};
