import { beforeAll, describe, expect, it } from "vitest";
import { addCustomer, addFinding, addRing } from "@/lib/testing/fixtures.ts";
import { useTestDatabase } from "@/lib/testing/db.ts";

let data: typeof import("./data.ts");
const customer = (id: string, account: string) => ({ id, account, timeZone: "America/Chicago" });
let acme: string;
let birch: string;

beforeAll(async () => {
  await useTestDatabase();
  data = await import("./data.ts");
  acme = await addCustomer("ACME-001");
  birch = await addCustomer("BIRCH-002");
  await addFinding(acme, { level: "LIKELY_SCANNED", score: 75, lastNoRecordAt: new Date("2026-11-20T03:00:00Z"), sweepWith: ["BIRCH-002"] });
  await addRing(acme, { ringAt: new Date("2026-11-20T03:00:00Z"), verdict: "NO_PBX_RECORD" });
  await addRing(acme, { ringAt: new Date("2026-11-19T03:00:00Z"), verdict: "PBX_RECORD_FOUND" });
  await addRing(birch, { ringAt: new Date("2026-11-20T03:05:00Z"), verdict: "NO_PBX_RECORD" });
});

describe("the customer page's reads", () => {
  it("reads the stored finding with its sweep neighbours", async () => {
    expect(await data.getCustomerFinding(customer(acme, "ACME-001"))).toEqual({
      finding: { account: "ACME-001", level: "LIKELY_SCANNED", score: 75, evidence: [] },
      sweepWith: ["BIRCH-002"],
    });
  });

  it("gives a customer without a stored finding the finding for no rings, and no neighbours", async () => {
    const { finding, sweepWith } = await data.getCustomerFinding(customer(birch, "BIRCH-002"));
    expect(finding).toMatchObject({ account: "BIRCH-002", level: "NOT_INDICATED", score: 0, evidence: [expect.objectContaining({ rule: "noRings" })] });
    expect(sweepWith).toEqual([]);
  });

  it("lists only this customer's verdicts, oldest ring first", async () => {
    const verdicts = await data.getCustomerVerdicts(acme);
    expect(verdicts.map((v) => [v.account, v.ringTime, v.verdict])).toEqual([
      ["ACME-001", "2026-11-19T03:00:00.000Z", "PBX_RECORD_FOUND"],
      ["ACME-001", "2026-11-20T03:00:00.000Z", "NO_PBX_RECORD"],
    ]);
  });
});
