import { beforeAll, describe, expect, it } from "vitest";
import { DAY, addCase, addCustomer, addFinding } from "@/lib/testing/fixtures.ts";
import { useTestDatabase } from "@/lib/testing/db.ts";

let GET: typeof import("./route.ts").GET;
let secret: string;

const call = (query = "", headers: HeadersInit = { authorization: `Bearer ${secret}` }) =>
  GET(new Request(`http://localhost:3000/api/v1/queue${query}`, { headers }), { params: Promise.resolve({}) });

beforeAll(async () => {
  await useTestDatabase();
  ({ GET } = await import("./route.ts"));
  const { createApiToken } = await import("@/lib/auth/tokens.ts");
  ({ secret } = await createApiToken({ name: "queue-test", role: "AGENT" }));
  const acme = await addCustomer("ACME-001", "Acme Dental", ["yealink"]);
  await addFinding(acme, { level: "LIKELY_SCANNED", score: 90, lastNoRecordAt: new Date(Date.now() - DAY) });
  await addCase(acme, { status: "NEW" });
  // A name from an imported file that a spreadsheet would run as a formula.
  const evil = await addCustomer("=HYPERLINK(\"http://evil\")", "-2+3", ["polycom"]);
  await addFinding(evil, { level: "POSSIBLE", score: 40 });
  for (let i = 0; i < 30; i++) {
    const id = await addCustomer(`BULK-${String(i).padStart(3, "0")}`);
    await addFinding(id, { level: "POSSIBLE", score: 10 });
  }
});

describe("GET /api/v1/queue", () => {
  it("answers 401 without a session or token", async () => {
    const res = await call("", {});
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: "unauthorized" });
    expect((await call("", { authorization: "Bearer gl_nope" })).status).toBe(401);
  });

  it("answers a page of the queue as JSON, filtered like the page", async () => {
    const res = await call("?perPage=25&level=LIKELY_SCANNED");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ total: 1, page: 1, perPage: 25 });
    expect(body.data[0]).toMatchObject({ account: "ACME-001", status: "NEW", level: "LIKELY_SCANNED", vendors: ["yealink"] });
    const all = await (await call("?perPage=25&sort=password")).json();
    expect(all.total).toBe(32);
    expect(all.data).toHaveLength(25);
    expect(all.data[0].account).toBe("ACME-001");
  });

  it("exports every row of the view as CSV, formulas neutralised", async () => {
    const res = await call("?perPage=25&page=2&format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="ghostline-queue-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^account,name,level,score,/);
    // All 32 customers, not the 25 of a page.
    expect(lines).toHaveLength(33);
    expect(lines[1]).toMatch(/^ACME-001,Acme Dental,LIKELY_SCANNED,90,/);
    expect(lines[2]).toMatch(/^"'=HYPERLINK\(""http:\/\/evil""\)",'-2\+3,POSSIBLE,40,/);
  });

  it("exports only the filtered view", async () => {
    const text = await (await call("?q=acme&format=csv")).text();
    expect(text.trimEnd().split("\r\n")).toHaveLength(2);
  });
});
