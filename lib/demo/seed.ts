import "server-only";
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { TZDate } from "@date-fns/tz";
import { loadCdrFile } from "@/lib/cdr/load.ts";
import { demoMasterCsv } from "./cdrs.ts";
import { prisma } from "@/lib/db/client.ts";
import { createUser } from "@/lib/auth/users.ts";
import type { Role } from "@/lib/auth/roles.ts";

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
    devices: [{ vendor: "polycom", model: "VVX 411", firmware: "5.9.5", mac: "0004f2c4d5e6", extension: "201" }],
  },
  {
    account: "CEDAR-003", name: "Cedar Veterinary", timeZone: "America/New_York",
    dids: ["+12125550303"], extensions: ["301", "302"],
    devices: [{ vendor: "grandstream", model: "GXP2170", firmware: "1.0.11.3", mac: "000b82e7f8a9", extension: "301" }],
  },
];

/**
 * The demo: three customers on one Asterisk PBX with two weeks of its call
 * history imported, their phones, rings they reported, and one login per role. Idempotent; passwords are returned only for logins made now.
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
  return result;
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
