// A case's audit events in words, for its history timeline. Pure. Events come from the manual
// workflow (writes.ts, lib/remediation/writes.ts) and from the automatic one (automation.ts), and
// the audit trail is append-only, so old shapes must keep reading: unknown fields are ignored and an
// unknown action still shows as what it is.
import { CASE_STATUSES, STATUS_LABEL, type CaseStatus } from "./rules.ts";

export type AuditRow = {
  id: bigint | number | string;
  action: string;
  actorLabel: string;
  createdAt: Date;
  before: unknown;
  after: unknown;
};

export type HistoryEntry = {
  id: string;
  at: Date;
  who: string;
  text: string;
  /** A comment's own words (untrusted text: rendered as text, never as HTML). */
  comment?: string;
};

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" && key in value ? (value as Record<string, unknown>)[key] : undefined;
}

function text(value: unknown, key: string): string | undefined {
  const v = field(value, key);
  return typeof v === "string" && v !== "" ? v : undefined;
}

function status(value: unknown): string | undefined {
  const v = field(value, "status");
  return typeof v === "string" && (CASE_STATUSES as readonly string[]).includes(v) ? STATUS_LABEL[v as CaseStatus] : undefined;
}

function assignee(value: unknown): string {
  return text(value, "assignee") ?? "nobody";
}

export function describeEvent(event: AuditRow): HistoryEntry {
  const base = { id: String(event.id), at: event.createdAt, who: event.actorLabel };
  const { before, after } = event;
  switch (event.action) {
    case "case.opened": {
      const reason = text(after, "reason");
      return { ...base, text: `Opened the case as ${status(after) ?? "New"}${reason ? `: ${reason}` : ""}` };
    }
    case "case.assign":
      return { ...base, text: `Assigned it to ${assignee(after)} (was ${assignee(before)})` };
    case "case.comment":
      return { ...base, text: "Commented", comment: text(after, "comment") ?? "" };
    case "case.status": {
      const from = status(before);
      const to = status(after) ?? "an unknown status";
      const reason = text(after, "reason");
      // Another remediation sent while one was already out keeps the status: say so, not "A → A".
      const change = from === to ? `${to} again` : `${from ? `${from} → ` : "Moved to "}${to}`;
      return { ...base, text: `${change}${reason ? `: ${reason}` : ""}` };
    }
    case "case.recurrence": {
      const from = status(before);
      return { ...base, text: `Reopened as a recurrence${from ? ` (was ${from})` : ""}: a ring without PBX record after the remediation` };
    }
    case "case.remediation": {
      const device = text(after, "device") ?? [text(after, "vendor"), text(after, "model")].filter(Boolean).join(" ");
      const firmware = text(after, "firmware");
      return { ...base, text: `Saved overrides${device ? ` for ${device}` : ""}${firmware ? `, firmware ${firmware}` : ""}` };
    }
    default:
      return { ...base, text: event.action };
  }
}
