// `ghostline cases advance` and `ghostline verdicts` as cron and a user run them: a real process.
import { beforeAll, describe, expect, it } from "vitest";
import { runGhostline } from "@/lib/testing/cli.ts";
import { useDemoDatabase } from "@/lib/testing/db.ts";

let databaseUrl: string;
const ghostline = (...args: string[]) => runGhostline(databaseUrl, ...args);

beforeAll(async () => {
  ({ url: databaseUrl } = await useDemoDatabase());
});

describe("ghostline cases advance", () => {
  it("moves a case whose grace period has passed to VERIFYING and prints JSON", async () => {
    const { prisma } = await import("@/lib/db/client.ts");
    const acme = await prisma.case.findFirstOrThrow({ where: { customer: { account: "ACME-001" } } });
    await prisma.case.update({ where: { id: acme.id }, data: { status: "REMEDIATION_SENT", remediationSentAt: new Date(Date.now() - 30 * 3_600_000) } });
    const run = ghostline("cases", "advance", "--json");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ verifying: [acme.number], resolved: [] });
    expect(await prisma.case.findUniqueOrThrow({ where: { id: acme.id } })).toMatchObject({ status: "VERIFYING" });
    const again = ghostline("cases", "advance");
    expect(again.stdout).toContain("0 case(s) now verifying");
  });
});

describe("ghostline verdicts", () => {
  it("prints the stored verdicts, the same after --refresh", () => {
    const stored = ghostline("verdicts", "--customer", "CEDAR-003", "--json");
    expect(stored.status).toBe(0);
    const body = JSON.parse(stored.stdout);
    expect(body.verdicts.map((v: { ticket: string; verdict: string }) => [v.ticket, v.verdict])).toEqual([["T-1003", "NO_PBX_RECORD"]]);
    expect(body.findings).toEqual([expect.objectContaining({ account: "CEDAR-003", level: "LIKELY_SCANNED" })]);
    const refreshed = ghostline("verdicts", "--customer", "CEDAR-003", "--refresh", "--json");
    expect(refreshed.status).toBe(0);
    expect(JSON.parse(refreshed.stdout)).toEqual(body);
  });
});
