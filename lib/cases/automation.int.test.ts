import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/db.ts";

type Db = typeof import("@/lib/db/client.ts");
let prisma: Db["prisma"];
let automation: typeof import("./automation.ts");
let createReports: typeof import("@/lib/matching/reports.ts").createReports;
let sourceId: string;

// 2026-03-02 15:00 UTC: 09:00 in Chicago, office hours (no night evidence).
const T = Date.UTC(2026, 2, 2, 15, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(T + ms);

async function customer(account: string, number: string) {
  const c = await prisma.customer.create({ data: { account, name: account, timeZone: "America/Chicago" } });
  await prisma.customerSource.create({ data: { customerId: c.id, sourceId } });
  await prisma.customerNumber.create({ data: { customerId: c.id, kind: "DID", number, raw: number } });
  return c;
}

/** A ring the PBX has no record of (its CDRs cover the whole test period). */
async function ring(account: string, number: string, ringAt: Date) {
  const { problems } = await createReports(
    [{ account, number, ring_time: ringAt.toISOString(), window_minutes: 5, caller_id: "+17735550142", ticket: randomUUID(), notes: undefined }],
    "test",
  );
  expect(problems).toEqual([]);
}

const caseOf = (customerId: string) => prisma.case.findMany({ where: { customerId }, orderBy: { number: "asc" } });
const events = (caseId: string) =>
  prisma.auditEvent.findMany({ where: { entityType: "case", entityId: caseId }, orderBy: { id: "asc" } });

beforeAll(async () => {
  await useTestDatabase();
  ({ prisma } = await import("@/lib/db/client.ts"));
  automation = await import("./automation.ts");
  ({ createReports } = await import("@/lib/matching/reports.ts"));
  const source = await prisma.cdrSource.create({ data: { name: "pbx", format: "asterisk", timeZone: "America/Chicago" } });
  sourceId = source.id;
  const imp = await prisma.cdrImport.create({
    data: { sourceId, status: "LOADED", fileName: "Master.csv", fileSize: 1n, importedBy: "test", coverageFrom: at(-DAY), coverageTo: at(60 * DAY), unansweredRows: 1 },
  });
  // One real call, to a number nobody reports here.
  await prisma.cdr.create({
    data: { sourceId, importId: imp.id, line: 1, startedAt: at(0), callerRaw: "x", calleeNumber: "+13125550999", calleeRaw: "x", disposition: "NO_ANSWER", dispositionRaw: "NO ANSWER", naturalKey: "k" },
  });
});

describe("syncCases", () => {
  it("opens one NEW case when a customer is flagged, with its audit event, and never a second", async () => {
    const c = await customer("KILO", "+13125550101");
    await ring("KILO", "+13125550101", at(0));
    const [opened, ...more] = await caseOf(c.id);
    expect(more).toEqual([]);
    expect(opened).toMatchObject({ status: "NEW", openCustomerId: c.id, recurrences: 0 });
    const [event] = await events(opened!.id);
    expect(event).toMatchObject({
      action: "case.opened",
      actorLabel: "ghostline (automatic)",
      before: null,
      after: { status: "NEW", level: "POSSIBLE", score: 40, number: opened!.number },
    });

    await ring("KILO", "+13125550101", at(HOUR));
    expect(await automation.syncCases([c.id])).toEqual({ opened: 0, reopened: 0 });
    expect(await caseOf(c.id)).toHaveLength(1);
    expect(await events(opened!.id)).toHaveLength(1);
  });

  it("opens no case for a customer who is not flagged", async () => {
    const c = await customer("LIMA", "+13125550202");
    expect(await automation.syncCases([c.id])).toEqual({ opened: 0, reopened: 0 });
    expect(await caseOf(c.id)).toEqual([]);
  });

  it("reopens a case as a recurrence when a ring without PBX record follows the remediation", async () => {
    const c = await customer("MIKE", "+13125550303");
    await ring("MIKE", "+13125550303", at(0));
    const [opened] = await caseOf(c.id);
    // The manual part: overrides sent a day later.
    await prisma.case.update({ where: { id: opened!.id }, data: { status: "REMEDIATION_SENT", remediationSentAt: at(DAY) } });

    // A ring from before the remediation, reported late, is no recurrence.
    await ring("MIKE", "+13125550303", at(12 * HOUR));
    expect((await caseOf(c.id))[0]).toMatchObject({ status: "REMEDIATION_SENT", recurrences: 0 });

    await ring("MIKE", "+13125550303", at(DAY + 2 * HOUR));
    const [reopened, ...more] = await caseOf(c.id);
    expect(more).toEqual([]);
    expect(reopened).toMatchObject({ id: opened!.id, status: "INVESTIGATING", recurrences: 1, lastRecurrenceAt: at(DAY + 2 * HOUR), openCustomerId: c.id });
    expect((await events(opened!.id)).at(-1)).toMatchObject({
      action: "case.recurrence",
      actorLabel: "ghostline (automatic)",
      before: { status: "REMEDIATION_SENT" },
      after: { status: "INVESTIGATING", recurrences: 1 },
    });
  });

  it("does not reopen a false positive on its old evidence, but opens a new case on a newer ring", async () => {
    const c = await customer("NOVEMBER", "+13125550404");
    await ring("NOVEMBER", "+13125550404", at(0));
    const [first] = await caseOf(c.id);
    await prisma.case.update({ where: { id: first!.id }, data: { status: "FALSE_POSITIVE", openCustomerId: null, closedAt: at(2 * DAY) } });
    expect(await automation.syncCases([c.id])).toEqual({ opened: 0, reopened: 0 });

    await ring("NOVEMBER", "+13125550404", at(3 * DAY));
    const cases = await caseOf(c.id);
    expect(cases.map((x) => x.status)).toEqual(["FALSE_POSITIVE", "NEW"]);
    expect(cases[1]!.openCustomerId).toBe(c.id);
  });
});

describe("advanceCases", () => {
  it("moves REMEDIATION_SENT to VERIFYING after the grace period, then resolves after the quiet period; a later ring reopens it", async () => {
    const c = await customer("OSCAR", "+13125550505");
    await ring("OSCAR", "+13125550505", at(0));
    const [opened] = await caseOf(c.id);
    const sent = at(DAY);
    await prisma.case.update({ where: { id: opened!.id }, data: { status: "REMEDIATION_SENT", remediationSentAt: sent } });
    const env = {};

    // Phones resync daily: nothing moves before 24 h.
    expect(await automation.advanceCases({ now: new Date(sent.getTime() + 23 * HOUR), env })).toEqual({ verifying: [], resolved: [] });
    expect(await automation.advanceCases({ now: new Date(sent.getTime() + 25 * HOUR), env })).toEqual({ verifying: [opened!.number], resolved: [] });
    const verifying = await prisma.case.findUniqueOrThrow({ where: { id: opened!.id } });
    expect(verifying).toMatchObject({ status: "VERIFYING", verifyingSince: new Date(sent.getTime() + 24 * HOUR), openCustomerId: c.id });
    const toVerifying = (await events(opened!.id)).at(-1)!;
    expect(toVerifying).toMatchObject({
      action: "case.status",
      actorLabel: "ghostline (automatic)",
      before: { status: "REMEDIATION_SENT" },
      after: { status: "VERIFYING", reason: "the phones have had 24 h to take the overrides" },
    });
    // Dated when the grace period ended, not when advanceCases ran.
    expect(new Date((toVerifying.after as { verifyingSince: string }).verifyingSince)).toEqual(verifying.verifyingSince);

    const since = verifying.verifyingSince!.getTime();
    expect(await automation.advanceCases({ now: new Date(since + 13 * DAY), env })).toEqual({ verifying: [], resolved: [] });
    expect(await automation.advanceCases({ now: new Date(since + 14 * DAY + HOUR), env })).toEqual({ verifying: [], resolved: [opened!.number] });
    const resolved = await prisma.case.findUniqueOrThrow({ where: { id: opened!.id } });
    expect(resolved).toMatchObject({ status: "RESOLVED", openCustomerId: null, closedAt: new Date(since + 14 * DAY) });
    const toResolved = (await events(opened!.id)).at(-1)!;
    expect(toResolved).toMatchObject({
      action: "case.status",
      before: { status: "VERIFYING" },
      after: { status: "RESOLVED", reason: "no ring without PBX record for 14 days" },
    });
    expect(new Date((toResolved.after as { closedAt: string }).closedAt)).toEqual(new Date(since + 14 * DAY));

    // Resolved on this evidence: syncing again opens nothing.
    expect(await automation.syncCases([c.id])).toEqual({ opened: 0, reopened: 0 });
    // A ring weeks later: the same case comes back as a recurrence, not a new one.
    await ring("OSCAR", "+13125550505", at(40 * DAY));
    const [back, ...more] = await caseOf(c.id);
    expect(more).toEqual([]);
    expect(back).toMatchObject({ id: opened!.id, status: "INVESTIGATING", recurrences: 1, openCustomerId: c.id, closedAt: null });
    expect((await events(opened!.id)).at(-1)).toMatchObject({ action: "case.recurrence", before: { status: "RESOLVED" } });
  });

  it("keeps a VERIFYING case open while rings without PBX record continue, and reads its periods from the environment", async () => {
    const c = await customer("PAPA", "+13125550606");
    await ring("PAPA", "+13125550606", at(0));
    const [opened] = await caseOf(c.id);
    // A ring during verification that no sync has seen yet (stored straight away).
    await prisma.case.update({ where: { id: opened!.id }, data: { status: "VERIFYING", remediationSentAt: at(DAY), verifyingSince: at(2 * DAY) } });
    const report = await prisma.ghostReport.create({ data: { customerId: c.id, number: "+13125550606", numberRaw: "x", ringAt: at(3 * DAY), enteredBy: "test" } });
    await prisma.reportVerdict.create({ data: { reportId: report.id, customerId: c.id, ringAt: at(3 * DAY), verdict: "NO_PBX_RECORD", sources: [] } });
    const env = { GHOSTLINE_QUIET_DAYS: "1" };
    expect(await automation.advanceCases({ now: at(10 * DAY), env })).toEqual({ verifying: [], resolved: [] });
    expect(automation.casePeriods({ GHOSTLINE_PROVISIONING_GRACE_HOURS: "6", GHOSTLINE_QUIET_DAYS: "" })).toEqual({ graceSeconds: 6 * 3600, quietSeconds: 14 * 86_400 });
    expect(() => automation.casePeriods({ GHOSTLINE_QUIET_DAYS: "soon" })).toThrow();
  });
});
