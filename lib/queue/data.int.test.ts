import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/db.ts";
import { DAY, HOUR, addCase, addCustomer, addFinding, addRing, addUser } from "@/lib/testing/fixtures.ts";
import { SAVED_VIEWS, SWEEP_PREVIEW, parseQueueQuery } from "./schema.ts";

let listQueue: typeof import("./data.ts").listQueue;
let queueBatches: typeof import("./data.ts").queueBatches;
let forgetQueueCounts: typeof import("./data.ts").forgetQueueCounts;
const now = new Date("2026-11-26T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
let sam: { id: string };
let alex: { id: string };

const accounts = async (params: Record<string, string>, userId = sam.id) =>
  (await listQueue(parseQueueQuery(params), { userId }, now)).rows.map((r) => r.account);

beforeAll(async () => {
  await useTestDatabase();
  ({ listQueue, queueBatches, forgetQueueCounts } = await import("./data.ts"));
  sam = await addUser("Sam Supervisor", "SUPERVISOR");
  alex = await addUser("Alex Agent");

  // Likely scanned, rung twice in the last week and once 20 days ago; Alex's case, remediated
  // 3 days ago and rung again since.
  const acme = await addCustomer("ACME-001", "Acme Dental", ["yealink", "Yealink", "polycom"]);
  await addFinding(acme, { level: "LIKELY_SCANNED", score: 90, lastNoRecordAt: ago(1 * DAY), sweepWith: ["CEDAR-003"] });
  await addCase(acme, { status: "VERIFYING", assigneeId: alex.id, remediationSentAt: ago(3 * DAY) });
  await addRing(acme, { ringAt: ago(1 * DAY), verdict: "NO_PBX_RECORD" });
  await addRing(acme, { ringAt: ago(2 * DAY), verdict: "NO_PBX_RECORD" });
  await addRing(acme, { ringAt: ago(20 * DAY), verdict: "NO_PBX_RECORD" });
  await addRing(acme, { ringAt: ago(2 * DAY), verdict: "PBX_RECORD_FOUND" });

  // Possible, no case yet.
  const birch = await addCustomer("BIRCH-002", "Birch Legal", ["polycom"]);
  await addFinding(birch, { level: "POSSIBLE", score: 40, lastNoRecordAt: ago(40 * DAY) });

  // Likely scanned, Sam's open case with a recurrence; an older resolved case too.
  const cedar = await addCustomer("CEDAR-003", "Cedar Veterinary", ["grandstream"]);
  await addFinding(cedar, { level: "LIKELY_SCANNED", score: 75, lastNoRecordAt: ago(10 * DAY) });
  await addCase(cedar, { status: "RESOLVED", assigneeId: alex.id, openedAt: ago(60 * DAY), closedAt: ago(50 * DAY) });
  await addCase(cedar, { status: "INVESTIGATING", assigneeId: sam.id, recurrences: 1, openedAt: ago(12 * DAY) });

  // Not indicated any more, but its case is still open: it stays in the queue.
  const dune = await addCustomer("DUNE-004", "Dune Bakery");
  await addFinding(dune, { level: "NOT_INDICATED", score: 0 });
  await addCase(dune, { status: "NEW" });

  // Not in the queue: not indicated with only a closed case, and no finding at all.
  const elm = await addCustomer("ELM-005", "Elm Hardware");
  await addFinding(elm, { level: "NOT_INDICATED", score: 0 });
  await addCase(elm, { status: "FALSE_POSITIVE", closedAt: ago(5 * DAY) });
  await addCustomer("FIR-006", "Fir Pharmacy");

  // Likely scanned, unassigned new case.
  const gale = await addCustomer("GALE-007", "Gale & Sons, =Partners");
  await addFinding(gale, { level: "LIKELY_SCANNED", score: 60, lastNoRecordAt: ago(5 * HOUR) });
  await addCase(gale, { status: "NEW" });
});

describe("listQueue", () => {
  it("lists flagged customers and open cases, highest score first, with each column", async () => {
    const page = await listQueue(parseQueueQuery({}), { userId: sam.id }, now);
    expect(page.total).toBe(5);
    expect(page.rows.map((r) => r.account)).toEqual(["ACME-001", "CEDAR-003", "GALE-007", "BIRCH-002", "DUNE-004"]);
    expect(page.rows[0]).toMatchObject({
      name: "Acme Dental",
      level: "LIKELY_SCANNED",
      score: 90,
      rings7: 2,
      rings30: 3,
      lastRingAt: ago(1 * DAY),
      sweepWith: ["CEDAR-003"],
      status: "VERIFYING",
      assigneeName: "Alex Agent",
      vendors: ["polycom", "yealink"],
    });
    // The open case is shown, not the older resolved one.
    expect(page.rows[1]).toMatchObject({ status: "INVESTIGATING", recurrences: 1, assigneeName: "Sam Supervisor" });
    expect(page.rows[3]).toMatchObject({ status: null, caseNumber: null, assigneeName: null, rings7: 0 });
  });

  it("sorts by an allow-listed column both ways", async () => {
    expect(await accounts({ sort: "customer" })).toEqual(["ACME-001", "BIRCH-002", "CEDAR-003", "DUNE-004", "GALE-007"]);
    expect(await accounts({ sort: "customer", dir: "desc" })).toEqual(["GALE-007", "DUNE-004", "CEDAR-003", "BIRCH-002", "ACME-001"]);
    expect(await accounts({ sort: "lastRing" })).toEqual(["GALE-007", "ACME-001", "CEDAR-003", "BIRCH-002", "DUNE-004"]);
    expect(await accounts({ sort: "assignee" })).toEqual(["ACME-001", "CEDAR-003", "BIRCH-002", "DUNE-004", "GALE-007"]);
    expect(await accounts({ sort: "status" })).toEqual(["DUNE-004", "GALE-007", "CEDAR-003", "ACME-001", "BIRCH-002"]);
  });

  it("pages with the total of the whole view", async () => {
    const first = await listQueue(parseQueueQuery({ perPage: "25", sort: "customer" }), { userId: sam.id }, now);
    expect(first.rows).toHaveLength(5);
    const past = await listQueue(parseQueueQuery({ page: "2", perPage: "25" }), { userId: sam.id }, now);
    expect(past).toMatchObject({ rows: [], total: 5, page: 2, perPage: 25 });
  });

  it("filters by case status, including customers without a case", async () => {
    expect(await accounts({ status: "NEW", sort: "customer" })).toEqual(["DUNE-004", "GALE-007"]);
    expect(await accounts({ status: "NONE" })).toEqual(["BIRCH-002"]);
    expect(await accounts({ status: "NONE,VERIFYING" })).toEqual(["ACME-001", "BIRCH-002"]);
    // Cedar's latest case is open; its old resolved one doesn't count.
    expect(await accounts({ status: "RESOLVED" })).toEqual([]);
  });

  it("filters by level, assignee (me, a user, unassigned), period, vendor and text", async () => {
    expect(await accounts({ level: "POSSIBLE" })).toEqual(["BIRCH-002"]);
    expect(await accounts({ assignee: "me" })).toEqual(["CEDAR-003"]);
    expect(await accounts({ assignee: "me" }, alex.id)).toEqual(["ACME-001"]);
    expect(await accounts({ assignee: alex.id })).toEqual(["ACME-001"]);
    expect(await accounts({ assignee: "unassigned" })).toEqual(["GALE-007", "BIRCH-002", "DUNE-004"]);
    expect(await accounts({ period: "7" })).toEqual(["ACME-001", "GALE-007"]);
    expect(await accounts({ period: "30" })).toEqual(["ACME-001", "CEDAR-003", "GALE-007"]);
    expect(await accounts({ vendor: "YEALINK" })).toEqual(["ACME-001"]);
    expect(await accounts({ vendor: "polycom" })).toEqual(["ACME-001", "BIRCH-002"]);
    expect(await accounts({ q: "birch" })).toEqual(["BIRCH-002"]);
    expect(await accounts({ q: "cedar-0" })).toEqual(["CEDAR-003"]);
    // LIKE wildcards in the search are literal.
    expect(await accounts({ q: "%" })).toEqual([]);
    expect(await accounts({ q: "& Sons" })).toEqual(["GALE-007"]);
  });

  it("has the saved views: my cases, unassigned likely scanned, remediated but ringing again", async () => {
    const view = (id: string): Record<string, string> => SAVED_VIEWS.find((v) => v.id === id)!.params;
    expect(await accounts(view("mine"))).toEqual(["CEDAR-003"]);
    expect(await accounts(view("mine"), alex.id)).toEqual(["ACME-001"]);
    expect(await accounts(view("unassigned-likely"))).toEqual(["GALE-007"]);
    // Acme rang after its remediation was sent; Cedar's case has a recurrence.
    expect(await accounts(view("ringing-again"))).toEqual(["ACME-001", "CEDAR-003"]);
  });

  it("combines filters", async () => {
    expect(await accounts({ level: "LIKELY_SCANNED", period: "30", vendor: "grandstream" })).toEqual(["CEDAR-003"]);
  });

  it("shows the first members of a big sweep on a page, and every member in the export", async () => {
    const { prisma } = await import("@/lib/db/client.ts");
    const members = Array.from({ length: SWEEP_PREVIEW + 3 }, (_, i) => `SWEEP-${i}`);
    const acme = { customer: { account: "ACME-001" } };
    await prisma.customerFinding.updateMany({ where: acme, data: { sweepWith: members } });
    try {
      const page = await listQueue(parseQueueQuery({}), { userId: sam.id }, now);
      expect(page.rows.find((r) => r.account === "ACME-001")).toMatchObject({ sweepWith: members.slice(0, SWEEP_PREVIEW), sweepCount: members.length });
      const exported = [];
      for await (const b of queueBatches(parseQueueQuery({}), { userId: sam.id }, now)) exported.push(...b);
      expect(exported.find((r) => r.account === "ACME-001")).toMatchObject({ sweepWith: members, sweepCount: members.length });
    } finally {
      await prisma.customerFinding.updateMany({ where: acme, data: { sweepWith: ["CEDAR-003"] } });
    }
  });

  it("yields every row of the view in batches for the export", async () => {
    const batches = [];
    for await (const b of queueBatches(parseQueueQuery({ page: "9", perPage: "25" }), { userId: sam.id }, now, 2)) {
      batches.push(b.map((r) => r.account));
    }
    expect(batches).toEqual([["ACME-001", "CEDAR-003"], ["GALE-007", "BIRCH-002"], ["DUNE-004"]]);
  });

  // Last: it adds customers. Page 1 comes from the flagged findings alone, page 2 from both
  // branches; together they are the whole queue, each customer once, open-only cases last.
  it("pages through a queue longer than a page, the same order on every page", async () => {
    for (let i = 0; i < 30; i++) {
      const id = await addCustomer(`BULK-${String(i).padStart(2, "0")}`);
      await addFinding(id, { level: "POSSIBLE", score: 10 + (i % 3), lastNoRecordAt: ago(60 * DAY) });
    }
    // Totals are shared for 10 s; a test reading right after its writes drops them.
    forgetQueueCounts();
    const one = await listQueue(parseQueueQuery({ perPage: "25" }), { userId: sam.id }, now);
    const two = await listQueue(parseQueueQuery({ perPage: "25", page: "2" }), { userId: sam.id }, now);
    expect(one.total).toBe(35);
    expect(two.total).toBe(35);
    const order = [...one.rows, ...two.rows];
    expect(order).toHaveLength(35);
    expect(new Set(order.map((r) => r.account)).size).toBe(35);
    expect(order.slice(0, 4).map((r) => r.account)).toEqual(["ACME-001", "CEDAR-003", "GALE-007", "BIRCH-002"]);
    expect(order.at(-1)!.account).toBe("DUNE-004");
    const scores = order.slice(0, -1).map((r) => r.score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  // The assignee and "ringing again" filters also look for any case of the customer that passes
  // (to start from those cases); the customer's latest case must still be the one that decides.
  it("filters on the latest case, not on an older case that would pass", async () => {
    const hazel = await addCustomer("HAZEL-008", "Hazel Optics");
    await addFinding(hazel, { level: "LIKELY_SCANNED", score: 95, lastNoRecordAt: ago(2 * HOUR) });
    await addCase(hazel, { status: "RESOLVED", assigneeId: alex.id, recurrences: 2, remediationSentAt: ago(40 * DAY), openedAt: ago(45 * DAY), closedAt: ago(30 * DAY) });
    await addCase(hazel, { status: "NEW", assigneeId: sam.id, openedAt: ago(1 * DAY) });
    forgetQueueCounts();
    const view = (id: string): Record<string, string> => SAVED_VIEWS.find((v) => v.id === id)!.params;
    expect(await accounts(view("ringing-again"))).toEqual(["ACME-001", "CEDAR-003"]);
    expect(await accounts({ assignee: alex.id })).toEqual(["ACME-001"]);
    expect(await accounts({ assignee: "me" }, alex.id)).toEqual(["ACME-001"]);
    expect((await accounts({ assignee: "me" })).slice(0, 2)).toEqual(["HAZEL-008", "CEDAR-003"]);
    expect((await listQueue(parseQueueQuery({ assignee: alex.id }), { userId: sam.id }, now)).total).toBe(1);
  });


});
