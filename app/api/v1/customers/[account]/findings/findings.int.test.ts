import { beforeAll, describe, expect, it } from "vitest";
import { useDemoDatabase } from "@/lib/testing/db.ts";

let GET: typeof import("./route.ts").GET;
let secret: string;

const call = (account: string, headers: HeadersInit = {}) =>
  GET(new Request(`http://localhost:3000/api/v1/customers/${account}/findings`, { headers }), { params: Promise.resolve({ account }) });

beforeAll(async () => {
  ({ secret } = await useDemoDatabase());
  ({ GET } = await import("./route.ts"));
});

describe("GET /api/v1/customers/:account/findings", () => {
  it("answers 401 without a session or token", async () => {
    expect((await call("ACME-001")).status).toBe(401);
  });

  it("gives one customer's verdicts and finding", async () => {
    const res = await call("ACME-001", { authorization: `Bearer ${secret}` });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.verdicts.map((v: { ticket: string; verdict: string }) => [v.ticket, v.verdict]).sort()).toEqual([
      ["T-1001", "PBX_RECORD_FOUND"],
      ["T-1002", "NO_PBX_RECORD"],
      ["T-1002", "NO_PBX_RECORD"],
    ]);
    expect(body.verdicts[0]).toHaveProperty("ringTime");
    expect(body.findings).toEqual([expect.objectContaining({ account: "ACME-001", level: "LIKELY_SCANNED", score: 80 })]);
  });

  it("answers NOT_INDICATED for a customer without reports, 404 JSON for an unknown one", async () => {
    const birch = await (await call("BIRCH-002", { authorization: `Bearer ${secret}` })).json();
    expect(birch).toMatchObject({ verdicts: [], findings: [{ account: "BIRCH-002", level: "NOT_INDICATED", score: 0 }] });
    const res = await call("NOPE-999", { authorization: `Bearer ${secret}` });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "not_found" });
  });
});
