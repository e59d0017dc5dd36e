import { resolveDatabase } from "@/lib/db/connection.ts";
const handle = await resolveDatabase();
const u = new URL(handle.url); u.pathname = "/" + process.argv[2];
process.env.DATABASE_URL = u.toString();
const { prisma } = await import("@/lib/db/client.ts");
const { evaluateReports } = await import("@/lib/matching/evaluate.ts");
const mode = process.argv[3] ?? "single";
if (mode === "all") {
  const t = performance.now();
  const r = await evaluateReports({ all: true });
  console.log("all", (performance.now() - t).toFixed(0), JSON.stringify(r.ms), r.cases);
} else {
  const ids = await prisma.$queryRaw<{ id: string }[]>`select id::text from ghost_report order by random() limit 12`;
  for (const { id } of ids) {
    const t = performance.now();
    const r = await evaluateReports({ reportIds: [id] });
    console.log("single", (performance.now() - t).toFixed(1), JSON.stringify(r.ms), r.findings);
  }
}
await prisma.$disconnect();
await handle.embedded?.stop();
