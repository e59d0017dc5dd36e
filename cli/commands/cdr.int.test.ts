// `ghostline import-cdrs` as a user runs it: a real process, waiting for the load to finish.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGhostline } from "@/lib/testing/cli.ts";
import { useTestDatabase } from "@/lib/testing/db.ts";

let databaseUrl: string;
let dir: string;
const ghostline = (...args: string[]) => runGhostline(databaseUrl, ...args);

beforeAll(async () => {
  databaseUrl = await useTestDatabase();
  dir = await mkdtemp(path.join(tmpdir(), "ghostline-cli-cdr-"));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("ghostline import-cdrs", () => {
  it("waits for the load and prints exactly one JSON object with --json; the user's file is left alone", async () => {
    expect(ghostline("sources", "add", "pbx-cli", "--format", "asterisk", "--timezone", "America/Chicago", "--json").status).toBe(0);
    const file = path.join(dir, "Master.csv");
    await writeFile(file, await readFile(new URL("../../lib/cdr/fixtures/asterisk-18.csv", import.meta.url)));
    const run = ghostline("import-cdrs", "--source", "pbx-cli", file, "--json");
    expect(run.status).toBe(0);
    // stderr is not a terminal here: no progress bar.
    expect(run.stderr).toBe("");
    const result = JSON.parse(run.stdout);
    expect(Object.keys(result)).toEqual(["importId", "status", "format", "rowsRead", "rowsInserted", "rowsDuplicate", "rowsRejected", "coverageFrom", "coverageTo"]);
    expect(result).toMatchObject({ status: "LOADED", format: "asterisk", rowsRead: 4, rowsInserted: 4, rowsDuplicate: 0, rowsRejected: 0, coverageFrom: "2026-07-01T15:00:00.000Z" });
    expect(existsSync(file)).toBe(true);

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query("select status, attempts, imported_by, upload_path, unanswered_rows from cdr_import where id = $1", [result.importId]);
      expect(rows).toEqual([{ status: "LOADED", attempts: 1, imported_by: "cli", upload_path: null, unanswered_rows: 3 }]);
    } finally {
      await db.end();
    }
  });
});
