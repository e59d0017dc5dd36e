// The CLI as a user runs it: a real process, its exit code and its output.
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runGhostline } from "@/lib/testing/cli.ts";
import { useTestDatabase } from "@/lib/testing/db.ts";

let databaseUrl: string;
const ghostline = (...args: string[]) => runGhostline(databaseUrl, ...args);

beforeAll(async () => {
  databaseUrl = await useTestDatabase();
});

describe("ghostline CLI", () => {
  it("db migrate --json prints one JSON object and exits 0 on a migrated database", () => {
    const run = ghostline("db", "migrate", "--json");
    expect(run.status).toBe(0);
    // The first run also makes cdr's partitions around this month (lib/cdr/partitions.ts); the next has nothing to do.
    expect(JSON.parse(run.stdout)).toMatchObject({ applied: [], partitions: expect.arrayContaining([expect.stringMatching(/^cdr_p\d{4}_\d{2}$/)]) });
    const again = ghostline("db", "migrate", "--json");
    expect(JSON.parse(again.stdout)).toEqual({ applied: [], partitions: [] });
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

describe("ghostline customers import and import-reports", () => {
  const csv = (name: string, text: string) => {
    const file = path.join(os.tmpdir(), `ghostline-${process.pid}-${name}`);
    writeFileSync(file, text);
    return file;
  };

  it("imports customers with numbers in any common notation, then their reported rings", () => {
    const customers = csv("customers.csv", [
      "account,name,timezone,numbers,sources",
      'DELTA-9,Delta Dental,America/Chicago,"+1 312 555 0191;(312) 555-0192;191",pbx-test',
    ].join("\n"));
    const run = ghostline("customers", "import", customers, "--json");
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ imported: 1 });

    const reports = csv("reports.csv", [
      "account,number,ring_time,window_minutes,caller_id,ticket",
      "DELTA-9,191,2026-11-03 02:14:00,5,100,T-77",
      "DELTA-9,3125550191,2026-11-03T08:14:00Z,,,T-78",
    ].join("\n"));
    const imported = ghostline("import-reports", reports, "--json");
    expect(imported.status).toBe(0);
    const body = JSON.parse(imported.stdout);
    expect(body.reports.map((r: { number: string; ringTime: string }) => [r.number, r.ringTime])).toEqual([
      ["191", "2026-11-03T08:14:00.000Z"],
      ["+13125550191", "2026-11-03T08:14:00.000Z"],
    ]);
  });

  it("refuses a file with a bad row, naming file, line and field, and imports nothing", () => {
    const file = csv("bad.csv", [
      "account,name,timezone,numbers,sources",
      "OK-1,Fine Co,America/Chicago,101,pbx-test",
      "BAD-2,Broken Co,Mars/Olympus,102,pbx-test",
    ].join("\n"));
    const run = ghostline("customers", "import", file);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${path.basename(file)}: line 3: timezone: Unknown IANA time zone "Mars/Olympus" (e.g. America/New_York, Europe/Paris, UTC)`);
  });

  it("refuses a number another customer already has, and an account that can't be a URL, as the forms do", async () => {
    const file = csv("taken.csv", [
      "account,name,timezone,numbers,sources",
      "ECHO-5,Echo Co,America/Chicago,+1 312 555 0191,pbx-test",
      "new,Not A Page,America/Chicago,,pbx-test",
    ].join("\n"));
    const run = ghostline("customers", "import", file);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${path.basename(file)}: line 3: account: account can't be "new"`);
    const retry = ghostline("customers", "import", csv("taken2.csv", [
      "account,name,timezone,numbers,sources",
      "ECHO-5,Echo Co,America/Chicago,+1 312 555 0191,pbx-test",
    ].join("\n")));
    expect(retry.status).toBe(1);
    expect(retry.stderr).toContain("line 2: numbers: +13125550191 already belongs to customer DELTA-9");
    const { prisma } = await import("@/lib/db/client.ts");
    expect(await prisma.customer.count({ where: { account: "ECHO-5" } })).toBe(0);
  });
});
