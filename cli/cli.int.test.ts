// The CLI as a user runs it: a real process, its exit code and its output.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/db.ts";

let databaseUrl: string;
const ghostline = (...args: string[]) =>
  spawnSync(process.execPath, [path.resolve("cli/ghostline.mjs"), ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });

beforeAll(async () => {
  databaseUrl = await useTestDatabase();
});

describe("ghostline CLI", () => {
  it("db migrate --json prints one JSON object and exits 0 on a migrated database", () => {
    const run = ghostline("db", "migrate", "--json");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ applied: [] });
  });

  it("exits non-zero with a clear message on bad input", () => {
    const run = ghostline("overrides", "--vendor", "yealink", "--firmware", "96.86.0.70", "--actions", "listen-port", "--port", "5060");
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("choose another port");
  });

  it("refuses an empty CDR file with exit code 1, naming the file", () => {
    expect(ghostline("sources", "add", "pbx-test", "--format", "asterisk", "--timezone", "America/Chicago").status).toBe(0);
    const file = path.join(os.tmpdir(), `ghostline-empty-${process.pid}.csv`);
    writeFileSync(file, "");
    const run = ghostline("import-cdrs", "--source", "pbx-test", file, "--json");
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: "REFUSED", rowsInserted: 0 });
    expect(run.stderr).toContain(path.basename(file));
  });
});
