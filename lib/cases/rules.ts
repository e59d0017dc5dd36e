// The manual case workflow in one table: which status changes exist and the lowest role that may
// make each. Isomorphic and pure: the server enforces it (writes.ts), the case panel only uses it
// to hide buttons a role may not press. Issue 6 "Case workflow": agents take a case and move it
// forward; supervisors alone assign, mark FALSE_POSITIVE, resolve by hand and reopen.
import { hasRole, roleLabel, type Role } from "@/lib/auth/roles.ts";

export const CASE_STATUSES = ["NEW", "INVESTIGATING", "REMEDIATION_SENT", "VERIFYING", "RESOLVED", "FALSE_POSITIVE"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CLOSED_STATUSES: ReadonlySet<CaseStatus> = new Set(["RESOLVED", "FALSE_POSITIVE"]);
export const OPEN_STATUSES = CASE_STATUSES.filter((s) => !CLOSED_STATUSES.has(s));

export function isOpen(status: CaseStatus): boolean {
  return !CLOSED_STATUSES.has(status);
}

export const STATUS_LABEL: Record<CaseStatus, string> = {
  NEW: "New",
  INVESTIGATING: "Investigating",
  REMEDIATION_SENT: "Remediation sent",
  VERIFYING: "Verifying",
  RESOLVED: "Resolved",
  FALSE_POSITIVE: "False positive",
};

export type CaseMove = {
  from: readonly CaseStatus[];
  to: CaseStatus;
  role: Role;
  /** The button's words. */
  label: string;
  /**
   * "status": a plain status change (a button on the case panel). "mark-sent": only by marking a
   * saved remediation as sent (lib/remediation/writes.ts), which records what was sent.
   */
  via: "status" | "mark-sent";
};

export const CASE_MOVES: readonly CaseMove[] = [
  { from: ["NEW"], to: "INVESTIGATING", role: "AGENT", label: "Take this case", via: "status" },
  { from: OPEN_STATUSES, to: "REMEDIATION_SENT", role: "AGENT", label: "Mark as sent", via: "mark-sent" },
  { from: ["REMEDIATION_SENT"], to: "VERIFYING", role: "AGENT", label: "Applied, start verifying", via: "status" },
  { from: OPEN_STATUSES, to: "RESOLVED", role: "SUPERVISOR", label: "Resolve", via: "status" },
  { from: OPEN_STATUSES, to: "FALSE_POSITIVE", role: "SUPERVISOR", label: "Mark as false positive", via: "status" },
  { from: ["RESOLVED", "FALSE_POSITIVE"], to: "INVESTIGATING", role: "SUPERVISOR", label: "Reopen", via: "status" },
];

/** Assigning someone else's work is a supervisor's call. */
export const ASSIGN_ROLE: Role = "SUPERVISOR";
export const COMMENT_ROLE: Role = "AGENT";

export function canAssign(role: Role): boolean {
  return hasRole(role, ASSIGN_ROLE);
}

export function canComment(role: Role): boolean {
  return hasRole(role, COMMENT_ROLE);
}

export type MoveCheck = { ok: true; move: CaseMove } | { ok: false; code: "invalid" | "forbidden"; reason: string };

/** Whether `role` may move a case from `from` to `to` by `via`, and if not, why in words. */
export function checkMove(from: CaseStatus, to: CaseStatus, role: Role, via: CaseMove["via"] = "status"): MoveCheck {
  const move = CASE_MOVES.find((m) => m.via === via && m.to === to && m.from.includes(from));
  if (!move) {
    const how = via === "mark-sent" ? "Marking a remediation as sent" : "A case";
    return { ok: false, code: "invalid", reason: `${how} cannot go from ${STATUS_LABEL[from]} to ${STATUS_LABEL[to]}.` };
  }
  if (!hasRole(role, move.role)) {
    return { ok: false, code: "forbidden", reason: `Only a ${roleLabel[move.role].toLowerCase()} or above may ${move.label.toLowerCase()}.` };
  }
  return { ok: true, move };
}

/** The status buttons to offer `role` on a case in `status`. */
export function allowedMoves(status: CaseStatus, role: Role): CaseMove[] {
  return CASE_MOVES.filter((m) => m.via === "status" && m.from.includes(status) && hasRole(role, m.role));
}
