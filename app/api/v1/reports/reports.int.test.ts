import { beforeAll, describe, expect, it } from "vitest";
import { useDemoDatabase } from "@/lib/testing/db.ts";

let POST: typeof import("./route.ts").POST;
let secret: string;
const post = (body: unknown, auth = true) =>
  POST(
    new Request("http://localhost:3000/api/v1/reports", {
      method: "POST",
      headers: { "content-type": "application/json", ...(auth ? { authorization: `Bearer ${secret}` } : {}) },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );

beforeAll(async () => {
  ({ secret } = await useDemoDatabase());
  ({ POST } = await import("./route.ts"));
});

describe("POST /api/v1/reports", () => {
  it("answers 401 without a token", async () => {
    expect((await post({}, false)).status).toBe(401);
  });

  it("reads a ring time without offset in the customer's zone, and one with Z as absolute", async () => {
    const res = await post([
      // Acme is in America/Chicago: 14:03 in November is 20:03 UTC (CST, UTC-6).
      { account: "ACME-001", number: "(312) 555-0101", ring_time: "2026-11-03 14:03:00", caller_id: "100", ticket: "T-9" },
      { account: "ACME-001", number: "101", ring_time: "2026-11-03T20:03:00Z" },
    ]);
    expect(res.status).toBe(201);
    const { reports } = await res.json();
    expect(reports.map((r: { number: string; ringAt: string }) => [r.number, r.ringAt])).toEqual([
      ["+13125550101", "2026-11-03T20:03:00.000Z"],
      ["101", "2026-11-03T20:03:00.000Z"],
    ]);
  });

  it("answers with each ring's verdict, decided before the answer", async () => {
    // Two days ago at 03:30 in Chicago: inside the demo PBX's imported history, which holds only
    // office-hours calls; and a ring long before that history.
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Chicago" }).format(new Date(Date.now() - 2 * 86_400_000));
    const res = await post([
      { account: "ACME-001", number: "101", ring_time: `${day}T03:30:00`, caller_id: "100" },
      { account: "ACME-001", number: "101", ring_time: "2020-01-06T10:00:00Z" },
    ]);
    expect(res.status).toBe(201);
    const { reports } = await res.json();
    expect(reports.map((r: { verdict: string }) => r.verdict)).toEqual(["NO_PBX_RECORD", "NO_COVERAGE"]);
  });

  it("stores nothing and names every problem when one report is bad", async () => {
    const { prisma } = await import("@/lib/db/client.ts");
    const before = await prisma.ghostReport.count();
    const res = await post([
      { account: "ACME-001", number: "101", ring_time: "2026-11-03T10:00:00" },
      { account: "NOPE-404", number: "101", ring_time: "2026-11-03T10:00:00" },
    ]);
    expect(res.status).toBe(400);
    expect((await res.json()).problems).toEqual([{ index: 1, field: "account", message: "no customer with account NOPE-404" }]);
    expect(await prisma.ghostReport.count()).toBe(before);
    const badTime = await post({ account: "ACME-001", number: "101", ring_time: "03/11/2026 10:00" });
    expect(badTime.status).toBe(400);
    expect((await badTime.json()).message).toContain("ring_time must be an ISO 8601 date-time");
  });
});
