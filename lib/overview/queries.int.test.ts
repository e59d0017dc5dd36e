// Cases the overview's set-based queries must get right beyond data.int.test.ts's: day edges,
// sweeps with repeat rings and more members than shown, which cases the medians count, and the
// snapshot the page shares between requests.
import { beforeAll, describe, expect, it } from "vitest";
import { addCase, addCustomer, addFinding, addRing } from "@/lib/testing/fixtures.ts";
import { useTestDatabase } from "@/lib/testing/db.ts";

let data: typeof import("./data.ts");
const now = new Date("2026-11-26T12:00:00Z");
const at = (iso: string) => new Date(iso);
const accounts = Array.from({ length: 14 }, (_, i) => `C-${String(14 - i).padStart(2, "0")}`);

beforeAll(async () => {
  await useTestDatabase();
  data = await import("./data.ts");
  const ids = new Map<string, string>();
  for (const account of accounts) ids.set(account, await addCustomer(account));
  const id = (account: string) => ids.get(account)!;

  // A sweep on 2026-11-10 of 14 customers, one a minute from 01:00, created in reverse account
  // order, C-14 ringing twice more (01:14, 01:20): 16 rings, 14 customers.
  for (const [i, account] of accounts.entries()) {
    await addRing(id(account), { ringAt: new Date(at("2026-11-10T01:00:00Z").getTime() + i * 60_000), verdict: "NO_PBX_RECORD" });
  }
  await addRing(id("C-14"), { ringAt: at("2026-11-10T01:14:00Z"), verdict: "NO_PBX_RECORD" });
  await addRing(id("C-14"), { ringAt: at("2026-11-10T01:20:00Z"), verdict: "NO_PBX_RECORD" });
  // One customer ringing four times 5 minutes apart is no sweep; C-02 and C-03 on 2026-11-15 are.
  for (const minute of [0, 5, 10, 15]) {
    await addRing(id("C-05"), { ringAt: new Date(at("2026-11-12T08:00:00Z").getTime() + minute * 60_000), verdict: "NO_PBX_RECORD" });
  }
  await addRing(id("C-03"), { ringAt: at("2026-11-15T22:00:00Z"), verdict: "NO_PBX_RECORD" });
  await addRing(id("C-02"), { ringAt: at("2026-11-15T22:10:00Z"), verdict: "NO_PBX_RECORD" });
  // UTC day edges: the first and the last millisecond of 2026-11-21.
  await addRing(id("C-01"), { ringAt: at("2026-11-21T00:00:00.000Z"), verdict: "PBX_RECORD_FOUND" });
  await addRing(id("C-01"), { ringAt: at("2026-11-21T23:59:59.999Z"), verdict: "NO_COVERAGE" });
  await addRing(id("C-01"), { ringAt: at("2026-11-22T00:00:00.000Z"), verdict: "PBX_RECORD_FOUND" });

  // Medians: C-01 resolved without overrides sent (counts for resolution only), C-02 open
  // without overrides (counts for neither), C-03 sent after 1 day (remediation only).
  await addFinding(id("C-01"), { level: "LIKELY_SCANNED", score: 80, firstNoRecordAt: at("2026-11-01T00:00:00Z") });
  await addFinding(id("C-02"), { level: "LIKELY_SCANNED", score: 70, firstNoRecordAt: at("2026-11-02T00:00:00Z") });
  await addFinding(id("C-03"), { level: "POSSIBLE", score: 40, firstNoRecordAt: at("2026-11-03T00:00:00Z") });
  await addCase(id("C-01"), { status: "RESOLVED", closedAt: at("2026-11-04T00:00:00Z") });
  await addCase(id("C-02"), { status: "INVESTIGATING" });
  await addCase(id("C-03"), { status: "REMEDIATION_SENT", remediationSentAt: at("2026-11-04T00:00:00Z") });
});

describe("overview queries", () => {
  it("counts a ring in the UTC day it falls in, to the millisecond", async () => {
    const days = await data.ringsPerDay(now);
    expect(days.find((d) => d.day === "2026-11-20")).toEqual({ day: "2026-11-20", withRecord: 0, withoutRecord: 0, noCoverage: 0 });
    expect(days.find((d) => d.day === "2026-11-21")).toEqual({ day: "2026-11-21", withRecord: 1, withoutRecord: 0, noCoverage: 1 });
    expect(days.find((d) => d.day === "2026-11-22")).toEqual({ day: "2026-11-22", withRecord: 1, withoutRecord: 0, noCoverage: 0 });
    expect(days.find((d) => d.day === "2026-11-10")).toMatchObject({ withoutRecord: 16 });
  });

  it("lists sweeps newest first, each ring counted and each customer once, the first accounts in order", async () => {
    expect(await data.activeSweeps(now)).toEqual([
      { from: at("2026-11-15T22:00:00Z"), to: at("2026-11-15T22:10:00Z"), rings: 2, customers: 2, members: ["C-02", "C-03"] },
      {
        from: at("2026-11-10T01:00:00Z"),
        to: at("2026-11-10T01:20:00Z"),
        rings: 16,
        customers: 14,
        members: accounts.toSorted().slice(0, 12),
      },
    ]);
    expect(await data.activeSweeps(now, 1)).toHaveLength(1);
  });

  it("counts for each median only the cases that reached its step", async () => {
    expect(await data.medianTimes()).toEqual({
      toRemediation: { seconds: 86400, cases: 1 },
      toResolution: { seconds: 3 * 86400, cases: 1 },
    });
  });

  it("shares one snapshot of the page's numbers until it is forgotten", async () => {
    const first = await data.overview();
    expect(first.counts.customers).toBe(14);
    expect(first.byLevelStatus.statuses).toEqual({ RESOLVED: 1, INVESTIGATING: 1, REMEDIATION_SENT: 1 });
    await addCustomer("C-15");
    expect((await data.overview()).counts.customers).toBe(14);
    data.overview.forget();
    expect((await data.overview()).counts.customers).toBe(15);
  });
});
