import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor.ts";
import { useTestDatabase } from "@/lib/testing/db.ts";

let prisma: typeof import("@/lib/db/client.ts").prisma;
let writes: typeof import("./writes.ts");
let data: typeof import("./data.ts");

const agent: Actor = { kind: "user", id: "u-agent", name: "Alex Agent", email: "agent@x.test", role: "AGENT" };
const supervisor: Actor = { kind: "user", id: "u-sup", name: "Sam Supervisor", email: "sup@x.test", role: "SUPERVISOR" };

let customerId: string;

async function newCase(status: "NEW" | "INVESTIGATING" | "VERIFYING" = "NEW") {
  return prisma.case.create({ data: { customerId, openCustomerId: customerId, status } });
}

async function closeAll() {
  await prisma.case.updateMany({ where: { customerId, openCustomerId: { not: null } }, data: { status: "RESOLVED", openCustomerId: null, closedAt: new Date() } });
}

function auditOf(caseId: string) {
  return prisma.auditEvent.findMany({ where: { entityType: "case", entityId: caseId }, orderBy: { id: "asc" } });
}

beforeAll(async () => {
  await useTestDatabase();
  ({ prisma } = await import("@/lib/db/client.ts"));
  writes = await import("./writes.ts");
  data = await import("./data.ts");
  for (const u of [agent, supervisor]) {
    await prisma.user.create({ data: { id: u.id, name: u.name, email: u.email!, role: u.role } });
  }
  customerId = (await prisma.customer.create({ data: { account: "ACME-001", name: "Acme Dental", timeZone: "America/Chicago" } })).id;
});

describe("roles are enforced on the server", () => {
  it("an agent cannot assign a case, and nothing changes", async () => {
    await closeAll();
    const c = await newCase();
    await expect(writes.assignCase(agent, { caseId: c.id, assigneeId: agent.id })).rejects.toMatchObject({ code: "forbidden" });
    expect((await prisma.case.findUniqueOrThrow({ where: { id: c.id } })).assigneeId).toBeNull();
    expect(await auditOf(c.id)).toEqual([]);
  });

  it("an agent cannot mark a case as a false positive nor resolve it, and nothing changes", async () => {
    await closeAll();
    const c = await newCase("INVESTIGATING");
    await expect(writes.changeCaseStatus(agent, { caseId: c.id, to: "FALSE_POSITIVE" })).rejects.toMatchObject({
      code: "forbidden",
      message: "Only a supervisor or above may mark as false positive.",
    });
    await expect(writes.changeCaseStatus(agent, { caseId: c.id, to: "RESOLVED" })).rejects.toMatchObject({ code: "forbidden" });
    const after = await prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(after).toMatchObject({ status: "INVESTIGATING", openCustomerId: customerId, closedAt: null });
    expect(await auditOf(c.id)).toEqual([]);
  });
});

describe("assign, comment, change status", () => {
  it("a supervisor assigns; the audit event says who, and before → after", async () => {
    await closeAll();
    const c = await newCase();
    await writes.assignCase(supervisor, { caseId: c.id, assigneeId: agent.id });
    expect((await prisma.case.findUniqueOrThrow({ where: { id: c.id } })).assigneeId).toBe(agent.id);
    const [event] = await auditOf(c.id);
    expect(event).toMatchObject({
      action: "case.assign",
      actorId: supervisor.id,
      actorLabel: "sup@x.test",
      before: { assigneeId: null, assignee: null },
      after: { assigneeId: agent.id, assignee: "Alex Agent (agent@x.test)" },
    });
  });

  it("refuses an unknown assignee", async () => {
    await closeAll();
    const c = await newCase();
    await expect(writes.assignCase(supervisor, { caseId: c.id, assigneeId: "nobody" })).rejects.toMatchObject({ code: "invalid" });
  });

  it("an agent takes a new case: it becomes theirs and INVESTIGATING, then moves it forward", async () => {
    await closeAll();
    const c = await newCase();
    await writes.changeCaseStatus(agent, { caseId: c.id, to: "INVESTIGATING" });
    expect(await prisma.case.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: "INVESTIGATING", assigneeId: agent.id });
    // Straight to VERIFYING skips the remediation: refused.
    await expect(writes.changeCaseStatus(agent, { caseId: c.id, to: "VERIFYING" })).rejects.toMatchObject({ code: "invalid" });
    await prisma.case.update({ where: { id: c.id }, data: { status: "REMEDIATION_SENT" } });
    const now = new Date("2026-11-20T12:00:00Z");
    await writes.changeCaseStatus(agent, { caseId: c.id, to: "VERIFYING" }, now);
    expect(await prisma.case.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: "VERIFYING", verifyingSince: now });
    expect((await auditOf(c.id)).map((e) => [e.action, e.before, e.after])).toEqual([
      ["case.status", { status: "NEW", assigneeId: null }, { status: "INVESTIGATING", assigneeId: agent.id }],
      ["case.status", { status: "REMEDIATION_SENT", assigneeId: agent.id }, { status: "VERIFYING", assigneeId: agent.id }],
    ]);
  });

  it("a comment is an audit event with the comment's words", async () => {
    await closeAll();
    const c = await newCase();
    await writes.commentOnCase(agent, { caseId: c.id, comment: "Called the customer: rings at night." });
    const [event] = await auditOf(c.id);
    expect(event).toMatchObject({ action: "case.comment", actorLabel: "agent@x.test", after: { comment: "Called the customer: rings at night." } });
  });

  it("a supervisor closing a case frees the customer for a new one; reopening while another is open is a clear error", async () => {
    await closeAll();
    const first = await newCase("VERIFYING");
    const now = new Date("2026-11-21T08:00:00Z");
    await writes.changeCaseStatus(supervisor, { caseId: first.id, to: "FALSE_POSITIVE" }, now);
    expect(await prisma.case.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      status: "FALSE_POSITIVE",
      closedAt: now,
      openCustomerId: null,
    });
    // Assigning a closed case makes no sense.
    await expect(writes.assignCase(supervisor, { caseId: first.id, assigneeId: agent.id })).rejects.toMatchObject({ code: "invalid" });
    const second = await newCase();
    await expect(writes.changeCaseStatus(supervisor, { caseId: first.id, to: "INVESTIGATING" })).rejects.toMatchObject({
      code: "conflict",
      message: `This customer already has an open case (#${second.number}, New): a customer has one open case at a time.`,
    });
    await writes.changeCaseStatus(supervisor, { caseId: second.id, to: "RESOLVED" });
    await writes.changeCaseStatus(supervisor, { caseId: first.id, to: "INVESTIGATING" });
    expect(await prisma.case.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      status: "INVESTIGATING",
      closedAt: null,
      openCustomerId: customerId,
    });
  });
});

describe("the case page's reads", () => {
  it("shows the open case with its history newest first, in words", async () => {
    await closeAll();
    const c = await newCase();
    await writes.assignCase(supervisor, { caseId: c.id, assigneeId: agent.id });
    await writes.commentOnCase(supervisor, { caseId: c.id, comment: "Please check the T46G." });
    await writes.changeCaseStatus(agent, { caseId: c.id, to: "INVESTIGATING" });
    const view = await data.getCustomerCase(customerId);
    expect(view).toMatchObject({ id: c.id, status: "INVESTIGATING", assignee: { name: "Alex Agent" } });
    expect(view!.history.map((h) => [h.who, h.text, h.comment])).toEqual([
      ["agent@x.test", "New → Investigating", undefined],
      ["sup@x.test", "Commented", "Please check the T46G."],
      ["sup@x.test", "Assigned it to Alex Agent (agent@x.test) (was nobody)", undefined],
    ]);
    expect(view!.earlierCases).toBeGreaterThan(0);
  });

  it("without an open case, shows the latest closed one", async () => {
    await closeAll();
    const latest = await prisma.case.findFirstOrThrow({ where: { customerId }, orderBy: { openedAt: "desc" } });
    expect((await data.getCustomerCase(customerId))?.id).toBe(latest.id);
  });

  it("lists every user as assignable", async () => {
    expect((await data.listAssignableUsers()).map((u) => u.email)).toEqual(["agent@x.test", "sup@x.test"]);
  });
});
