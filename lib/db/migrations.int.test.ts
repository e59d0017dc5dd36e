import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/db.ts";
import { readMigrations, applyMigrations, diffMigrationsToSchema } from "./schema-engine.ts";
import { checkHealth } from "./health.ts";

let url: string;
beforeAll(async () => {
  url = await useTestDatabase();
});

describe("migrations", () => {
  it("an empty database migrated to the latest equals schema.prisma (no drift)", async () => {
    expect(await diffMigrationsToSchema(url)).toBe("");
  });

  it("records every shipped migration in _prisma_migrations, as prisma migrate deploy does", async () => {
    const shipped = (await readMigrations()).migrationDirectories.map((d) => d.path);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ migration_name: string }>(
      "select migration_name from _prisma_migrations where finished_at is not null order by 1",
    );
    await client.end();
    expect(rows.map((r) => r.migration_name)).toEqual(shipped);
    expect(await applyMigrations(url)).toEqual([]);
  });

  it("health says the database is up and migrations are current", async () => {
    expect(await checkHealth()).toEqual({ status: "ok", database: "up", migrations: { status: "current", pending: [] } });
  });
});
