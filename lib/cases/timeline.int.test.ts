import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/db.ts";
import { unpackTimeline } from "./timeline.ts";

let prisma: typeof import("@/lib/db/client.ts").prisma;
let data: typeof import("./data.ts");

// 2026-11-20 00:00 in Chicago (UTC−6): the timeline's hours are the customer's hours.
const now = new Date("2026-11-20T06:00:00Z");
const hour = (h: number) => new Date(now.getTime() + h * 3_600_000);
let customer: { id: string; timeZone: string };

beforeAll(async () => {
  await useTestDatabase();
  ({ prisma } = await import("@/lib/db/client.ts"));
  data = await import("./data.ts");
  const pbx = await prisma.cdrSource.create({ data: { name: "pbx", format: "asterisk", timeZone: "America/Chicago" } });
  const otherPbx = await prisma.cdrSource.create({ data: { name: "other-pbx", format: "asterisk", timeZone: "America/Chicago" } });
  const acme = await prisma.customer.create({ data: { account: "ACME-001", name: "Acme", timeZone: "America/Chicago" } });
  const birch = await prisma.customer.create({ data: { account: "BIRCH-002", name: "Birch", timeZone: "America/Chicago" } });
  customer = { id: acme.id, timeZone: acme.timeZone };
  await prisma.customerSource.create({ data: { customerId: acme.id, sourceId: pbx.id } });
  await prisma.customerNumber.createMany({
    data: [
      { customerId: acme.id, kind: "DID", number: "+13125550101", raw: "+13125550101", sourceId: null },
      { customerId: acme.id, kind: "EXTENSION", number: "101", raw: "101", sourceId: pbx.id },
    ],
  });
  const imports = await Promise.all(
    [pbx, otherPbx].map((s) =>
      prisma.cdrImport.create({ data: { sourceId: s.id, status: "LOADED", fileName: "Master.csv", fileSize: 1n, importedBy: "test" } }),
    ),
  );
  let line = 0;
  const cdr = (sourceId: string, importId: string, startedAt: Date, callee: string | null, endpoint: string | null) => ({
    sourceId,
    importId,
    line: ++line,
    startedAt,
    callerRaw: "3125550199",
    calleeRaw: callee ?? "",
    calleeNumber: callee,
    endpoint,
    disposition: "ANSWERED" as const,
    dispositionRaw: "ANSWERED",
    naturalKey: `k${line}`,
  });
  await prisma.cdr.createMany({
    data: [
      // Hour 1: a DID call that reached extension 101 (counts once), and a call to the extension.
      cdr(pbx.id, imports[0]!.id, new Date(hour(1).getTime() + 60_000), "+13125550101", "101"),
      cdr(pbx.id, imports[0]!.id, new Date(hour(1).getTime() + 120_000), "101", null),
      // Hour 2: another customer's extension on the same PBX: not Acme's.
      cdr(pbx.id, imports[0]!.id, hour(2), "201", "201"),
      // Hour 3: extension 101 on another PBX: a different phone.
      cdr(otherPbx.id, imports[1]!.id, hour(3), "101", "101"),
      // Before the range.
      cdr(pbx.id, imports[0]!.id, hour(-24 * 8), "101", "101"),
    ],
  });
  const report = async (customerId: string, ringAt: Date, verdict: "NO_PBX_RECORD" | "PBX_RECORD_FOUND" | null) => {
    const r = await prisma.ghostReport.create({ data: { customerId, number: "101", numberRaw: "101", ringAt, enteredBy: "test" } });
    if (verdict) await prisma.reportVerdict.create({ data: { reportId: r.id, customerId, ringAt, verdict, sources: [] } });
  };
  await report(acme.id, new Date(hour(1).getTime() + 90_000), "PBX_RECORD_FOUND");
  // Hour 4: a ring without record, with Birch ringing 5 minutes later: a sweep.
  await report(acme.id, hour(4), "NO_PBX_RECORD");
  await report(birch.id, new Date(hour(4).getTime() + 5 * 60_000), "NO_PBX_RECORD");
  // Hour 5: one alone, and one not evaluated yet.
  await report(acme.id, hour(5), "NO_PBX_RECORD");
  await report(acme.id, new Date(hour(5).getTime() + 60_000), null);
});

describe("the customer's timeline", () => {
  it("counts PBX calls to the customer's numbers per hour against their rings, marking sweep rings", async () => {
    const packed = await data.getTimeline(customer, 7, hour(6));
    // Only the hours with a call or a ring are read; unpacked, every hour of the 7 days is there
    // (an empty hour is a fact, too), in order.
    expect(packed.busy.map((h) => (h.t - hour(0).getTime()) / 3_600_000)).toEqual([1, 4, 5]);
    const timeline = unpackTimeline(packed);
    expect(timeline.length).toBe(7 * 24 + 1);
    expect(timeline[0]!.t).toBe(hour(6 - 7 * 24).getTime());
    expect(timeline.every((h, i) => i === 0 || h.t - timeline[i - 1]!.t === 3_600_000)).toBe(true);
    const at = (h: number) => timeline.find((x) => x.t === hour(h).getTime());
    expect(at(1)).toEqual({ t: hour(1).getTime(), calls: 2, noRecord: 0, found: 1, noCoverage: 0, pending: 0, sweep: null });
    expect(at(2)?.calls).toBe(0);
    expect(at(3)?.calls).toBe(0);
    expect(at(4)).toMatchObject({ calls: 0, noRecord: 1, sweep: 1 });
    expect(at(5)).toMatchObject({ noRecord: 1, pending: 1, sweep: null });
    expect(timeline.reduce((n, h) => n + h.calls, 0)).toBe(2);
  });

  it("gives the range's hours for a customer with no call and no ring", async () => {
    const quiet = await prisma.customer.create({ data: { account: "QUIET-003", name: "Quiet", timeZone: "America/Chicago" } });
    const packed = await data.getTimeline({ id: quiet.id, timeZone: quiet.timeZone }, 7, hour(6));
    expect(packed).toEqual({ start: hour(6 - 7 * 24).getTime(), count: 7 * 24 + 1, busy: [] });
  });

});
