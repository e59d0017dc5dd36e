import { describe, expect, it } from "vitest";
import { describeEvent, type AuditRow } from "./history.ts";

const at = new Date("2026-11-20T10:00:00Z");
const row = (action: string, before: unknown, after: unknown): AuditRow => ({ id: 7n, action, actorLabel: "sam@example.test", createdAt: at, before, after });

describe("a case's history in words", () => {
  it("says who did what and when", () => {
    expect(describeEvent(row("case.status", { status: "NEW" }, { status: "INVESTIGATING" }))).toEqual({
      id: "7",
      at,
      who: "sam@example.test",
      text: "New → Investigating",
    });
  });

  it("names the assignee before and after", () => {
    expect(describeEvent(row("case.assign", { assignee: null }, { assignee: "Alex Agent (agent@x.test)" })).text).toBe(
      "Assigned it to Alex Agent (agent@x.test) (was nobody)",
    );
  });

  it("keeps a comment's words apart, as text", () => {
    const entry = describeEvent(row("case.comment", null, { comment: "<b>called</b> the customer" }));
    expect(entry.text).toBe("Commented");
    expect(entry.comment).toBe("<b>called</b> the customer");
  });

  it("reads the automation's events", () => {
    expect(describeEvent(row("case.opened", null, { status: "NEW" })).text).toBe("Opened the case as New");
    expect(describeEvent(row("case.recurrence", { status: "VERIFYING" }, { status: "INVESTIGATING", recurrences: 1 })).text).toBe(
      "Reopened as a recurrence (was Verifying): a ring without PBX record after the remediation",
    );
  });

  it("describes saved overrides and the reason of a status change", () => {
    expect(describeEvent(row("case.remediation", null, { device: "Yealink T46G", vendor: "yealink", firmware: "28.73.0.50" })).text).toBe(
      "Saved overrides for Yealink T46G, firmware 28.73.0.50",
    );
    expect(describeEvent(row("case.status", { status: "INVESTIGATING" }, { status: "REMEDIATION_SENT", reason: "overrides marked as sent" })).text).toBe(
      "Investigating → Remediation sent: overrides marked as sent",
    );
    expect(describeEvent(row("case.status", { status: "REMEDIATION_SENT" }, { status: "REMEDIATION_SENT", reason: "overrides marked as sent" })).text).toBe(
      "Remediation sent again: overrides marked as sent",
    );
  });

  it("shows an unknown action or a malformed payload as what it is, without failing", () => {
    expect(describeEvent(row("case.merged", null, null)).text).toBe("case.merged");
    expect(describeEvent(row("case.status", "garbage", { status: "ARCHIVED" })).text).toBe("Moved to an unknown status");
  });
});
