// The inbox lists' order and limits beyond data.int.test.ts: reports filed in the same
// millisecond (an import of many), and each kind of case ringing again.
import { beforeAll, describe, expect, it } from "vitest";
import { DAY, HOUR, addCase, addCustomer, addRing } from "@/lib/testing/fixtures.ts";
import { useTestDatabase } from "@/lib/testing/db.ts";

let data: typeof import("./data.ts");
const now = new Date();
const ago = (ms: number) => new Date(now.getTime() - ms);
const me = "alex@test.ghostline";
const numbers: Record<string, number> = {};
let reports: { mine: string[]; team: string[] };

beforeAll(async () => {
  await useTestDatabase();
  data = await import("./data.ts");
  const ids: string[] = [];
  for (const [account, name] of [
    ["ACME-001", "Acme Dental"],
    ["BIRCH-002", "Birch Legal"],
    ["CEDAR-003", "Cedar Veterinary"],
    ["DUNE-004", "Dune Bakery"],
    ["ELM-005", "Elm Florist"],
  ] as const) {
    ids.push(await addCustomer(account, name));
  }
  const [acme, birch, cedar, dune, elm] = ids as [string, string, string, string, string];

  // 105 of the team's reports and 3 of mine filed in one millisecond, one of mine an hour later.
  const batch = ago(2 * HOUR);
  const team: string[] = [];
  for (let i = 0; i < 105; i++) team.push(await addRing(acme, { ringAt: ago(3 * HOUR), verdict: "PBX_RECORD_FOUND", enteredBy: "sam@test.ghostline", createdAt: batch }));
  const mine = [await addRing(birch, { ringAt: ago(2 * HOUR), verdict: "NO_PBX_RECORD", enteredBy: me, createdAt: ago(1 * HOUR) })];
  for (let i = 0; i < 3; i++) mine.push(await addRing(birch, { ringAt: ago(3 * HOUR), verdict: "NO_PBX_RECORD", enteredBy: me, createdAt: batch }));
  reports = { mine: [mine[0]!, ...mine.slice(1).toSorted()], team: team.toSorted().slice(0, 100) };

  // Ringing again (these rings were filed days ago, out of the lists above): Cedar reopened (INVESTIGATING) 2 days ago; Dune VERIFYING after an earlier
  // recurrence, with a ring since verifying that automation has not seen (one more recurrence);
  // Elm VERIFYING after an earlier recurrence, remediated again since, with no ring since (answered:
  // none); Acme VERIFYING whose only ring came before its remediation (none); Birch resolved after
  // recurring (closed: none).
  const cedarCase = await addCase(cedar, { status: "INVESTIGATING", recurrences: 1, lastRecurrenceAt: ago(2 * DAY) });
  const duneCase = await addCase(dune, { status: "VERIFYING", recurrences: 2, lastRecurrenceAt: ago(5 * DAY), verifyingSince: ago(3 * DAY) });
  await addRing(dune, { ringAt: ago(1 * DAY), verdict: "NO_PBX_RECORD", createdAt: ago(4 * DAY) });
  await addRing(dune, { ringAt: ago(4 * DAY), verdict: "NO_PBX_RECORD", createdAt: ago(4 * DAY) });
  await addCase(elm, { status: "VERIFYING", recurrences: 1, lastRecurrenceAt: ago(3 * DAY), remediationSentAt: ago(2.5 * DAY), verifyingSince: ago(2 * DAY) });
  await addRing(elm, { ringAt: ago(1 * HOUR), verdict: "PBX_RECORD_FOUND", createdAt: ago(4 * DAY) });
  await addCase(acme, { status: "VERIFYING", remediationSentAt: ago(1.5 * DAY), verifyingSince: ago(1 * DAY) });
  await addRing(acme, { ringAt: ago(2 * DAY), verdict: "NO_PBX_RECORD", createdAt: ago(4 * DAY) });
  await addCase(birch, { status: "RESOLVED", recurrences: 3, lastRecurrenceAt: ago(1 * HOUR) });
  Object.assign(numbers, { cedar: cedarCase.number, dune: duneCase.number });
});

describe("inbox lists", () => {
  it("lists reports filed in the same millisecond by id, up to 100, mine apart", async () => {
    const { mine, team } = await data.reportsFiledSince({ enteredBy: me }, ago(24 * HOUR));
    expect(mine.map((r) => r.id)).toEqual(reports.mine);
    expect(team.map((r) => r.id)).toEqual(reports.team);
  });

  it("lists every kind of open case ringing again, latest ring first", async () => {
    expect(await data.ringingAgain()).toEqual([
      { account: "DUNE-004", name: "Dune Bakery", caseNumber: numbers.dune, status: "VERIFYING", recurrences: 3, lastRingAt: ago(1 * DAY) },
      { account: "CEDAR-003", name: "Cedar Veterinary", caseNumber: numbers.cedar, status: "INVESTIGATING", recurrences: 1, lastRingAt: ago(2 * DAY) },
    ]);
  });
});
