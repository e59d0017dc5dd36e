import { beforeAll, describe, expect, it, vi } from "vitest";
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

describe("the session cookie on each request (userFromHeaders)", () => {
  // Through auth.api, not the HTTP handler: the rate-limit test above spent this minute's sign-ins.
  async function signedInCookie() {
    const { headers } = await auth.api.signInEmail({ body: { email: "sup@example.com", password }, returnHeaders: true });
    return headers.get("set-cookie")!.split(";")[0]!;
  }
  const tokenOf = (cookie: string) => decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1)).split(".")[0]!;

  it("reads a fresh session without better-auth's getSession, agreeing with it, and reads a demotion at once", async () => {
    const { userFromHeaders } = await import("./session.ts");
    const { prisma } = await import("@/lib/db/client.ts");
    const cookie = await signedInCookie();
    const headers = new Headers({ cookie });
    const fromAuth = await auth.api.getSession({ headers });
    const getSession = vi.spyOn(auth.api, "getSession");
    try {
      expect(await userFromHeaders(headers)).toMatchObject({ id: fromAuth!.user.id, email: "sup@example.com", role: "SUPERVISOR" });
      await prisma.user.update({ where: { id: fromAuth!.user.id }, data: { role: "AGENT" } });
      expect(await userFromHeaders(headers)).toMatchObject({ role: "AGENT" });
      expect(getSession).not.toHaveBeenCalled();
    } finally {
      getSession.mockRestore();
      await prisma.user.update({ where: { id: fromAuth!.user.id }, data: { role: "SUPERVISOR" } });
    }
  });

  it("runs as the first of two session cookies of the same name, as better-auth does", async () => {
    const { userFromHeaders } = await import("./session.ts");
    const { createUser } = await import("./users.ts");
    await createUser({ email: "other@example.com", role: "AGENT", password }, "test");
    const { headers: other } = await auth.api.signInEmail({ body: { email: "other@example.com", password }, returnHeaders: true });
    const first = await signedInCookie();
    // A sibling subdomain's Domain= cookie arrives after the host's own.
    const both = new Headers({ cookie: `${first}; ${other.get("set-cookie")!.split(";")[0]!}` });
    expect((await auth.api.getSession({ headers: both }))?.user.email).toBe("sup@example.com");
    expect(await userFromHeaders(both)).toMatchObject({ email: "sup@example.com" });
  });

  it("refuses a cookie whose token or signature was changed, and a signed-out session", async () => {
    const { userFromHeaders } = await import("./session.ts");
    const cookie = await signedInCookie();
    const [name, value] = [cookie.slice(0, cookie.indexOf("=")), decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1))];
    const dot = value.lastIndexOf(".");
    const otherToken = `${value.slice(0, dot - 1)}${value[dot - 1] === "a" ? "b" : "a"}${value.slice(dot)}`;
    const otherSignature = `${value.slice(0, dot + 1)}${"A".repeat(43)}=`;
    for (const forged of [otherToken, otherSignature, value.slice(0, dot), "", "."]) {
      expect(await userFromHeaders(new Headers({ cookie: `${name}=${encodeURIComponent(forged)}` }))).toBeNull();
    }
    expect(await userFromHeaders(new Headers())).toBeNull();
    const signOut = await auth.api.signOut({ headers: new Headers({ cookie }) });
    expect(signOut.success).toBe(true);
    expect(await userFromHeaders(new Headers({ cookie }))).toBeNull();
  });

  it("leaves a session due for its refresh to better-auth, which extends it, and an expired one, which it deletes", async () => {
    const { userFromHeaders } = await import("./session.ts");
    const { prisma } = await import("@/lib/db/client.ts");
    const cookie = await signedInCookie();
    const token = tokenOf(cookie);
    // Signed in 2 hours ago: past the 1-hour updateAge of a 12-hour session.
    const dueAt = new Date(Date.now() + 10 * 3600_000);
    await prisma.session.update({ where: { token }, data: { expiresAt: dueAt } });
    expect(await userFromHeaders(new Headers({ cookie }))).toMatchObject({ email: "sup@example.com" });
    const refreshed = await prisma.session.findUniqueOrThrow({ where: { token } });
    expect(refreshed.expiresAt.getTime()).toBeGreaterThan(dueAt.getTime() + 3600_000);

    await prisma.session.update({ where: { token }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await userFromHeaders(new Headers({ cookie }))).toBeNull();
    expect(await prisma.session.findUnique({ where: { token } })).toBeNull();
  });
});
