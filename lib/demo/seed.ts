import "server-only";
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { TZDate } from "@date-fns/tz";
import { loadCdrFile } from "@/lib/cdr/load.ts";
import { demoMasterCsv } from "./cdrs.ts";
import { prisma } from "@/lib/db/client.ts";
import { createUser } from "@/lib/auth/users.ts";
import type { Role } from "@/lib/auth/roles.ts";
import type { Actor } from "@/lib/auth/session.ts";
import { advanceCases } from "@/lib/cases/automation.ts";
import { assignCase, changeCaseStatus } from "@/lib/cases/writes.ts";
import { evaluateReports } from "@/lib/matching/evaluate.ts";
import { markRemediationSent, saveRemediation } from "@/lib/remediation/writes.ts";

export type DemoLogin = { email: string; role: Role; password?: string };

const logins: { email: string; name: string; role: Role }[] = [
  { email: "agent@demo.ghostline.test", name: "Alex Agent", role: "AGENT" },
  { email: "supervisor@demo.ghostline.test", name: "Sam Supervisor", role: "SUPERVISOR" },
  { email: "admin@demo.ghostline.test", name: "Ada Admin", role: "ADMIN" },
];

// Numbers in the 555-01xx block, which NANPA reserves for fiction.
const customers = [
  {
    account: "ACME-001", name: "Acme Dental", timeZone: "America/Chicago",
    dids: ["+13125550101"], extensions: ["101", "102"],
    devices: [{ vendor: "yealink", model: "T46G", firmware: "28.73.0.50", mac: "805ec0a1b2c3", extension: "101" }],
  },
  {
    account: "BIRCH-002", name: "Birch Legal", timeZone: "America/Chicago",
    dids: ["+13125550202"], extensions: ["201"],
    devices: [{ vendor: "polycom", model: "VVX410", firmware: "5.9.5", mac: "0004f2c4d5e6", extension: "201" }],
  },
  {
    account: "CEDAR-003", name: "Cedar Veterinary", timeZone: "America/New_York",
    dids: ["+12125550303"], extensions: ["301", "302"],
    devices: [{ vendor: "grandstream", model: "GXP2170", firmware: "1.0.11.3", mac: "000b82e7f8a9", extension: "301" }],
  },
];

/**
 * The demo: three customers on one Asterisk PBX with two weeks of its call
 * history imported, their phones, rings they reported with their verdicts, one
 * case at each stage of the workflow, and one login per role. Idempotent;
 * passwords are returned only for logins made now.
 */
export async function seedDemo(options: { password?: string } = {}): Promise<DemoLogin[]> {
  const source = await prisma.cdrSource.upsert({
    where: { name: "pbx-chicago" },
    update: {},
    create: { name: "pbx-chicago", format: "asterisk", timeZone: "America/Chicago", defaultCountry: "US" },
  });
  for (const c of customers) {
    const customer = await prisma.customer.upsert({
      where: { account: c.account },
      update: {},
      create: { account: c.account, name: c.name, timeZone: c.timeZone },
    });
    await prisma.customerSource.upsert({
      where: { customerId_sourceId: { customerId: customer.id, sourceId: source.id } },
      update: {},
      create: { customerId: customer.id, sourceId: source.id },
    });
    const numbers = [
      ...c.dids.map((n) => ({ kind: "DID" as const, number: n, raw: n, sourceId: null })),
      ...c.extensions.map((n) => ({ kind: "EXTENSION" as const, number: n, raw: n, sourceId: source.id })),
    ];
    for (const n of numbers) {
      const exists = await prisma.customerNumber.findFirst({ where: { number: n.number, sourceId: n.sourceId } });
      if (!exists) await prisma.customerNumber.create({ data: { ...n, customerId: customer.id } });
    }
    for (const d of c.devices) {
      await prisma.device.upsert({ where: { mac: d.mac }, update: {}, create: { ...d, customerId: customer.id } });
    }
  }
  // The PBX's last two weeks of calls, loaded through the real import path
  // (once: a second seed finds the import and skips it).
  if ((await prisma.cdrImport.count({ where: { sourceId: source.id } })) === 0) {
    const text = demoMasterCsv({
      lines: customers.map((c) => ({ did: c.dids[0]!, extension: c.extensions[0]! })),
      timeZone: source.timeZone,
      end: new Date(),
      days: 14,
    });
    const bytes = Buffer.from(text);
    await loadCdrFile({
      source: source.name,
      file: { input: Readable.from([bytes]), fileName: "Master-demo.csv", size: bytes.length },
      importedBy: "demo-seed",
    });
  }

  if ((await prisma.ghostReport.count()) === 0) await seedReports(source.id);

  const result: DemoLogin[] = [];
  for (const login of logins) {
    if (await prisma.user.findUnique({ where: { email: login.email } })) {
      result.push({ email: login.email, role: login.role });
      continue;
    }
    const password = options.password ?? randomBytes(9).toString("base64url");
    await createUser({ ...login, password }, "demo-seed");
    result.push({ email: login.email, role: login.role, password });
  }

  if ((await prisma.case.count()) === 0) await seedCases();
  return result;
}

async function demoActor(email: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  return { kind: "user", id: user.id, name: user.name, email: user.email, role: user.role };
}

/**
 * The case workflow at each stage, through the same writes people and the engine use:
 * ACME-001 flagged and NEW (opened by the engine); CEDAR-003 taken by the agent, its phone's
 * overrides sent 40 hours ago and now VERIFYING; BIRCH-002 fixed proactively three weeks ago and
 * RESOLVED after its quiet period.
 */
async function seedCases() {
  const now = new Date();
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
  const agent = await demoActor("agent@demo.ghostline.test");
  const supervisor = await demoActor("supervisor@demo.ghostline.test");
  // Verdicts and findings for the rings above; this opens the NEW cases of the flagged customers.
  await evaluateReports({ all: true }, { now });

  const cedar = await prisma.customer.findUniqueOrThrow({ where: { account: "CEDAR-003" }, include: { devices: true } });
  const cedarCase = await prisma.case.findUniqueOrThrow({ where: { openCustomerId: cedar.id } });
  await assignCase(supervisor, { caseId: cedarCase.id, assigneeId: agent.id });
  await changeCaseStatus(agent, { caseId: cedarCase.id, to: "INVESTIGATING" });
  const phone = cedar.devices[0]!;
  const { remediation } = await saveRemediation(agent, {
    account: cedar.account,
    deviceId: phone.id,
    request: { vendor: "grandstream", model: phone.model, firmware: phone.firmware, actions: ["accept-server-only", "listen-port"], params: { port: 5070 }, syntax: "override" },
  });
  await markRemediationSent(agent, remediation.id, hoursAgo(40));
  // Opened the morning after the ring (the engine opened it now, when the demo's rings were filed).
  const cedarRing = await prisma.ghostReport.findFirstOrThrow({ where: { customerId: cedar.id }, orderBy: { ringAt: "asc" } });
  await prisma.case.update({ where: { id: cedarCase.id }, data: { openedAt: new Date(cedarRing.ringAt.getTime() + 6 * 3_600_000) } });

  const birch = await prisma.customer.findUniqueOrThrow({ where: { account: "BIRCH-002" }, include: { devices: true } });
  const birchPhone = birch.devices[0]!;
  const saved = await saveRemediation(supervisor, {
    account: birch.account,
    deviceId: birchPhone.id,
    request: { vendor: "polycom", model: birchPhone.model, firmware: birchPhone.firmware, actions: ["accept-server-only", "listen-port"], params: { port: 5070 }, syntax: "override" },
  });
  await markRemediationSent(supervisor, saved.remediation.id, hoursAgo(21 * 24));
  // The time the case was opened is the time its overrides were saved, three weeks ago.
  await prisma.case.updateMany({ where: { customerId: birch.id }, data: { openedAt: hoursAgo(21 * 24 + 2) } });

  // Grace and quiet periods at their defaults, whatever this machine's environment says.
  await advanceCases({ now, env: {} });
}

/**
 * Rings the demo customers reported: one that the PBX did carry (a real call,
 * a minute off, as people remember it) and night-time rings with the caller
 * IDs scanners send ("100", SIPVicious's "friendly-scanner") that it did not.
 */
async function seedReports(sourceId: string) {
  const acme = await prisma.customer.findUniqueOrThrow({ where: { account: "ACME-001" } });
  const cedar = await prisma.customer.findUniqueOrThrow({ where: { account: "CEDAR-003" } });
  const carried = await prisma.cdr.findFirst({
    where: { sourceId, calleeNumber: "+13125550101" },
    orderBy: { startedAt: "desc" },
  });
  const night = (daysAgo: number, hour: number, minute: number, timeZone: string) => {
    const d = new TZDate(Date.now() - daysAgo * 86_400_000, timeZone);
    d.setHours(hour, minute, 0, 0);
    return new Date(d.getTime());
  };
  const reports = [
    ...(carried
      ? [{ customerId: acme.id, number: "+13125550101", numberRaw: "(312) 555-0101", ringAt: new Date(carried.startedAt.getTime() + 60_000), callerId: carried.callerNumber, ticket: "T-1001" }]
      : []),
    { customerId: acme.id, number: "101", numberRaw: "101", ringAt: night(1, 3, 12, acme.timeZone), callerId: "100", ticket: "T-1002" },
    { customerId: acme.id, number: "101", numberRaw: "101", ringAt: night(1, 3, 47, acme.timeZone), callerId: "100", ticket: "T-1002" },
    { customerId: cedar.id, number: "301", numberRaw: "301", ringAt: night(2, 2, 5, cedar.timeZone), callerId: "friendly-scanner", ticket: "T-1003" },
  ];
  await prisma.ghostReport.createMany({ data: reports.map((r) => ({ ...r, enteredBy: "demo-seed" })) });
}
