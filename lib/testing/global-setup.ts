// Integration tests run on a real PostgreSQL: TEST_DATABASE_URL when set (CI
// also runs them against the machine's service), otherwise an embedded
// cluster under .ghostline/test-pg. Migrations are applied once to a template
// database; each test file clones it (CREATE DATABASE ... TEMPLATE), which
// takes milliseconds and keeps files independent.
import type { TestProject } from "vitest/node";
import pg from "pg";
import { startEmbedded } from "../db/embedded.ts";
import { applyMigrations } from "../db/schema-engine.ts";

export const TEMPLATE = "ghostline_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    template: string;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const embedded = process.env.TEST_DATABASE_URL
    ? undefined
    : await startEmbedded({ name: "test-pg", port: Number(process.env.GHOSTLINE_TEST_PG_PORT ?? 54330) });
  const adminUrl = process.env.TEST_DATABASE_URL ?? embedded!.url("postgres");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE} with (force)`);
  await admin.query(`create database ${TEMPLATE}`);
  await admin.end();
  await applyMigrations(withDatabase(adminUrl, TEMPLATE));
  project.provide("adminUrl", adminUrl);
  project.provide("template", TEMPLATE);
  return async () => {
    await embedded?.stop();
  };
}
