import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/db.ts";

beforeAll(async () => {
  await useTestDatabase();
});

describe("demo seed", () => {
  it("creates the demo once: customers, a source with an imported CDR file, reported rings, cases, and a login per role", async () => {
    const { seedDemo } = await import("./seed.ts");
    const { prisma } = await import("@/lib/db/client.ts");
    const first = await seedDemo({ password: "demo-password-123" });
    expect(first.map((l) => [l.role, l.password])).toEqual([
      ["AGENT", "demo-password-123"],
      ["SUPERVISOR", "demo-password-123"],
      ["ADMIN", "demo-password-123"],
    ]);
    const imports = await prisma.cdrImport.findMany();
    expect(imports).toHaveLength(1);
    expect(imports[0]).toMatchObject({ status: "LOADED", rowsRejected: 0, fileName: "Master-demo.csv" });
    expect(imports[0]!.rowsInserted).toBeGreaterThan(100);
    expect(await prisma.cdr.count()).toBe(imports[0]!.rowsInserted);

    const reports = await prisma.ghostReport.findMany({ orderBy: { ringAt: "asc" }, include: { customer: true } });
    expect(reports.map((r) => [r.customer.account, r.number, r.callerId])).toEqual(
      expect.arrayContaining([["ACME-001", "101", "100"], ["CEDAR-003", "301", "friendly-scanner"]]),
    );
    // The one ring the PBX carried has a CDR to that DID a minute before it.
    const carried = reports.find((r) => r.ticket === "T-1001")!;
    const cdr = await prisma.cdr.findFirst({ where: { calleeNumber: "+13125550101", startedAt: new Date(carried.ringAt.getTime() - 60_000) } });
    expect(cdr).not.toBeNull();

    // The workflow at each stage, with its history.
    const cases = await prisma.case.findMany({ include: { customer: { select: { account: true } } }, orderBy: { customer: { account: "asc" } } });
    expect(cases.map((c) => [c.customer.account, c.status])).toEqual([
      ["ACME-001", "NEW"],
      ["BIRCH-002", "RESOLVED"],
      ["CEDAR-003", "VERIFYING"],
    ]);
    const [acme, birch, cedar] = cases;
    expect(acme!.openCustomerId).toBe(acme!.customerId);
    expect(birch).toMatchObject({ openCustomerId: null, closedAt: expect.any(Date) });
    expect(cedar!.verifyingSince!.getTime() - cedar!.remediationSentAt!.getTime()).toBe(24 * 3_600_000);
    expect(cedar!.assigneeId).not.toBeNull();
    const history = async (caseId: string) =>
      (await prisma.auditEvent.findMany({ where: { entityType: "case", entityId: caseId }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(await history(acme!.id)).toEqual(["case.opened"]);
    expect(await history(cedar!.id)).toEqual(["case.opened", "case.assign", "case.status", "case.remediation", "case.status", "case.status"]);
    expect(await history(birch!.id)).toEqual(["case.opened", "case.remediation", "case.status", "case.status", "case.status"]);
    expect(await prisma.remediation.count({ where: { sentAt: { not: null } } })).toBe(2);

    const again = await seedDemo();
    expect(again.every((l) => l.password === undefined)).toBe(true);
    expect(await prisma.cdrImport.count()).toBe(1);
    expect(await prisma.customer.count()).toBe(3);
    expect(await prisma.user.count()).toBe(3);
    expect(await prisma.ghostReport.count()).toBe(reports.length);
    expect(await prisma.case.count()).toBe(3);
  });
});
