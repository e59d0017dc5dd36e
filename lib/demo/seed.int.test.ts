import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/db.ts";

beforeAll(async () => {
  await useTestDatabase();
});

describe("demo seed", () => {
  it("creates the demo once: customers, a source with an imported CDR file, reported rings, and a login per role", async () => {
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

    const again = await seedDemo();
    expect(again.every((l) => l.password === undefined)).toBe(true);
    expect(await prisma.cdrImport.count()).toBe(1);
    expect(await prisma.customer.count()).toBe(3);
    expect(await prisma.user.count()).toBe(3);
    expect(await prisma.ghostReport.count()).toBe(reports.length);
  });
});
