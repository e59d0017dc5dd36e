import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/db.ts";

let auth: typeof import("./auth.ts").auth;
const password = "correct horse battery staple";

function signIn(email: string, pass: string) {
  return auth.handler(
    new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000" },
      body: JSON.stringify({ email, password: pass }),
    }),
  );
}

beforeAll(async () => {
  await useTestDatabase();
  ({ auth } = await import("./auth.ts"));
  const { createUser } = await import("./users.ts");
  await createUser({ email: "Sup@Example.com", role: "SUPERVISOR", password }, "test");
});

describe("email + password sign-in", () => {
  it("signs in with the right password, sets a session cookie, and the session carries the role", async () => {
    const res = await signIn("sup@example.com", password);
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/better-auth\.session_token=/);
    const { userFromHeaders } = await import("./session.ts");
    const actor = await userFromHeaders(new Headers({ cookie: cookie.split(";")[0]! }));
    expect(actor).toMatchObject({ kind: "user", email: "sup@example.com", role: "SUPERVISOR" });
  });

  it("stores a scrypt hash, never the password", async () => {
    const { prisma } = await import("@/lib/db/client.ts");
    const account = await prisma.account.findFirstOrThrow({ where: { providerId: "credential" } });
    expect(account.password).not.toContain(password);
    // better-auth's scrypt format: hex salt, colon, hex key.
    expect(account.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
  });

  it("refuses a wrong password with 401, and self-service sign-up is off", async () => {
    expect((await signIn("sup@example.com", "wrong password!!")).status).toBe(401);
    const signUp = await auth.handler(
      new Request("http://localhost:3000/api/auth/sign-up/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost:3000" },
        body: JSON.stringify({ email: "new@example.com", password, name: "New" }),
      }),
    );
    expect(signUp.status).toBe(400);
  });

  it("rate-limits sign-in attempts: the 11th within a minute gets 429", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await signIn("sup@example.com", `guess number ${i}`)).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(10);
  });
});
