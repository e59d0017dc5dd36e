// Test data for the queue, inbox and overview integration tests: rows inserted directly, as the
// matching engine and the case workflow would leave them (they are tested on their own).
import "server-only";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client.ts";
import type { CaseStatus } from "@/lib/cases/rules.ts";
import type { FindingLevel, Verdict } from "@/lib/matching/rules.ts";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export async function addUser(name: string, role: "AGENT" | "SUPERVISOR" | "ADMIN" = "AGENT") {
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}@test.ghostline`;
  const user = await prisma.user.create({ data: { id: randomUUID(), name, email, role } });
  return { id: user.id, email };
}

export async function addCustomer(account: string, name = account, vendors: string[] = []) {
  const customer = await prisma.customer.create({ data: { account, name, timeZone: "America/Chicago" } });
  for (const vendor of vendors) {
    await prisma.device.create({ data: { customerId: customer.id, vendor, model: "M1", firmware: "1.0" } });
  }
  return customer.id;
}

export async function addFinding(
  customerId: string,
  f: { level: FindingLevel; score: number; firstNoRecordAt?: Date; lastNoRecordAt?: Date; sweepWith?: string[] },
) {
  await prisma.customerFinding.create({
    data: {
      customerId,
      level: f.level,
      score: f.score,
      evidence: [],
      firstNoRecordAt: f.firstNoRecordAt ?? f.lastNoRecordAt ?? null,
      lastNoRecordAt: f.lastNoRecordAt ?? null,
      sweepWith: f.sweepWith ?? [],
    },
  });
}

export async function addCase(
  customerId: string,
  c: {
    status: CaseStatus;
    assigneeId?: string;
    recurrences?: number;
    lastRecurrenceAt?: Date;
    openedAt?: Date;
    updatedAt?: Date;
    remediationSentAt?: Date;
    verifyingSince?: Date;
    closedAt?: Date;
  },
) {
  const closed = c.status === "RESOLVED" || c.status === "FALSE_POSITIVE";
  const created = await prisma.case.create({
    data: {
      customerId,
      openCustomerId: closed ? null : customerId,
      status: c.status,
      assigneeId: c.assigneeId ?? null,
      recurrences: c.recurrences ?? 0,
      lastRecurrenceAt: c.lastRecurrenceAt ?? null,
      openedAt: c.openedAt ?? new Date(),
      ...(c.updatedAt ? { updatedAt: c.updatedAt } : {}),
      remediationSentAt: c.remediationSentAt ?? null,
      verifyingSince: c.verifyingSince ?? null,
      closedAt: c.closedAt ?? (closed ? new Date() : null),
    },
  });
  return created;
}

export async function addRing(
  customerId: string,
  r: {
    ringAt: Date;
    verdict: Verdict;
    enteredBy?: string;
    ticket?: string;
    createdAt?: Date;
    windowMinutes?: number;
    sources?: { source: string; covered: boolean; hasUnanswered: boolean }[];
  },
) {
  const report = await prisma.ghostReport.create({
    data: {
      customerId,
      number: "101",
      numberRaw: "101",
      ringAt: r.ringAt,
      windowMinutes: r.windowMinutes ?? 5,
      ticket: r.ticket ?? null,
      enteredBy: r.enteredBy ?? "someone@test.ghostline",
      createdAt: r.createdAt ?? new Date(),
    },
  });
  await prisma.reportVerdict.create({
    data: {
      reportId: report.id,
      customerId,
      ringAt: r.ringAt,
      verdict: r.verdict,
      sources: r.sources ?? [{ source: "pbx-test", covered: r.verdict !== "NO_COVERAGE", hasUnanswered: true }],
    },
  });
  return report.id;
}
