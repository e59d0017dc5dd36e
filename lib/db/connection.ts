// Which PostgreSQL this process talks to: DATABASE_URL when set, otherwise
// the embedded cluster under .ghostline/ (started here if nobody serves it).
import pg from "pg";
import { type EmbeddedCluster, startEmbedded } from "./embedded.ts";

export const EMBEDDED_PORT = Number(process.env.GHOSTLINE_PG_PORT ?? 54329);
const EMBEDDED_DATABASE = "ghostline";

export type DatabaseHandle = { url: string; embedded?: EmbeddedCluster };

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await client.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/** Resolves the database and puts its URL in process.env.DATABASE_URL. */
export async function resolveDatabase(log?: (line: string) => void): Promise<DatabaseHandle> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  const embedded = await startEmbedded({ name: "pg", port: EMBEDDED_PORT, log });
  await createDatabaseIfMissing(embedded.url("postgres"), EMBEDDED_DATABASE);
  const url = embedded.url(EMBEDDED_DATABASE);
  process.env.DATABASE_URL = url;
  return { url, embedded };
}
