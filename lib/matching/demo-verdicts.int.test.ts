import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/db.ts";

beforeAll(async () => {
  await useTestDatabase();
});

describe("verdicts on the demo seed", () => {
  it("finds the carried ring, no record for the night scanner rings, and says who is likely scanned", async () => {
    const { seedDemo } = await import("@/lib/demo/seed.ts");
    const { getVerdicts } = await import("./data.ts");
    await seedDemo({ password: "demo-password-123" });
    const { verdicts, findings } = await getVerdicts();
    expect(verdicts.map((x) => [x.ticket, x.account, x.number, x.verdict]).sort()).toEqual([
      ["T-1001", "ACME-001", "+13125550101", "PBX_RECORD_FOUND"],
      ["T-1002", "ACME-001", "101", "NO_PBX_RECORD"],
      ["T-1002", "ACME-001", "101", "NO_PBX_RECORD"],
      ["T-1003", "CEDAR-003", "301", "NO_PBX_RECORD"],
    ]);
    const carried = verdicts.find((x) => x.ticket === "T-1001")!;
    expect(carried.matchedCdr).toMatchObject({ source: "pbx-chicago", scannerReachedPbx: false });
    expect(verdicts.every((x) => x.caveats === undefined)).toBe(true);
    expect(findings.map((f) => [f.account, f.level])).toEqual([
      ["ACME-001", "LIKELY_SCANNED"],
      ["BIRCH-002", "NOT_INDICATED"],
      ["CEDAR-003", "LIKELY_SCANNED"],
    ]);
    expect(findings[0]!.evidence.map((e) => e.rule)).toEqual(["noPbxRecord", "scannerCallerId", "night"]);
  });
});
