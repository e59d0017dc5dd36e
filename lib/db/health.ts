import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { prisma } from "./client.ts";

export type Health = {
  status: "ok" | "degraded";
  database: "up" | "down";
  migrations: { status: "current" | "pending" | "unknown"; pending: string[] };
};

/**
 * Compares the migration folders shipped with this build against the ones
 * `_prisma_migrations` records as finished: cheap enough for a probe, unlike
 * loading the schema engine.
 */
export async function checkHealth(): Promise<Health> {
  // `next start` runs in the project folder; the bundled server has no
  // import.meta.dirname to find it from.
  const migrationsDir = path.join(process.cwd(), "prisma", "migrations");
  const shipped = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  try {
    await prisma.$queryRaw`select 1`;
  } catch {
    return { status: "degraded", database: "down", migrations: { status: "unknown", pending: [] } };
  }
  // A database never migrated has no _prisma_migrations table: all pending.
  const rows = await prisma.$queryRaw<{ migration_name: string }[]>`
    select migration_name from _prisma_migrations
    where finished_at is not null and rolled_back_at is null`.catch(() => []);
  const applied = new Set(rows.map((r) => r.migration_name));
  const pending = shipped.filter((name) => !applied.has(name)).sort();
  return {
    status: pending.length ? "degraded" : "ok",
    database: "up",
    migrations: { status: pending.length ? "pending" : "current", pending },
  };
}
