import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/db.ts";

type Data = typeof import("./data.ts");
type Evaluate = typeof import("./evaluate.ts");
type Db = typeof import("@/lib/db/client.ts");

let v: Data;
let engine: Evaluate;
let prisma: Db["prisma"];
let createReports: typeof import("./reports.ts").createReports;

// 2026-07-01 15:00 UTC = 10:00 in Chicago (CDT).
const T = Date.UTC(2026, 6, 1, 15, 0, 0);
const at = (ms: number) => new Date(T + ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

type CdrFixture = {
  at: Date;
  callee?: string | null;
  calleeRaw?: string;
  endpoint?: string | null;
  caller?: string | null;
  callerRaw?: string;
  disposition?: "ANSWERED" | "NO_ANSWER" | "BUSY" | "FAILED" | "OTHER";
  context?: string;
  duration?: number;
  bill?: number;
};

async function source(name: string) {
  return prisma.cdrSource.create({ data: { name, format: "asterisk", timeZone: "America/Chicago", defaultCountry: "US" } });
}

async function loaded(sourceId: string, from: Date, to: Date, cdrs: CdrFixture[]) {
  // unansweredRows as the loader counts it: accepted rows not ANSWERED.
  const unansweredRows = cdrs.filter((c) => (c.disposition ?? "ANSWERED") !== "ANSWERED").length;
  const imp = await prisma.cdrImport.create({
    data: { sourceId, status: "LOADED", fileName: `${randomUUID()}.csv`, fileSize: 1n, importedBy: "test", coverageFrom: from, coverageTo: to, rowsInserted: cdrs.length, unansweredRows },
  });
  await prisma.cdr.createMany({
    data: cdrs.map((c, i) => ({
      sourceId,
      importId: imp.id,
      line: i + 1,
      startedAt: c.at,
      callerNumber: c.caller === undefined ? "+17735550142" : c.caller,
      callerRaw: c.callerRaw ?? `"Caller" <${c.caller ?? "+17735550142"}>`,
      calleeNumber: c.callee === undefined ? null : c.callee,
      calleeRaw: c.calleeRaw ?? c.callee ?? "s",
      endpoint: c.endpoint ?? null,
      disposition: c.disposition ?? "ANSWERED",
      dispositionRaw: c.disposition ?? "ANSWERED",
      context: c.context ?? "from-pstn",
      durationSec: c.duration ?? 65,
      billSec: c.bill ?? (c.disposition === undefined || c.disposition === "ANSWERED" ? 60 : 0),
      naturalKey: randomUUID(),
    })),
  });
  return imp.id;
}

async function customer(account: string, sourceIds: string[], numbers: { number: string; sourceId?: string }[]) {
  const c = await prisma.customer.create({ data: { account, name: account, timeZone: "America/Chicago" } });
  for (const sourceId of sourceIds) await prisma.customerSource.create({ data: { customerId: c.id, sourceId } });
  for (const n of numbers) {
    await prisma.customerNumber.create({
      data: { customerId: c.id, kind: n.sourceId ? "EXTENSION" : "DID", number: n.number, raw: n.number, sourceId: n.sourceId ?? null },
    });
  }
  return c;
}

async function report(customerId: string, ticket: string, number: string, ringAt: Date, callerId: string | null = "+17735550142", window = 5) {
  // Through the write path, which normalises the number as the CDR loader does.
  const { account } = await prisma.customer.findUniqueOrThrow({ where: { id: customerId } });
  const { problems } = await createReports(
    [{ account, number, ring_time: ringAt.toISOString(), window_minutes: window, caller_id: callerId ?? undefined, ticket, notes: undefined }],
    "test",
  );
  expect(problems).toEqual([]);
}

beforeAll(async () => {
  await useTestDatabase();
  v = await import("./data.ts");
  engine = await import("./evaluate.ts");
  ({ prisma } = await import("@/lib/db/client.ts"));
  ({ createReports } = await import("./reports.ts"));

  // Two customers on one PBX; its CDRs cover [T−1d, T+1d] and [T+3d, T+4d] (a gap between).
  const one = await source("pbx-one");
  await loaded(one.id, at(-DAY), at(DAY), [
    { at: at(0), callee: "+13125550101" },
    // Asterisk: dst `s`, the ringing phone only in dstchannel.
    { at: at(2 * HOUR), callee: null, calleeRaw: "s", endpoint: "101", disposition: "NO_ANSWER", duration: 20 },
    // Scanner traffic that reached the PBX.
    { at: at(3 * HOUR), callee: "+13125550202", caller: "100", callerRaw: '"" <100>', context: "public", disposition: "FAILED", duration: 0, bill: 0 },
  ]);
  await loaded(one.id, at(3 * DAY), at(4 * DAY), [{ at: at(3 * DAY), callee: "+13125550101" }]);
  const acme = await customer("ACME", [one.id], [{ number: "+13125550101" }, { number: "101", sourceId: one.id }]);
  const birch = await customer("BIRCH", [one.id], [{ number: "+13125550202" }, { number: "201", sourceId: one.id }]);

  // Numbers written differently, window edges (±5 min inclusive).
  await report(acme.id, "A-plain", "3125550101", at(5 * MIN));
  await report(acme.id, "A-one", "13125550101", at(-5 * MIN));
  await report(acme.id, "A-e164", "+13125550101", at(5 * MIN + 1000));
  await report(acme.id, "A-ext", "101", at(2 * HOUR + 3 * MIN));
  await report(acme.id, "A-gap", "+13125550101", at(2 * DAY));
  await report(acme.id, "A-later", "+13125550101", at(3 * DAY + 2 * HOUR));
  // BIRCH shares the PBX: ACME's calls are not theirs.
  await report(birch.id, "B-notours", "+13125550202", at(0));
  await report(birch.id, "B-notext", "201", at(2 * HOUR));
  await report(birch.id, "B-scanner", "+13125550202", at(3 * HOUR + MIN), "100");
  // A sweep: rings without a record at both customers four minutes apart.
  await report(acme.id, "SWEEP-A", "+13125550101", at(10 * HOUR));
  await report(birch.id, "SWEEP-B", "+13125550202", at(10 * HOUR + 4 * MIN), "1000");

  // A customer without a source.
  const cedar = await customer("CEDAR", [], [{ number: "+12125550303" }]);
  await report(cedar.id, "C-nosource", "+12125550303", at(0));

  // A PBX that writes no unanswered calls (Asterisk `unanswered=no`).
  const two = await source("pbx-two");
  await loaded(two.id, at(-DAY), at(DAY), [{ at: at(0), callee: "+16305550175" }, { at: at(HOUR), callee: "+16305550175" }]);
  const delta = await customer("DELTA", [two.id], [{ number: "+16305550176" }]);
  await report(delta.id, "D-weak", "+16305550176", at(30 * MIN));
});

async function byTicket(customerAccount?: string) {
  const result = await v.getVerdicts(customerAccount === undefined ? {} : { customerAccount });
  return { ...result, t: new Map(result.verdicts.map((x) => [x.ticket, x])) };
}

describe("stored verdicts, decided when each report was filed", () => {
  it("finds the PBX record for numbers written differently, on both window edges", async () => {
    const { t } = await byTicket();
    for (const ticket of ["A-plain", "A-one"]) {
      expect(t.get(ticket)).toMatchObject({
        account: "ACME",
        number: "+13125550101",
        verdict: "PBX_RECORD_FOUND",
        matchedCdr: { source: "pbx-one", startedAt: at(0).toISOString(), caller: "+17735550142", disposition: "ANSWERED", durationSec: 65, scannerReachedPbx: false },
      });
    }
    expect(t.get("A-plain")!.matchedCdr!.offsetSeconds).toBe(-300);
    expect(t.get("A-plain")!.caveats).toBeUndefined();
    expect(t.get("A-e164")).toMatchObject({ number: "+13125550101", verdict: "NO_PBX_RECORD", ringTime: at(5 * MIN + 1000).toISOString() });
    expect(t.get("A-e164")!.matchedCdr).toBeUndefined();
    expect(t.get("A-e164")!.caveats).toBeUndefined();
  });

  it("reads the same matched CDRs for one customer's page and one report as for all (window edges included)", async () => {
    // The customer and report reads bound the matched CDRs by the reports' windows (data.ts
    // VERDICT_ROWS `within`); a CDR on a window's edge must still come back.
    const all = (await byTicket()).verdicts;
    for (const account of ["ACME", "BIRCH"]) {
      const { id } = await prisma.customer.findUniqueOrThrow({ where: { account } });
      const theirs = all.filter((x) => x.account === account);
      expect(theirs.some((x) => x.matchedCdr !== undefined)).toBe(true);
      expect(await v.getCustomerVerdicts(id)).toEqual(theirs);
    }
    for (const ticket of ["A-plain", "A-one"]) {
      const { id } = await prisma.ghostReport.findFirstOrThrow({ where: { ticket } });
      expect(await v.verdictForReport(id)).toEqual(all.find((x) => x.ticket === ticket));
    }
  });

  it("reaches an extension through Asterisk's endpoint when the callee is `s`", async () => {
    const { t } = await byTicket();
    expect(t.get("A-ext")).toMatchObject({
      verdict: "PBX_RECORD_FOUND",
      matchedCdr: { callee: "s", endpoint: "101", disposition: "NO_ANSWER", durationSec: 20, offsetSeconds: -180 },
    });
  });

  it("keeps two customers on one PBX apart", async () => {
    const { t } = await byTicket();
    expect(t.get("B-notours")!.verdict).toBe("NO_PBX_RECORD");
    expect(t.get("B-notext")!.verdict).toBe("NO_PBX_RECORD");
  });

  it("flags a matched CDR that looks like scanner traffic", async () => {
    const { t } = await byTicket();
    expect(t.get("B-scanner")).toMatchObject({
      verdict: "PBX_RECORD_FOUND",
      matchedCdr: { caller: "100", disposition: "FAILED", scannerReachedPbx: true },
    });
    expect(t.get("B-scanner")!.matchedCdr!.scannerSigns).toContain('arrived in the unauthenticated context "public"');
  });

  it("says which source and period to import in a coverage gap, and uses the next import after it", async () => {
    const { t } = await byTicket();
    expect(t.get("A-gap")).toMatchObject({
      verdict: "NO_COVERAGE",
      importNeeded: [{ source: "pbx-one", from: at(2 * DAY - 5 * MIN).toISOString(), to: at(2 * DAY + 5 * MIN).toISOString() }],
    });
    expect(t.get("A-gap")!.caveats![0]).toContain("import pbx-one's CDRs for");
    expect(t.get("A-later")!.verdict).toBe("NO_PBX_RECORD");
  });

  it("says a customer without a source needs one", async () => {
    const { t } = await byTicket();
    expect(t.get("C-nosource")).toMatchObject({ verdict: "NO_COVERAGE", importNeeded: [{ source: null }] });
    expect(t.get("C-nosource")!.caveats![0]).toContain("CEDAR has no CDR source");
  });

  it("weakens NO_PBX_RECORD on a source without unanswered calls", async () => {
    const { t } = await byTicket();
    expect(t.get("D-weak")!.verdict).toBe("NO_PBX_RECORD");
    expect(t.get("D-weak")!.caveats).toEqual([expect.stringContaining("pbx-two's CDRs contain no unanswered calls")]);
    expect(t.get("A-later")!.caveats).toBeUndefined();
  });

  it("gives a finding per customer, with a sweep across customers", async () => {
    const { findings } = await byTicket();
    expect(findings.map((f) => f.account)).toEqual(["ACME", "BIRCH", "CEDAR", "DELTA"]);
    const f = new Map(findings.map((x) => [x.account, x]));
    expect(f.get("ACME")!.evidence.map((e) => e.rule)).toContain("sweep");
    expect(f.get("BIRCH")!.evidence.map((e) => e.rule)).toEqual(expect.arrayContaining(["sweep", "scannerCallerId", "scannerReachedPbx"]));
    expect(f.get("BIRCH")!.level).toBe("LIKELY_SCANNED");
    expect(f.get("CEDAR")).toMatchObject({ level: "NOT_INDICATED", score: 0 });
    expect(f.get("DELTA")).toMatchObject({ level: "POSSIBLE", score: 40 });
  });

  it("for one customer returns only their verdicts, still seeing a sweep with others", async () => {
    const { verdicts, findings } = await byTicket("BIRCH");
    expect(verdicts.map((x) => x.ticket).sort()).toEqual(["B-notext", "B-notours", "B-scanner", "SWEEP-B"]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.evidence.find((e) => e.rule === "sweep")!.text).toContain("(ACME)");
    expect(await v.getVerdicts({ customerAccount: "NOPE" })).toEqual({ verdicts: [], findings: [] });
  });
});

type StoredVerdict = { ticket: string | null; verdict: string; evaluatedAt: Date };

async function stored(tickets: string[]): Promise<Map<string | null, StoredVerdict>> {
  const rows = await prisma.reportVerdict.findMany({ where: { report: { ticket: { in: tickets } } }, include: { report: { select: { ticket: true } } } });
  return new Map(rows.map((r) => [r.report.ticket, { ticket: r.report.ticket, verdict: r.verdict, evaluatedAt: r.evaluatedAt }]));
}

describe("re-evaluation after a CDR import", () => {
  it("turns NO_COVERAGE into a verdict for the import's source and period only", async () => {
    const three = await source("pbx-three");
    const echo = await customer("ECHO", [three.id], [{ number: "+18155550404" }]);
    const day = 10 * DAY;
    // An earlier export, elsewhere in time: the source is known to log unanswered calls.
    await loaded(three.id, at(day + 5 * DAY), at(day + 6 * DAY), [{ at: at(day + 5 * DAY), callee: "+18155550999", disposition: "NO_ANSWER" }]);
    await report(echo.id, "E-carried", "+18155550404", at(day));
    // The window reaches into the import's period although the ring itself is just before it.
    await report(echo.id, "E-edge", "+18155550404", at(day - HOUR - 4 * MIN));
    await report(echo.id, "E-missed", "+18155550404", at(day + 30 * MIN), "friendly-scanner");
    await report(echo.id, "E-later", "+18155550404", at(day + 2 * DAY));
    const before = await stored(["E-carried", "E-edge", "E-missed", "E-later", "A-plain", "D-weak"]);
    expect([...before.values()].filter((x) => x.ticket!.startsWith("E-")).map((x) => x.verdict)).toEqual(Array(4).fill("NO_COVERAGE"));

    const importId = await loaded(three.id, at(day - HOUR), at(day + HOUR), [
      { at: at(day + 40 * 1000), callee: "+18155550404" },
      { at: at(day - HOUR), callee: "+18155550404", disposition: "NO_ANSWER" },
    ]);
    const result = await engine.reevaluateForImport(importId);
    expect(result).toMatchObject({ evaluated: 3, changed: 3, byVerdict: { PBX_RECORD_FOUND: 2, NO_PBX_RECORD: 1, NO_COVERAGE: 0 } });

    const after = await stored(["E-carried", "E-edge", "E-missed", "E-later", "A-plain", "D-weak"]);
    expect(after.get("E-carried")!.verdict).toBe("PBX_RECORD_FOUND");
    expect(after.get("E-edge")!.verdict).toBe("PBX_RECORD_FOUND");
    expect(after.get("E-missed")!.verdict).toBe("NO_PBX_RECORD");
    // Outside the period, or on another source: not touched.
    for (const ticket of ["E-later", "A-plain", "D-weak"]) expect(after.get(ticket)).toEqual(before.get(ticket));

    const { t, findings } = await byTicket("ECHO");
    expect(t.get("E-carried")!.matchedCdr).toMatchObject({ source: "pbx-three", offsetSeconds: 40 });
    expect(t.get("E-edge")!.verdict).toBe("PBX_RECORD_FOUND");
    expect(findings[0]).toMatchObject({ account: "ECHO", level: "LIKELY_SCANNED", score: 65 });
    // The finding opened a case at once.
    const open = await prisma.case.findUniqueOrThrow({ where: { openCustomerId: echo.id } });
    expect(open.status).toBe("NEW");
  });

  it("ignores an import that is not LOADED", async () => {
    const imp = await prisma.cdrImport.findFirstOrThrow({ where: { source: { name: "pbx-one" } } });
    await prisma.cdrImport.update({ where: { id: imp.id }, data: { status: "FAILED" } });
    expect(await engine.reevaluateForImport(imp.id)).toBeNull();
    await prisma.cdrImport.update({ where: { id: imp.id }, data: { status: "LOADED" } });
  });

  it("stores findings with their sweep, recomputed for the neighbours of a changed ring", async () => {
    const rows = await prisma.customerFinding.findMany({ include: { customer: { select: { account: true } } } });
    const f = new Map(rows.map((r) => [r.customer.account, r]));
    expect(f.get("ACME")).toMatchObject({ sweepWith: ["BIRCH"], noRecordRings: 3 });
    expect(f.get("ACME")!.firstNoRecordAt).toEqual(at(5 * MIN + 1000));
    expect(f.get("ACME")!.lastNoRecordAt).toEqual(at(3 * DAY + 2 * HOUR));
    expect(f.get("BIRCH")).toMatchObject({ level: "LIKELY_SCANNED", sweepWith: ["ACME"] });
    expect(f.get("DELTA")).toMatchObject({ level: "POSSIBLE", score: 40, sweepWith: [] });

    // Two customers on different PBXs, rings three minutes apart: GOLF's finding gains the sweep
    // when HOTEL's ring is filed, although GOLF's own ring did not change.
    const [four, five] = [await source("pbx-four"), await source("pbx-five")];
    const d = 20 * DAY;
    for (const [src, number] of [[four, "+18155550606"], [five, "+18155550505"]] as const) {
      await loaded(src.id, at(d - HOUR), at(d + HOUR), [{ at: at(d - HOUR), callee: number, disposition: "NO_ANSWER" }]);
    }
    const golf = await customer("GOLF", [five.id], [{ number: "+18155550505" }]);
    const hotel = await customer("HOTEL", [four.id], [{ number: "+18155550606" }]);
    await report(golf.id, "G-1", "+18155550505", at(d));
    expect(await prisma.customerFinding.findUniqueOrThrow({ where: { customerId: golf.id } })).toMatchObject({ sweepWith: [], score: 40 });
    await report(hotel.id, "H-1", "+18155550606", at(d + 3 * MIN));
    expect(await prisma.customerFinding.findUniqueOrThrow({ where: { customerId: golf.id } })).toMatchObject({ sweepWith: ["HOTEL"], score: 60 });

    // A late import of HOTEL's PBX holds the call: HOTEL's ring had a record after all, and
    // GOLF is no longer in a sweep.
    const importId = await loaded(four.id, at(d), at(d + 10 * MIN), [{ at: at(d + 3 * MIN), callee: "+18155550606" }]);
    const result = await engine.reevaluateForImport(importId);
    expect(result).toMatchObject({ evaluated: 1, changed: 1, byVerdict: { PBX_RECORD_FOUND: 1 } });
    const golfAfter = await prisma.customerFinding.findUniqueOrThrow({ where: { customerId: golf.id } });
    expect(golfAfter).toMatchObject({ sweepWith: [], score: 40, level: "POSSIBLE" });
    expect((golfAfter.evidence as { rule: string }[]).map((e) => e.rule)).not.toContain("sweep");
  });

  it("lifts the unanswered-calls caveat from every report of a source once an import has some", async () => {
    const two = await prisma.cdrSource.findUniqueOrThrow({ where: { name: "pbx-two" } });
    const importId = await loaded(two.id, at(30 * DAY), at(31 * DAY), [{ at: at(30 * DAY), callee: "+16305550175", disposition: "BUSY" }]);
    await engine.reevaluateForImport(importId);
    const { t } = await byTicket("DELTA");
    expect(t.get("D-weak")).toMatchObject({ verdict: "NO_PBX_RECORD" });
    expect(t.get("D-weak")!.caveats).toBeUndefined();
  });

  it("gives the same verdicts and findings when everything is evaluated at once", async () => {
    const snapshot = async () => ({
      verdicts: (await prisma.reportVerdict.findMany({ orderBy: { reportId: "asc" } })).map(({ evaluatedAt: _, ...rest }) => rest),
      findings: (await prisma.customerFinding.findMany({ orderBy: { customerId: "asc" } })).map(({ evaluatedAt: _, ...rest }) => rest),
    });
    const incremental = await snapshot();
    const result = await engine.evaluateReports({ all: true });
    expect(result.changed).toBe(0);
    expect(result.evaluated).toBe(incremental.verdicts.length);
    expect(await snapshot()).toEqual(incremental);
  });
});
