import { beforeAll, describe, expect, it } from "vitest";
import { DAY, addCase, addCustomer, addFinding, addRing } from "@/lib/testing/fixtures.ts";
import { useTestDatabase } from "@/lib/testing/db.ts";

let data: typeof import("./data.ts");
const now = new Date("2026-11-26T12:00:00Z");
const at = (iso: string) => new Date(iso);
const MIN = 60_000;

beforeAll(async () => {
  await useTestDatabase();
  data = await import("./data.ts");
  const acme = await addCustomer("ACME-001");
  const birch = await addCustomer("BIRCH-002");
  const cedar = await addCustomer("CEDAR-003");
  const dune = await addCustomer("DUNE-004");

  await addFinding(acme, { level: "LIKELY_SCANNED", score: 80, firstNoRecordAt: at("2026-11-20T03:00:00Z"), lastNoRecordAt: at("2026-11-25T03:00:00Z") });
  await addFinding(birch, { level: "LIKELY_SCANNED", score: 70, firstNoRecordAt: at("2026-11-10T00:00:00Z") });
  await addFinding(cedar, { level: "POSSIBLE", score: 40, firstNoRecordAt: at("2026-11-24T00:00:00Z") });
  await addFinding(dune, { level: "NOT_INDICATED", score: 0 });

  // Remediation sent 2 days (acme), 4 days (birch, resolved at 10 days) and 6 days (cedar) after
  // the customer's first ring without PBX record.
  await addCase(acme, { status: "VERIFYING", remediationSentAt: at("2026-11-22T03:00:00Z"), recurrences: 2, lastRecurrenceAt: at("2026-11-25T03:00:00Z") });
  // Reopened once, long ago.
  await addCase(dune, { status: "FALSE_POSITIVE", recurrences: 1, lastRecurrenceAt: at("2026-09-01T00:00:00Z") });
  await addCase(birch, { status: "RESOLVED", remediationSentAt: at("2026-11-14T00:00:00Z"), closedAt: at("2026-11-20T00:00:00Z") });
  await addCase(cedar, { status: "NEW", remediationSentAt: at("2026-11-30T00:00:00Z") });

  // A sweep on 2026-11-25: acme 03:00, birch 03:08, cedar 03:17 (chained, each gap < 10 min);
  // acme again 03:40 is alone. Another ring of only acme's on 2026-11-20.
  await addRing(acme, { ringAt: at("2026-11-25T03:00:00Z"), verdict: "NO_PBX_RECORD" });
  await addRing(birch, { ringAt: at("2026-11-25T03:08:00Z"), verdict: "NO_PBX_RECORD" });
  await addRing(cedar, { ringAt: at("2026-11-25T03:17:00Z"), verdict: "NO_PBX_RECORD" });
  await addRing(acme, { ringAt: at("2026-11-25T03:40:00Z"), verdict: "NO_PBX_RECORD" });
  await addRing(acme, { ringAt: at("2026-11-20T03:00:00Z"), verdict: "NO_PBX_RECORD" });
  await addRing(acme, { ringAt: at("2026-11-20T03:05:00Z"), verdict: "NO_PBX_RECORD" });
  await addRing(dune, { ringAt: at("2026-11-25T10:00:00Z"), verdict: "PBX_RECORD_FOUND" });
  await addRing(dune, { ringAt: at("2026-11-26T11:00:00Z"), verdict: "NO_COVERAGE" });
  // Out of the 30 days.
  await addRing(birch, { ringAt: new Date(now.getTime() - 31 * DAY), verdict: "NO_PBX_RECORD" });
  await addRing(cedar, { ringAt: new Date(now.getTime() - 31 * DAY + 5 * MIN), verdict: "NO_PBX_RECORD" });
});

describe("overview", () => {
  it("counts customers by level and cases by status", async () => {
    expect(await data.countsByLevelAndStatus()).toEqual({
      levels: { LIKELY_SCANNED: 2, POSSIBLE: 1, NOT_INDICATED: 1 },
      statuses: { VERIFYING: 1, RESOLVED: 1, NEW: 1, FALSE_POSITIVE: 1 },
    });
  });

  it("counts rings per UTC day for 30 days, with and without PBX record", async () => {
    const days = await data.ringsPerDay(now);
    expect(days).toHaveLength(30);
    expect(days[0]!.day).toBe("2026-10-28");
    expect(days.at(-1)).toEqual({ day: "2026-11-26", withRecord: 0, withoutRecord: 0, noCoverage: 1 });
    expect(days.find((d) => d.day === "2026-11-25")).toEqual({ day: "2026-11-25", withRecord: 1, withoutRecord: 4, noCoverage: 0 });
    expect(days.find((d) => d.day === "2026-11-20")).toMatchObject({ withoutRecord: 2 });
    expect(days.reduce((n, d) => n + d.withoutRecord, 0)).toBe(6);
  });

  it("finds sweeps: chained rings without PBX record at two or more customers", async () => {
    expect(await data.activeSweeps(now)).toEqual([
      { from: at("2026-11-25T03:00:00Z"), to: at("2026-11-25T03:17:00Z"), rings: 3, customers: 3, members: ["ACME-001", "BIRCH-002", "CEDAR-003"] },
    ]);
  });

  it("counts recurrences", async () => {
    expect(await data.recurrences(now)).toEqual({ cases: 2, total: 3, recent: 1 });
  });

  it("gives the median time from the first ring to remediation and to resolution", async () => {
    const { toRemediation, toResolution } = await data.medianTimes();
    expect(toRemediation).toEqual({ seconds: 4 * 86400, cases: 3 });
    expect(toResolution).toEqual({ seconds: 10 * 86400, cases: 1 });
  });
});
