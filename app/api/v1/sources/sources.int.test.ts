import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/db.ts";

let route: typeof import("./route.ts");
let agent: string;
let supervisor: string;
const URL_ = "http://localhost:3000/api/v1/sources";
const noParams = { params: Promise.resolve({}) };

const post = (secret: string | null, body: unknown) =>
  route.POST(
    new Request(URL_, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", ...(secret ? { authorization: `Bearer ${secret}` } : {}) } }),
    noParams,
  );

beforeAll(async () => {
  await useTestDatabase();
  route = await import("./route.ts");
  const { createApiToken } = await import("@/lib/auth/tokens.ts");
  agent = (await createApiToken({ name: "agent-client", role: "AGENT" })).secret;
  supervisor = (await createApiToken({ name: "supervisor-client", role: "SUPERVISOR" })).secret;
});

describe("/api/v1/sources", () => {
  it("lets a supervisor add a source (canonical zone, mapping kept) and anyone signed in list them", async () => {
    const res = await post(supervisor, {
      name: "legacy-pbx",
      format: "mapped",
      timeZone: "europe/paris",
      defaultCountry: "fr",
      mapping: { start: "Start", caller: "From", callee: "To" },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ name: "legacy-pbx", format: "mapped", timeZone: "Europe/Paris", defaultCountry: "FR", mapping: { start: "Start", hasHeader: true } });

    const list = await route.GET(new Request(URL_, { headers: { authorization: `Bearer ${agent}` } }), noParams);
    expect(list.status).toBe(200);
    expect((await list.json()).data).toEqual([expect.objectContaining({ name: "legacy-pbx", customers: 0, loadedImports: 0 })]);
  });

  it("answers 403 to an agent, 401 anonymous, 400 with the issues, 409 for a taken name", async () => {
    const body = { name: "pbx-x", format: "asterisk", timeZone: "UTC" };
    expect((await post(agent, body)).status).toBe(403);
    expect((await post(null, body)).status).toBe(401);
    const bad = await post(supervisor, { name: "pbx-y", format: "asterisk", timeZone: "Mars/Olympus" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues[0].path).toEqual(["timeZone"]);
    expect((await post(supervisor, body)).status).toBe(201);
    expect((await post(supervisor, body)).status).toBe(409);
  });
});
