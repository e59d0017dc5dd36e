import { beforeAll, describe, expect, it } from "vitest";
import { useDemoDatabase } from "@/lib/testing/db.ts";

let GET: typeof import("./route.ts").GET;
let secret: string;

const call = (query = "", headers: HeadersInit = {}) =>
  GET(new Request(`http://localhost:3000/api/v1/customers${query}`, { headers }), { params: Promise.resolve({}) });

beforeAll(async () => {
  ({ secret } = await useDemoDatabase());
  ({ GET } = await import("./route.ts"));
});

describe("GET /api/v1/customers", () => {
  it("answers 401 without a session or token", async () => {
    const res = await call();
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: "unauthorized" });
  });

  it("answers 401 for an unknown token", async () => {
    expect((await call("", { authorization: "Bearer gl_not-a-real-token" })).status).toBe(401);
  });

  it("lists customers, paginated, for a Bearer token", async () => {
    const res = await call("?perPage=2", { authorization: `Bearer ${secret}` });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.total).toBe(3);
    expect(body.data.map((c: { account: string }) => c.account)).toEqual(["ACME-001", "BIRCH-002"]);
    expect(body.data[0].numbers).toContainEqual({ kind: "DID", number: "+13125550101" });
  });

  it("searches by number and refuses an unknown sort key with 400", async () => {
    const found = await (await call("?q=5550303", { authorization: `Bearer ${secret}` })).json();
    expect(found.data.map((c: { account: string }) => c.account)).toEqual(["CEDAR-003"]);
    const bad = await call("?sort=password", { authorization: `Bearer ${secret}` });
    expect(bad.status).toBe(400);
  });

  it("stops accepting a token once it is revoked", async () => {
    const { prisma } = await import("@/lib/db/client.ts");
    await prisma.apiToken.updateMany({ data: { revokedAt: new Date() } });
    expect((await call("", { authorization: `Bearer ${secret}` })).status).toBe(401);
  });
});
