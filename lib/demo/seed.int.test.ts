import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/db.ts";

beforeAll(async () => {
  await useTestDatabase();
});

describe("demo seed", () => {
  it("creates the demo once: customers, a source with an imported CDR file, and a login per role", async () => {
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

    const again = await seedDemo();
    expect(again.every((l) => l.password === undefined)).toBe(true);
    expect(await prisma.cdrImport.count()).toBe(1);
    expect(await prisma.customer.count()).toBe(3);
    expect(await prisma.user.count()).toBe(3);
  });
});
