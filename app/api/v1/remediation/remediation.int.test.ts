import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/db.ts";

let route: typeof import("./route.ts");
let lint: typeof import("./lint/route.ts");
let agent: string;
const noParams = { params: Promise.resolve({}) };

const request = (path: string, body: unknown) =>
  new Request(`http://localhost:3000/api/v1/remediation${path}`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", authorization: `Bearer ${agent}` },
  });

beforeAll(async () => {
  await useTestDatabase();
  route = await import("./route.ts");
  lint = await import("./lint/route.ts");
  const { createApiToken } = await import("@/lib/auth/tokens.ts");
  agent = (await createApiToken({ name: "agent-client", role: "AGENT" })).secret;
});

describe("/api/v1/remediation model names (issue 12)", () => {
  it("resolves a Polycom model as written on the box and answers the §2 #2 keys without a model warning", async () => {
    const res = await route.POST(request("", { vendor: "polycom", model: "VVX-411", firmware: "5.9.0", actions: ["accept-server-only"] }), noParams);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { lines: { key: string }[]; warnings: { code: string }[] };
    expect(body.lines.map((l) => l.key)).toEqual(["voIpProt.SIP.requestValidation.1.request", "voIpProt.SIP.requestValidation.1.method"]);
    expect(body.warnings.map((w) => w.code)).not.toContain("model-unknown");
  });

  it("generates for an unlisted model with a model-unknown warning, in the generator and the lint", async () => {
    const res = await route.POST(request("", { vendor: "polycom", model: "SoundStructure", firmware: "5.9.0", actions: ["accept-server-only"] }), noParams);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { warnings: { code: string }[] }).warnings.map((w) => w.code)).toContain("model-unknown");
    const linted = await lint.POST(request("/lint", { vendor: "polycom", model: "SoundStructure", firmware: "5.9.0", text: 'voIpProt.SIP.requestValidation.1.method="source"' }), noParams);
    expect(linted.status).toBe(200);
    expect(((await linted.json()) as { findings: { code: string }[] }).findings.map((f) => f.code)).toContain("model-unknown");
  });

  it("answers 400 naming the closest models when the family decides and the model cannot be told", async () => {
    const res = await route.POST(request("", { vendor: "snom", model: "M300", firmware: "10.1", actions: ["accept-server-only"] }), noParams);
    expect(res.status).toBe(400);
    const issues = ((await res.json()) as { issues: { path: string[]; message: string }[] }).issues;
    expect(issues).toEqual([expect.objectContaining({ path: ["model"], message: expect.stringMatching(/closest: .*M100-KLE/) as unknown as string })]);
  });
});
