import { resolveDatabase } from "@/lib/db/connection.ts";
const handle = await resolveDatabase();
const u = new URL(handle.url); u.pathname = "/" + process.argv[2];
process.env.DATABASE_URL = u.toString();
const { prisma } = await import("@/lib/db/client.ts");
const { createReports } = await import("@/lib/matching/reports.ts");
await prisma.$queryRaw`select 1`;
const real = (globalThis as any).prisma;
let calls: string[] = [];
for (const m of ["$queryRaw", "$executeRaw", "$queryRawUnsafe", "$executeRawUnsafe"]) {
  const f = real[m].bind(real);
  real[m] = async (...a: any[]) => { const t = performance.now(); try { return await f(...a); } finally { calls.push(`${(performance.now() - t).toFixed(1)} ${m}`); } };
}
const { evaluateReports } = await import("@/lib/matching/evaluate.ts");
for (let q = 0; q < 15; q++) {
  const c = (q * 7919) % 20000;
  calls = [];
  let t = performance.now();
  const res = await createReports([{ account: `ACME${String(c).padStart(7, "0")}`, number: `+1312${String(c * 2).padStart(7, "0")}`, ring_time: new Date(Date.parse("2026-01-01T00:00:00Z") + q * 86400_000 * 1.9).toISOString(), window_minutes: 5, caller_id: undefined, ticket: "P", notes: undefined }], "prof");
  const total = performance.now() - t;
  t = performance.now();
  const again = await evaluateReports({ reportIds: [res.created[0]!.id] });
  console.log("create", total.toFixed(1), "| re-eval", (performance.now() - t).toFixed(1), JSON.stringify(again.ms), "|", calls.join(", "));
}
await prisma.$disconnect();
await handle.embedded?.stop();
