import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor.ts";
import { useTestDatabase } from "@/lib/testing/db.ts";
import { generateOverrides } from "./generate.ts";
import { remediationRequestSchema } from "./schema.ts";

let prisma: typeof import("@/lib/db/client.ts").prisma;
let writes: typeof import("./writes.ts");

const tech: Actor = { kind: "user", id: "u-tech", name: "Tess Tech", email: "tech@x.test", role: "AGENT" };
const request = remediationRequestSchema.parse({
  vendor: "yealink",
  model: "T46G",
  firmware: "28.73.0.50",
  actions: ["accept-server-only", "disable-ip-calls"],
});

let customerId: string;
let deviceId: string;

function caseEvents(caseId: string) {
  return prisma.auditEvent.findMany({ where: { entityType: "case", entityId: caseId }, orderBy: { id: "asc" } });
}

beforeAll(async () => {
  await useTestDatabase();
  ({ prisma } = await import("@/lib/db/client.ts"));
  writes = await import("./writes.ts");
  await prisma.user.create({ data: { id: tech.id, name: tech.name, email: tech.email!, role: "AGENT" } });
  const customer = await prisma.customer.create({ data: { account: "ACME-001", name: "Acme Dental", timeZone: "America/Chicago" } });
  customerId = customer.id;
  deviceId = (await prisma.device.create({ data: { customerId, vendor: "yealink", model: "T46G", firmware: "28.73.0.50" } })).id;
});

describe("save to case, then mark as sent", () => {
  it("saves the server-generated overrides on a new INVESTIGATING case, and sending moves it to REMEDIATION_SENT", async () => {
    const saved = await writes.saveRemediation(tech, { account: "ACME-001", deviceId, request });
    const stored = await prisma.remediation.findUniqueOrThrow({ where: { id: saved.remediation.id } });
    expect(stored).toMatchObject({
      customerId,
      deviceId,
      vendor: "yealink",
      model: "T46G",
      firmware: "28.73.0.50",
      actions: ["accept-server-only", "disable-ip-calls"],
      syntax: "override",
      text: generateOverrides(request).text,
      createdBy: "tech@x.test",
      sentAt: null,
    });
    expect(stored.text).toContain('account.1.sip_trust_ctrl="1"');
    expect(stored.summary).toMatch(/^Ghost-call remediation for Yealink T46G, firmware 28\.73\.0\.50\./);

    const opened = await prisma.case.findUniqueOrThrow({ where: { id: stored.caseId! } });
    expect(opened).toMatchObject({ status: "INVESTIGATING", openCustomerId: customerId, assigneeId: tech.id });
    expect(saved.caseNumber).toBe(opened.number);

    const now = new Date("2026-11-22T15:00:00Z");
    await writes.markRemediationSent(tech, saved.remediation.id, now);
    expect(await prisma.remediation.findUniqueOrThrow({ where: { id: saved.remediation.id } })).toMatchObject({ sentAt: now, sentBy: "tech@x.test" });
    expect(await prisma.case.findUniqueOrThrow({ where: { id: opened.id } })).toMatchObject({ status: "REMEDIATION_SENT", remediationSentAt: now });

    expect((await caseEvents(opened.id)).map((e) => [e.action, e.actorLabel, e.before, e.after])).toEqual([
      ["case.opened", "tech@x.test", null, { status: "INVESTIGATING", reason: "overrides saved from the wizard" }],
      [
        "case.remediation",
        "tech@x.test",
        null,
        {
          remediationId: saved.remediation.id,
          device: "Yealink T46G",
          vendor: "yealink",
          model: "T46G",
          firmware: "28.73.0.50",
          actions: ["accept-server-only", "disable-ip-calls"],
        },
      ],
      ["case.status", "tech@x.test", { status: "INVESTIGATING" }, { status: "REMEDIATION_SENT", remediationId: saved.remediation.id, reason: "overrides marked as sent" }],
    ]);

    // Once is enough: a second click is refused and changes nothing.
    await expect(writes.markRemediationSent(tech, saved.remediation.id)).rejects.toMatchObject({ code: "invalid" });
    expect(await prisma.remediation.findUniqueOrThrow({ where: { id: saved.remediation.id } })).toMatchObject({ sentAt: now });
  });

  it("adds to the customer's open case rather than opening another", async () => {
    const open = await prisma.case.findUniqueOrThrow({ where: { openCustomerId: customerId } });
    const saved = await writes.saveRemediation(tech, { account: "ACME-001", request: { ...request, syntax: "native" } });
    expect(saved.caseNumber).toBe(open.number);
    expect(await prisma.case.count({ where: { customerId } })).toBe(1);
    expect((await prisma.remediation.findUniqueOrThrow({ where: { id: saved.remediation.id } })).text).toBe(
      generateOverrides({ ...request, syntax: "native" }).text,
    );
  });

  it("refuses a phone of another customer and an unknown customer, saving nothing", async () => {
    const other = await prisma.customer.create({ data: { account: "BIRCH-002", name: "Birch", timeZone: "UTC" } });
    const before = await prisma.remediation.count();
    await expect(writes.saveRemediation(tech, { account: "BIRCH-002", deviceId, request })).rejects.toMatchObject({ code: "invalid" });
    await expect(writes.saveRemediation(tech, { account: "NOPE", request })).rejects.toMatchObject({ code: "not-found" });
    expect(await prisma.remediation.count()).toBe(before);
    // The refused save opened no case either (one transaction).
    expect(await prisma.case.count({ where: { customerId: other.id } })).toBe(0);
  });

  it("refuses to mark as sent overrides whose case was closed since", async () => {
    const saved = await writes.saveRemediation(tech, { account: "ACME-001", request });
    await prisma.case.update({ where: { id: saved.remediation.caseId! }, data: { status: "RESOLVED", openCustomerId: null, closedAt: new Date() } });
    await expect(writes.markRemediationSent(tech, saved.remediation.id)).rejects.toMatchObject({ code: "invalid" });
    expect((await prisma.remediation.findUniqueOrThrow({ where: { id: saved.remediation.id } })).sentAt).toBeNull();
  });
});
