// Per-file test database, cloned from the migrated template (global-setup.ts).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";

/**
 * Creates this file's database and points DATABASE_URL (and so the app's
 * Prisma client, made on first use) at it. Dropped after the file's tests.
 */
export async function useTestDatabase(): Promise<string> {
  const adminUrl = inject("adminUrl");
  const name = `ghostline_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // Cloning needs the template to itself: files starting at once take turns.
  await admin.query("select pg_advisory_lock(7341)");
  try {
    await admin.query(`create database ${name} template ${inject("template")}`);
  } finally {
    await admin.query("select pg_advisory_unlock(7341)");
  }
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  afterAll(async () => {
    const { prisma } = await import("@/lib/db/client.ts");
    await prisma.$disconnect();
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  });
  return url.toString();
}

/** This file's database and a pg client on it, for the SQL a test checks with; closed after the file. */
export async function useTestDatabaseClient(): Promise<{ url: string; db: pg.Client }> {
  const url = await useTestDatabase();
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  // Registered after useTestDatabase's hook, so it runs first (vitest runs afterAll hooks in reverse).
  afterAll(() => db.end());
  return { url, db };
}

/** This file's database with the demo seeded, and an agent API token's secret. */
export async function useDemoDatabase(): Promise<{ url: string; secret: string }> {
  const url = await useTestDatabase();
  const { seedDemo } = await import("@/lib/demo/seed.ts");
  await seedDemo({ password: "demo-password-123" });
  const { createApiToken } = await import("@/lib/auth/tokens.ts");
  const { secret } = await createApiToken({ name: "test-client", role: "AGENT" });
  return { url, secret };
}
