// The two encodings of cdr rows read back by Postgres itself: the file loader's binary COPY
// (copy.ts toCopyBinary) and the feed writer's JSON recordset (json-rows.ts, parsed by Postgres).
// Every column of cdr, with the values untrusted PBX data and odd durations bring, must arrive
// the same through both.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabaseClient } from "@/lib/testing/db.ts";
import { finished } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { BINARY_COPY_HEADER, BINARY_COPY_TRAILER, CDR_COPY_COLUMNS, toCopyBinary } from "./copy";
import { CDR_RECORDSET, cdrRecordsetValues, dollarQuoted, recordsJson } from "./json-rows";
import type { NormalisedCdr } from "./schema";

let db: pg.Client;
beforeAll(async () => {
  ({ db } = await useTestDatabaseClient());
});

const ids = { sourceId: "0193a4b2-0000-7000-8000-0000000000a1", importId: "0193a4b2-0000-7000-8000-0000000000b2" };
const base: NormalisedCdr = {
  line: 1,
  startedAt: new Date("2026-07-01T15:00:00Z"),
  answeredAt: null,
  endedAt: null,
  durationSec: null,
  billSec: null,
  callerNumber: null,
  callerName: null,
  callerRaw: "",
  calleeNumber: null,
  calleeRaw: "s",
  endpoint: null,
  disposition: "ANSWERED",
  dispositionRaw: "ANSWERED",
  context: null,
  uniqueId: null,
  linkedId: null,
  naturalKey: "0".repeat(42),
};
const durations = [0, 0.001, 0.25, 1, 9.999, 10_000, 10_000.5, 65, 12_345_678.901, 999_999_999.999, 1.0004, 30.0005, 100_000_000];
const times = ["1969-12-31T23:59:59.999Z", "1999-12-31T23:59:59.001Z", "2000-01-01T00:00:00.000Z", "2038-01-19T03:14:08.123Z", "2026-03-08T08:00:00.500Z"];
const texts = ['Evil\t"Name"\\\nX\r', "<script>alert(1)</script>", "\u202Egnp.exe", "Zoë 📞 Ünïcødé", "=HYPERLINK(\"x\")", "", "\\N", "PJSIP/".repeat(20), `${"a".repeat(63)}é`, "lone \ud800 surrogate $j$"];
const rows: NormalisedCdr[] = durations.map((d, i) => ({
  ...base,
  line: i + 1,
  startedAt: new Date(times[i % times.length] as string),
  answeredAt: i % 2 === 0 ? new Date(times[(i + 1) % times.length] as string) : null,
  endedAt: new Date(times[(i + 2) % times.length] as string),
  durationSec: d,
  billSec: i % 3 === 0 ? null : d / 2,
  callerNumber: i % 2 === 0 ? "+13125550101" : null,
  callerName: texts[i % texts.length] as string,
  callerRaw: texts[(i + 1) % texts.length] as string,
  calleeNumber: "+13125550199",
  endpoint: i % 4 === 0 ? null : `20${i}`,
  disposition: (["ANSWERED", "NO_ANSWER", "BUSY", "FAILED"] as const)[i % 4] as NormalisedCdr["disposition"],
  dispositionRaw: texts[(i + 2) % texts.length] as string,
  context: texts[(i + 3) % texts.length] as string,
  uniqueId: `1782918000.${i}`,
  linkedId: i % 2 === 0 ? null : "x",
  naturalKey: `${i}`.padStart(42, "a"),
}));

async function copyBinary(table: string, payload: Buffer) {
  const copy = db.query(copyFrom(`copy ${table} (source_id, import_id, ${CDR_COPY_COLUMNS.join(", ")}) from stdin with (format binary)`));
  copy.end(payload);
  await finished(copy);
}

describe("toCopyBinary and the JSON recordset", () => {
  it("arrive in cdr's columns exactly alike", async () => {
    await db.query("create temp table bin_rows as select source_id, import_id, " + CDR_COPY_COLUMNS.join(", ") + " from cdr with no data");
    await db.query("create temp table json_rows as select * from bin_rows with no data");
    await copyBinary("bin_rows", Buffer.concat([BINARY_COPY_HEADER, toCopyBinary(rows.slice(0, 5), ids), toCopyBinary(rows.slice(5), ids), BINARY_COPY_TRAILER]));
    // As the feed writer sends it: in a simple query, no parameters.
    await db.query(
      `insert into json_rows select '${ids.sourceId}', '${ids.importId}', ${cdrRecordsetValues("0")} from json_to_recordset(${dollarQuoted(recordsJson(rows))}) as s(${CDR_RECORDSET})`,
    );
    const read = async (table: string) => (await db.query(`select * from ${table} order by line`)).rows.map((r) => JSON.stringify(r));
    const binary = await read("bin_rows");
    expect(binary).toHaveLength(rows.length);
    expect(binary).toEqual(await read("json_rows"));
    // And the values themselves, for a few that text parsing could mask.
    const { rows: back } = await db.query<{ duration_sec: string; caller_name: string; started_at: Date }>(
      "select duration_sec::text, caller_name, started_at from bin_rows order by line",
    );
    expect(back.map((r) => r.duration_sec)).toEqual(["0.000", "0.001", "0.250", "1.000", "9.999", "10000.000", "10000.500", "65.000", "12345678.901", "999999999.999", "1.000", "30.001", "100000000.000"]);
    expect(back[1]?.caller_name).toBe(texts[1]);
    expect(back[9]?.caller_name).toBe("lone \uFFFD surrogate $j$");
    expect(back[0]?.started_at.toISOString()).toBe(times[0]);
  });
});
