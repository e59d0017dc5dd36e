// Two imports of overlapping exports into one source at the same time: the loader skips keys
// already in cdr with NOT EXISTS (not ON CONFLICT), so it relies on imports of a source taking
// turns. Both must load, with every call once.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { beforeAll, expect, it } from "vitest";
import { asteriskFile } from "@/lib/testing/cdr.ts";
import { useTestDatabaseClient } from "@/lib/testing/db.ts";
import { useScratchDir } from "@/lib/testing/files.ts";

let db: pg.Client;
let dir: string;

beforeAll(async () => {
  ({ db } = await useTestDatabaseClient());
  dir = await useScratchDir("ghostline-cdr-concurrent-");
});

it("loads two overlapping exports of one source run at once, each call once", async () => {
  const { createSource } = await import("./writes.ts");
  const { loadCdrFile } = await import("./load.ts");
  const source = await createSource({ name: "pbx-concurrent", format: "asterisk", timeZone: "UTC" }, { actorId: null, actorLabel: "test" });
  const a = join(dir, "a.csv");
  const b = join(dir, "b.csv");
  // Both transactions are open at once: the second moves its rows while the first has not committed.
  await writeFile(a, asteriskFile(0, 40_000));
  await writeFile(b, asteriskFile(20_000, 60_000));

  const [ra, rb] = await Promise.all([
    loadCdrFile({ source: source.name, file: { path: a }, importedBy: "test" }),
    loadCdrFile({ source: source.name, file: { path: b }, importedBy: "test" }),
  ]);

  expect([ra.status, rb.status]).toEqual(["LOADED", "LOADED"]);
  expect(ra.rowsInserted + rb.rowsInserted).toBe(60_000);
  expect(ra.rowsDuplicate + rb.rowsDuplicate).toBe(20_000);
  const { rows } = await db.query<{ n: number; keys: number }>(
    "select count(*)::int as n, count(distinct natural_key)::int as keys from cdr where source_id = $1",
    [source.id],
  );
  expect(rows[0]).toEqual({ n: 60_000, keys: 60_000 });
}, 120_000);
