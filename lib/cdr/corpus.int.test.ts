// Issue 16, malformed input: each file goes through runImport (the entry `ghostline
// import-cdrs` and the upload job share) and the test checks what the user is shown: either the
// whole file refused with a message naming its line, or each bad row kept in cdr_reject with its
// line and reason while the good rows after it load.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { asteriskFile, asteriskLine } from "@/lib/testing/cdr.ts";
import { useTestDatabaseClient } from "@/lib/testing/db.ts";
import { useScratchDir } from "@/lib/testing/files.ts";

let db: pg.Client;
let dir: string;
let run: typeof import("./run.ts");
let writes: typeof import("./writes.ts");

beforeAll(async () => {
  ({ db } = await useTestDatabaseClient());
  dir = await useScratchDir("ghostline-corpus-");
  run = await import("./run.ts");
  writes = await import("./writes.ts");
});

let counter = 0;
/** Imports `bytes` as file `name` into a new source (Asterisk, UTC unless told) as the CLI does. */
async function importFile(bytes: string | Buffer, name: string, source: { format?: string; timeZone?: string } = {}) {
  const src = await writes.createSource(
    { name: `pbx-corpus-${++counter}`, format: (source.format ?? "asterisk") as "asterisk", timeZone: source.timeZone ?? "UTC" },
    { actorId: null, actorLabel: "test" },
  );
  const path = join(dir, `${counter}-${name}`);
  await writeFile(path, bytes);
  const queued = await writes.createQueuedImport({ source: src.name, fileName: name, fileSize: Buffer.byteLength(bytes), uploadPath: path, importedBy: "cli" });
  const result = await run.runImport(queued.id);
  const row = (await db.query("select status, error, error_line, rows_inserted, rows_rejected, messages from cdr_import where id = $1", [queued.id])).rows[0];
  const rejects = (await db.query("select line, reason, field from cdr_reject where import_id = $1 order by line", [queued.id])).rows;
  const lines = (await db.query<{ line: number }>("select line from cdr where import_id = $1 order by line", [queued.id])).rows.map((r) => r.line);
  return { result, row, rejects, lines };
}

/** Lines 1..n of a good export, as an array (1-based line i is index i - 1). */
const good = (n: number) => asteriskFile(0, n).trimEnd().split("\n");

/** Line `n` (1-based) of `lines` rewritten by `edit`. */
function withLine(lines: string[], n: number, edit: (line: string) => string): string {
  const copy = [...lines];
  copy[n - 1] = edit(copy[n - 1] as string);
  return `${copy.join("\n")}\n`;
}

describe("[reliability: corpus] malformed CDR files", () => {
  it("a truncated .gz: the rows before the cut load, the cut-off line is kept as a reject with its line", async () => {
    const gz = gzipSync(Buffer.from(asteriskFile(0, 2000)));
    const { result, rejects, lines } = await importFile(gz.subarray(0, Math.floor(gz.length / 2)), "Master.csv.gz");
    expect(result).toMatchObject({ status: "LOADED", messages: [expect.objectContaining({ code: "gzip-truncated" })] });
    // Every line read is either loaded or rejected; the one cut mid-record is the last.
    expect(rejects).toHaveLength(1);
    const cut = rejects[0].line;
    expect(rejects[0].reason).toMatch(/unterminated quote.*truncated/);
    expect(lines).toEqual(Array.from({ length: cut - 1 }, (_, i) => i + 1));
    expect(result?.rowsRead).toBe(cut);
  });

  it("invalid UTF-8 mid-file: the row loads (read as Windows-1252) with a warning naming line and field; nothing lost", async () => {
    const text = good(300);
    const bytes = Buffer.concat([
      Buffer.from(`${text.slice(0, 150).join("\n")}\n`),
      Buffer.from((text[150] as string).replace("Caller", "Caller \xff\xfe"), "latin1"),
      Buffer.from(`\n${text.slice(151).join("\n")}\n`),
    ]);
    const { result, lines } = await importFile(bytes, "utf8.csv");
    expect(result).toMatchObject({ status: "LOADED", rowsInserted: 300, rowsRejected: 0 });
    expect(result?.messages).toContainEqual({ code: "invalid-utf8", message: "invalid UTF-8 in clid; read as Windows-1252", line: 151 });
    expect(lines).toHaveLength(300);
  });

  it("a NUL byte: the file is refused as binary with the line of the NUL, nothing loaded", async () => {
    const { result, row, lines } = await importFile(withLine(good(300), 150, (l) => l.replace("Caller", "Cal\0ler")), "nul.csv");
    expect(result).toMatchObject({ status: "REFUSED", rowsInserted: 0, errorLine: 150 });
    expect(row).toMatchObject({ status: "REFUSED", error_line: 150, error: expect.stringMatching(/^nul\.csv: line 150: file is binary/) });
    expect(lines).toEqual([]);
  });

  it("one 10 MB line: the file is refused naming that line, rather than loading the rows before it and dropping those after", async () => {
    const { result, row, lines, rejects } = await importFile(withLine(good(300), 151, (l) => l.replace("PJSIP/", `PJSIP/${"x".repeat(10 * 1024 * 1024)}`)), "big.csv");
    expect(result).toMatchObject({ status: "REFUSED", rowsInserted: 0, errorLine: 151 });
    expect(row).toMatchObject({ status: "REFUSED", error_line: 151, error: expect.stringContaining("line 151: a record grew past 1048576 bytes") });
    expect(lines).toEqual([]);
    expect(rejects).toEqual([]);
  });

  it("an unterminated quote mid-file: that row is rejected with its line and reason; the 150 good rows after it load", async () => {
    const { result, rejects, lines } = await importFile(withLine(good(300), 150, (l) => l.replace('"from-pstn"', '"from-pstn')), "quote.csv");
    expect(result).toMatchObject({ status: "LOADED", rowsInserted: 299, rowsRejected: 1 });
    expect(rejects).toEqual([{ line: 150, reason: "unescaped quote inside a quoted field", field: null }]);
    expect(lines.filter((l) => l > 150)).toHaveLength(150);
  });

  it("wrong column counts: each such row rejected with its line and the counts; the rows after them load", async () => {
    const lines0 = good(300);
    lines0[99] = (lines0[99] as string).split(",").slice(0, 5).join(",");
    const text = withLine(lines0, 200, (l) => `${l},"extra","extra2"`);
    const { result, rejects, lines } = await importFile(text, "cols.csv");
    expect(result).toMatchObject({ status: "LOADED", rowsInserted: 298, rowsRejected: 2 });
    expect(rejects).toEqual([
      { line: 100, reason: "wrong column count: 16, 17, 18 or 21 columns expected for Asterisk cdr_csv, line 100 has 5", field: null },
      { line: 200, reason: "wrong column count: 16, 17, 18 or 21 columns expected for Asterisk cdr_csv, line 200 has 20", field: null },
    ]);
    expect(lines.filter((l) => l > 200)).toHaveLength(100);
  });

  it("a FreeSWITCH file into an Asterisk source: refused naming line 1 and the column counts, nothing loaded", async () => {
    const { result, row, lines } = await importFile(await readFile(new URL("./fixtures/freeswitch-15.csv", import.meta.url)), "fs.csv");
    expect(result).toMatchObject({ status: "REFUSED", rowsInserted: 0 });
    expect(row.error).toBe("fs.csv: 16, 17, 18 or 21 columns expected for Asterisk cdr_csv, line 1 has 15");
    expect(lines).toEqual([]);
  });

  it("times in the source zone's DST gap (America/Chicago 2026-03-08 02:30): loaded, moved by the gap, with a warning per field naming the line", async () => {
    const dst = withLine(good(5), 1, (l) => l.replaceAll(/"2026-07-01 08:0(\d):(\d\d)"/g, '"2026-03-08 02:3$1:$2"'));
    const { result, lines } = await importFile(dst, "dst.csv", { timeZone: "America/Chicago" });
    expect(result).toMatchObject({ status: "LOADED", rowsInserted: 5, rowsRejected: 0 });
    const gap = result?.messages.filter((m) => m.code === "nonexistent-local-time");
    expect(gap?.map((m) => [m.line, m.message.split(" ")[0]])).toEqual([[1, "start"], [1, "answer"], [1, "end"]]);
    expect(gap?.[0]?.message).toContain("2026-03-08 02:30:00 does not exist in America/Chicago");
    // 02:30 CST read with the pre-change offset (-06:00) is 08:30 UTC (03:30 CDT).
    const { rows } = await db.query("select started_at from cdr where import_id = $1 and line = 1", [result?.importId]);
    expect(rows[0].started_at.toISOString()).toBe("2026-03-08T08:30:00.000Z");
    expect(lines).toHaveLength(5);
  });
});
