// Prisma Migrate without Prisma's native engine.
//
// `prisma migrate` runs a native schema-engine binary that the CLI downloads
// from Prisma's own host on first use; machines that reach only the npm
// registry cannot fetch it. The same engine ships on npm compiled to
// WebAssembly (@prisma/schema-engine-wasm), driven through a driver adapter.
// It writes and reads `_prisma_migrations` exactly as `prisma migrate deploy`
// does, so a database migrated here is one Prisma's own tools recognise.
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PoolConfig, QueryResult } from "pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { parse as parseConnectionString } from "pg-connection-string";

export const projectRoot = path.resolve(import.meta.dirname, "../..");
export const schemaPath = path.join(projectRoot, "prisma", "schema.prisma");
export const migrationsDir = path.join(projectRoot, "prisma", "migrations");

const noFilters = { externalTables: [], externalEnums: [] };

// The package is built for bundlers (it imports the .wasm as an ES module),
// so in Node we instantiate the module ourselves and hand it to the bindings.
async function loadEngineModule() {
  // The engine reports a Rust panic through this global before throwing.
  const registry = { message: "", set_message(m: string) { this.message = m; } };
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = registry;
  const require = createRequire(import.meta.url);
  const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const pkgDir = path.dirname(bgPath);
  const bg = await import(pathToFileURL(bgPath).href);
  const bytes = await readFile(path.join(pkgDir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bg as typeof import("@prisma/schema-engine-wasm");
}

let engineModule: Promise<typeof import("@prisma/schema-engine-wasm")> | undefined;

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
const CHAR_OID = 18;
const TEXT_OID = 25;

/**
 * adapter-pg as the schema engine's connection, with two changes:
 * - it runs a migration script by splitting it on every `;`, which cuts a
 *   PL/pgSQL function body in half; here the whole script goes as one
 *   simple-protocol query, which PostgreSQL runs as a single implicit
 *   transaction, so a failing migration leaves nothing half applied;
 * - its shadow database is dropped while its own pool still holds a
 *   connection ("is being accessed by other users"); here the pool closes
 *   first;
 * - it refuses result columns of PostgreSQL's one-byte `"char"` type, which
 *   the engine's own catalog queries return (pg_class.relkind and friends),
 *   so introspecting the shadow database failed with "Column type 'char'
 *   could not be deserialized"; pg already hands them over as strings, so
 *   they are declared text.
 */
class MigrationPg extends PrismaPg {
  private readonly open = new Set<PgAdapter>();

  constructor(private readonly poolConfig: PoolConfig) {
    super(poolConfig);
  }

  /** Closes the pools the engine left open (freeing the engine does not). */
  async close() {
    await Promise.all([...this.open].map((a) => a.dispose()));
  }

  override async connect(): Promise<PgAdapter> {
    const adapter = await super.connect();
    this.open.add(adapter);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (this.open.delete(adapter)) await dispose();
    };
    const pool = adapter.underlyingDriver();
    adapter.executeScript = async (script: string) => {
      await pool.query(script);
    };
    const io = adapter as unknown as { performIO: (query: unknown) => Promise<QueryResult> };
    const performIO = io.performIO.bind(adapter);
    io.performIO = async (query) => {
      const result = await performIO(query);
      for (const field of result.fields) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
      return result;
    };
    return adapter;
  }

  override async connectToShadowDb(): Promise<PgAdapter> {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new MigrationPg({ ...this.poolConfig, database }).connect();
    const closeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await closeShadow();
      await main.executeScript(`DROP DATABASE "${database}"`);
      await main.dispose();
    };
    return shadow;
  }
}

export async function withSchemaEngine<T>(
  databaseUrl: string,
  fn: (engine: SchemaEngine, schema: { path: string; content: string }) => Promise<T>,
): Promise<T> {
  engineModule ??= loadEngineModule();
  const { SchemaEngine } = await engineModule;
  const content = await readFile(schemaPath, "utf8");
  // Explicit fields, not a connection string: the adapter makes its shadow
  // database by overriding `database`, which a connectionString would shadow.
  const { host, port, user, password, database } = parseConnectionString(databaseUrl);
  const adapter = new MigrationPg({
    host: host ?? "localhost",
    port: Number(port ?? 5432),
    user: user ?? undefined,
    password: password ?? undefined,
    database: database ?? undefined,
  });
  const logs: string[] = [];
  const engine = await SchemaEngine.new(
    { datamodels: [[schemaPath, content]] },
    (line: string) => logs.push(line),
    bindMigrationAwareSqlAdapterFactory(adapter),
  );
  try {
    return await fn(engine, { path: schemaPath, content });
  } finally {
    engine.free();
    await adapter.close();
  }
}

export async function readMigrations(): Promise<MigrationList> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: await readFile(lockPath, "utf8").catch(() => null),
    },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => {
        const file = path.join(migrationsDir, dir, "migration.sql");
        const content = await readFile(file, "utf8").then(
          (value) => ({ tag: "ok" as const, value }),
          (error: Error) => ({ tag: "error" as const, value: error.message }),
        );
        return { path: dir, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  };
}

/** Applies pending migrations; returns the names it applied. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const migrationsList = await readMigrations();
  return withSchemaEngine(databaseUrl, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return out.appliedMigrationNames;
  });
}

/**
 * SQL that takes a database built from prisma/migrations to what
 * schema.prisma describes; empty when they agree. Uses a shadow database on
 * the same server, as `prisma migrate diff` does.
 */
export async function diffMigrationsToSchema(databaseUrl: string): Promise<string> {
  const migrationsList = await readMigrations();
  return withSchemaEngine(databaseUrl, async (engine, schema) => {
    const out = await engine.diff({
      from: migrationsList.migrationDirectories.length
        ? { tag: "migrations", ...migrationsList }
        : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return normaliseDiff(out.stdout ?? "");
  });
}

// The engine prints a comment-only script for "no difference".
function normaliseDiff(sql: string): string {
  const meaningful = sql
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.trim().startsWith("--"));
  return meaningful.length ? sql.trim() : "";
}

export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const migrationsList = await readMigrations();
  return withSchemaEngine(databaseUrl, async (engine) => {
    const out = await engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: noFilters,
    });
    const history = out.history;
    if (!history) return [];
    if (history.diagnostic === "databaseIsBehind") return history.unappliedMigrationNames;
    if (history.diagnostic === "historiesDiverge") return history.unappliedMigrationNames;
    return [];
  });
}
