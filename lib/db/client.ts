import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.ts";

export { Prisma } from "./generated/client.ts";
export type * from "./generated/client.ts";

// One client (one pg pool) per process. It is made on first use, not on
// import: `next build` imports route modules without a database, and the CLI
// resolves DATABASE_URL (maybe starting the embedded server) before its first
// query. Next's dev server re-evaluates modules on edits, hence globalThis.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function client(): PrismaClient {
  if (globalForPrisma.prisma) return globalForPrisma.prisma;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start Ghostline with `npm start` or the ghostline CLI");
  }
  // JIT off for every connection: Ghostline's statements are index probes per row (LATERAL,
  // fenced CTEs) whose row counts the planner cannot estimate, so it costs them far over
  // jit_above_cost and PostgreSQL spent longer compiling them with LLVM than running them
  // (bench:match at 10M CDRs: 1.0 s of the 4.9 s verdict statement for 100k reports, and
  // 390 ms of a new report's 440 ms sweep lookup once autovacuum had analysed report_verdict).
  //
  // No parallel workers either: the app's reads are many short queries at once (a support floor
  // on the queue), where a Gather launches worker processes per query and takes the cores the
  // other requests need; its bulk statements mostly write, which PostgreSQL runs without workers.
  // bench:dashboard, 10M CDRs: the queue's filtered views planned a Gather Merge over the
  // flagged customers, 90–160 ms a page; without workers 20–65 ms, and the queue page at 25/s
  // went from 10 s timeouts to none.
  const pool = { connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10), options: "-c jit=off -c max_parallel_workers_per_gather=0" };
  globalForPrisma.prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return globalForPrisma.prisma;
}

export const prisma = new Proxy({} as PrismaClient, {
  get: (_target, key) => {
    const value = Reflect.get(client(), key);
    return typeof value === "function" ? value.bind(client()) : value;
  },
});
