import { beforeAll, describe, expect, it } from "vitest";
import { DAY, HOUR, addCase, addCustomer, addRing } from "@/lib/testing/fixtures.ts";
import { useTestDatabase } from "@/lib/testing/db.ts";

let data: typeof import("./data.ts");
const now = new Date();
const ago = (ms: number) => new Date(now.getTime() - ms);
const me = "alex@test.ghostline";
let cases: { birch: number; dune: number };

beforeAll(async () => {
  await useTestDatabase();
  data = await import("./data.ts");
  const acme = await addCustomer("ACME-001", "Acme Dental");
  const birch = await addCustomer("BIRCH-002", "Birch Legal");
  const cedar = await addCustomer("CEDAR-003", "Cedar Veterinary");

  // Filed today by me, by a teammate, and by me two days ago.
  await addRing(acme, { ringAt: ago(3 * HOUR), verdict: "NO_PBX_RECORD", enteredBy: me, ticket: "T-1", createdAt: ago(2 * HOUR) });
  await addRing(birch, { ringAt: ago(5 * HOUR), verdict: "PBX_RECORD_FOUND", enteredBy: "sam@test.ghostline", ticket: "T-2", createdAt: ago(1 * HOUR) });
  await addRing(birch, { ringAt: ago(3 * DAY), verdict: "PBX_RECORD_FOUND", enteredBy: me, ticket: "T-OLD", createdAt: ago(2 * DAY) });

  // Waiting for coverage: two rings on pbx-a (one also on pbx-b, which covers it), one for a
  // customer without any source.
  await addRing(cedar, {
    ringAt: new Date("2026-11-20T10:00:00Z"),
    windowMinutes: 5,
    verdict: "NO_COVERAGE",
    ticket: "T-3",
    createdAt: ago(3 * DAY),
    sources: [{ source: "pbx-a", covered: false, hasUnanswered: false }],
  });
  await addRing(cedar, {
    ringAt: new Date("2026-11-21T08:00:00Z"),
    windowMinutes: 10,
    verdict: "NO_COVERAGE",
    createdAt: ago(3 * DAY),
    sources: [
      { source: "pbx-a", covered: false, hasUnanswered: false },
      { source: "pbx-b", covered: true, hasUnanswered: true },
    ],
  });
  await addRing(acme, { ringAt: new Date("2026-11-19T00:00:00Z"), verdict: "NO_COVERAGE", createdAt: ago(3 * DAY), sources: [] });

  // Cases as the workflow leaves them: overrides sent (the manual step), then the real automation.
  // Birch's and Elm's cases go to VERIFYING and a ring without PBX record reopens them (Elm's was
  // later closed as a false positive); Dune's ring came in while verifying and automation has not
  // seen it yet; Acme rang before its overrides were sent, which is no recurrence.
  const dune = await addCustomer("DUNE-004", "Dune Bakery");
  const elm = await addCustomer("ELM-005", "Elm Florist");
  const birchCase = await addCase(birch, { status: "REMEDIATION_SENT", remediationSentAt: ago(3 * DAY) });
  const duneCase = await addCase(dune, { status: "REMEDIATION_SENT", remediationSentAt: ago(4 * DAY) });
  const elmCase = await addCase(elm, { status: "REMEDIATION_SENT", remediationSentAt: ago(5 * DAY) });
  await addCase(acme, { status: "REMEDIATION_SENT", remediationSentAt: ago(1 * HOUR) });
  const { advanceCases, syncCases } = await import("@/lib/cases/automation.ts");
  expect(await advanceCases({ now, env: {} })).toEqual({ verifying: [birchCase.number, duneCase.number, elmCase.number], resolved: [] });
  await addRing(birch, { ringAt: ago(1 * DAY), verdict: "NO_PBX_RECORD", createdAt: ago(3 * DAY) });
  await addRing(elm, { ringAt: ago(2 * DAY), verdict: "NO_PBX_RECORD", createdAt: ago(3 * DAY) });
  expect(await syncCases([acme, birch, elm], { now })).toEqual({ opened: 0, reopened: 2 });
  const { prisma } = await import("@/lib/db/client.ts");
  await prisma.case.update({ where: { id: elmCase.id }, data: { status: "FALSE_POSITIVE", openCustomerId: null, closedAt: now } });
  await addRing(dune, { ringAt: ago(6 * HOUR), verdict: "NO_PBX_RECORD", createdAt: ago(3 * DAY) });
  cases = { birch: birchCase.number, dune: duneCase.number };
});

describe("inbox", () => {
  it("lists today's reports, mine apart from the team's, with verdicts", async () => {
    const { mine, team } = await data.reportsFiledSince({ enteredBy: me }, ago(24 * HOUR));
    expect(mine.map((r) => [r.ticket, r.account, r.verdict])).toEqual([["T-1", "ACME-001", "NO_PBX_RECORD"]]);
    expect(team.map((r) => [r.ticket, r.account, r.verdict, r.enteredBy])).toEqual([["T-2", "BIRCH-002", "PBX_RECORD_FOUND", "sam@test.ghostline"]]);
  });

  it("says which source to import for which period for reports waiting for coverage", async () => {
    const { gaps, reports } = await data.waitingForCoverage();
    expect(gaps).toEqual([
      { source: "pbx-a", reports: 2, from: new Date("2026-11-20T09:55:00Z"), to: new Date("2026-11-21T08:10:00Z") },
      { source: null, reports: 1, from: new Date("2026-11-18T23:55:00Z"), to: new Date("2026-11-19T00:05:00Z") },
    ]);
    expect(reports.map((r) => [r.account, r.sources])).toEqual([
      ["CEDAR-003", ["pbx-a"]],
      ["CEDAR-003", ["pbx-a"]],
      ["ACME-001", []],
    ]);
  });

  it("lists open cases rung again after their remediation, latest ring first, with the ring not yet synced", async () => {
    const rows = await data.ringingAgain();
    expect(rows).toEqual([
      { account: "DUNE-004", name: "Dune Bakery", caseNumber: cases.dune, status: "VERIFYING", recurrences: 1, lastRingAt: ago(6 * HOUR) },
      { account: "BIRCH-002", name: "Birch Legal", caseNumber: cases.birch, status: "INVESTIGATING", recurrences: 1, lastRingAt: ago(1 * DAY) },
    ]);
  });

  it("finds a ticket's customer", async () => {
    expect(await data.customerOfTicket("T-2")).toBe("BIRCH-002");
    expect(await data.customerOfTicket("T-404")).toBeNull();
  });
});
