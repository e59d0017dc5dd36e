import { resolveDatabase } from "@/lib/db/connection.ts";
const handle = await resolveDatabase();
const u = new URL(handle.url); u.pathname = "/" + process.argv[2];
process.env.DATABASE_URL = u.toString();
const { prisma } = await import("@/lib/db/client.ts");
const { evaluateReports } = await import("@/lib/matching/evaluate.ts");
const { createReports } = await import("@/lib/matching/reports.ts");
await prisma.$executeRawUnsafe(`delete from ghost_report where "enteredBy" = 'prof' or ticket like 'NEW-%'`);
await prisma.$executeRawUnsafe(`truncate report_verdict, customer_finding, cases cascade`);
await prisma.$executeRawUnsafe(`delete from audit_event`);
await prisma.$executeRawUnsafe(`vacuum analyze report_verdict`);
await prisma.$executeRawUnsafe(`vacuum analyze customer_finding`);
let t = performance.now();
const r = await evaluateReports({ all: true });
console.log("all first run", (performance.now() - t).toFixed(0), JSON.stringify(r.ms), r.evaluated, r.cases);
const single: number[] = [];
for (let q = 0; q < 50; q++) {
  const c = (q * 7919 + 13) % 20000;
  t = performance.now();
  await createReports([{ account: `ACME${String(c).padStart(7, "0")}`, number: `+1312${String(c * 2 + (q % 2)).padStart(7, "0")}`, ring_time: new Date(Date.parse("2026-01-01T00:00:00Z") + ((q * 7777777) % 2592000) * 1000).toISOString(), window_minutes: 5, caller_id: q % 3 === 0 ? "100" : undefined, ticket: `NEW-${q}`, notes: undefined }], "prof");
  single.push(performance.now() - t);
}
single.sort((a, b) => a - b);
console.log("single p50", single[24]!.toFixed(1), "p95", single[47]!.toFixed(1), "max", single[49]!.toFixed(1));
await prisma.$disconnect();
await handle.embedded?.stop();
