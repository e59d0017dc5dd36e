import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/db.ts";

beforeAll(async () => {
  await useTestDatabase();
});

describe("the app's database connections", () => {
  // A new report's sweep lookup took 440 ms instead of 50 with JIT on (client.ts).
  it("run without JIT compilation", async () => {
    const { prisma } = await import("./client.ts");
    const [row] = await prisma.$queryRaw<{ jit: string }[]>`select current_setting('jit') as jit`;
    expect(row!.jit).toBe("off");
  });
});
