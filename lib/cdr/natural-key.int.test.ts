// The migration that made natural keys lead with the start (20261126110800) must rewrite keys
// exactly as the parser now makes them; otherwise re-importing a file loaded before it would
// insert every call again.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { beforeAll, expect, it } from "vitest";
import { useTestDatabaseClient } from "@/lib/testing/db.ts";
import { useScratchDir } from "@/lib/testing/files.ts";

const MIGRATION = new URL("../../prisma/migrations/20261126110800_cdr_time_led_natural_keys/migration.sql", import.meta.url);

let db: pg.Client;
let dir: string;

beforeAll(async () => {
  ({ db } = await useTestDatabaseClient());
  dir = await useScratchDir("ghostline-cdr-keys-");
});

/** Asterisk cdr_csv line: `local` is the PBX's wall clock, `utcMs` the instant (its uniqueid). */
function line(local: string, utcMs: number, i: number): string {
  return `"","3125550100","202","from-pstn","""A"" <3125550100>","PJSIP/trunk-${i}","PJSIP/202-${i}","Dial","x","${local}","","${local}",0,0,"NO ANSWER","DOCUMENTATION","${utcMs / 1000}.${i}",""\n`;
}

it("rewrites pre-migration keys to what the parser now makes, DST fall-back night included", async () => {
  const { createSource } = await import("./writes.ts");
  const { loadCdrFile } = await import("./load.ts");
  const source = await createSource({ name: "pbx-chicago", format: "asterisk", timeZone: "America/Chicago" }, { actorId: null, actorLabel: "test" });
  const path = join(dir, "Master.csv");
  // 01:30 happens twice in Chicago on 2026-11-01: 06:30Z (CDT) and 07:30Z (CST).
  await writeFile(
    path,
    line("2026-07-01 09:15:00", Date.UTC(2026, 6, 1, 14, 15), 1) +
      line("2026-11-01 01:30:00", Date.UTC(2026, 10, 1, 6, 30), 2) +
      line("2026-11-01 01:30:00", Date.UTC(2026, 10, 1, 7, 30), 3) +
      line("2026-12-24 23:59:59", Date.UTC(2026, 11, 25, 5, 59, 59), 4),
  );
  const result = await loadCdrFile({ source: source.name, file: { path }, importedBy: "test" });
  expect(result).toMatchObject({ status: "LOADED", rowsInserted: 4 });
  const keys = async () =>
    (await db.query<{ k: string }>("select natural_key as k from cdr where source_id = $1 order by line", [source.id])).rows.map((r) => r.k);
  const parserKeys = await keys();
  expect(new Set(parserKeys).size).toBe(4);

  // Keys as the parser made them before: 64 hex digits of sha256, whose first 32 were kept.
  await db.query("update cdr set natural_key = substr(natural_key, 11) || repeat('e', 32) where source_id = $1", [source.id]);
  expect((await keys()).every((k) => /^[0-9a-f]{64}$/.test(k))).toBe(true);
  await db.query(await readFile(MIGRATION, "utf8"));
  expect(await keys()).toEqual(parserKeys);

  // And so the same file again adds nothing.
  expect(await loadCdrFile({ source: source.name, file: { path }, importedBy: "test" })).toMatchObject({ rowsInserted: 0, rowsDuplicate: 4 });
});
