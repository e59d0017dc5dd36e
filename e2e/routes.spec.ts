// Every route in app/ refuses an anonymous request, found from the file tree (lib/testing/routes.ts)
// so a route added later is covered without being listed here. Against the production server:
// whether a page redirects is decided by Next's rendering of its layouts and page, which only the
// real server does. Pages and non-API handlers must send the visitor to /login; /api routes answer
// 401. Only the routes in PUBLIC answer an anonymous visitor, and each says how it does.
import { fileURLToPath } from "node:url";
import { type APIRequestContext, type APIResponse, request as playwrightRequest } from "@playwright/test";
import { type AppRoute, appRoutes, dynamicSegments, fillPattern } from "../lib/testing/routes.ts";
import { expect, pageAs, test } from "./fixtures.ts";

const routes = appRoutes(fileURLToPath(new URL("..", import.meta.url)));

type Probe = (api: APIRequestContext) => Promise<void>;

/** The routes open to anyone, by pattern: the way in, the auth endpoints behind it, and health. */
const PUBLIC: Record<string, Probe> = {
  "/login": async (api) => {
    const res = await api.get("/login", { maxRedirects: 0 });
    expect(res.status()).toBe(200);
    expect(await res.text()).toContain("Sign in to triage ghost calls");
  },
  // better-auth's endpoints answer for themselves: no session yet, and a sign-in it refuses on the
  // credentials (not on the missing session).
  "/api/auth/[...all]": async (api) => {
    const session = await api.get("/api/auth/get-session", { maxRedirects: 0 });
    expect(session.status()).toBe(200);
    expect(await session.json()).toBeNull();
    const signIn = await api.post("/api/auth/sign-in/email", {
      data: { email: "nobody@demo.ghostline.test", password: "not a password of anyone" },
      maxRedirects: 0,
    });
    expect(signIn.status()).toBe(401);
    expect(await signIn.json()).toMatchObject({ code: "INVALID_EMAIL_OR_PASSWORD" });
  },
  "/api/health": async (api) => {
    const res = await api.get("/api/health", { maxRedirects: 0 });
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
  },
};

// Real records of the demo for the dynamic segments that name one (filled in beforeAll), so a
// route that checked the session only after finding its record would be caught showing it.
// Any other segment gets a made-up value: the session must be checked before it is looked up.
const values: Record<string, string> = { "customers/[account]": "ACME-001", "sources/[name]": "pbx-chicago" };

// A cookie of the session's name with a made-up token and signature, and a made-up API token.
const FORGED_COOKIE = "better-auth.session_token=forged-session-token.Zm9yZ2VkLXNpZ25hdHVyZQ%3D%3D";
const FORGED_BEARER = "Bearer gl_forgedforgedforgedforgedforgedforgedforg";

let anonymous: APIRequestContext;

test.beforeAll(async ({ browser, baseURL }) => {
  const { context, page } = await pageAs(browser, "agent");
  const customer = await (await page.request.get("/api/v1/customers/ACME-001")).json();
  values["devices/[id]"] = customer.customer.devices[0].id;
  await page.goto("/imports");
  const href = await page.locator('a[href^="/imports/"]').first().getAttribute("href");
  values["imports/[id]"] = values["cdr-imports/[id]"] = href!.split("/").pop()!;
  await context.close();
  anonymous = await playwrightRequest.newContext({ baseURL });
});

test.afterAll(async () => {
  await anonymous?.dispose();
});

function send(route: AppRoute, method: string, headers: Record<string, string> = {}): Promise<APIResponse> {
  const url = fillPattern(route.pattern, values);
  const body = method === "GET" || method === "HEAD" ? {} : { data: {} };
  return anonymous.fetch(url, { method, headers, maxRedirects: 0, ...body });
}

function expectLoginRedirect(res: APIResponse) {
  expect([302, 303, 307], `status of ${res.url()}`).toContain(res.status());
  expect(new URL(res.headers().location ?? "", res.url()).pathname).toBe("/login");
}

async function expectUnauthorized(res: APIResponse) {
  expect(res.status(), `status of ${res.url()}`).toBe(401);
  expect(await res.json()).toMatchObject({ error: "unauthorized" });
}

test.describe("[reliability: routes] anonymous requests to every route in app/", () => {
  test("the file tree has pages and handlers, every handler exports a method, and each public route exists", () => {
    expect(routes.filter((r) => r.kind === "page").length).toBeGreaterThan(5);
    expect(routes.filter((r) => r.kind === "handler" && r.methods.length === 0).map((r) => r.file)).toEqual([]);
    const patterns = new Set(routes.map((r) => r.pattern));
    expect(Object.keys(PUBLIC).filter((p) => !patterns.has(p))).toEqual([]);
  });

  for (const route of routes) {
    const publicProbe = PUBLIC[route.pattern];
    if (publicProbe) {
      test(`${route.pattern} answers anonymous visitors (${route.file})`, async () => {
        await publicProbe(anonymous);
      });
      continue;
    }
    if (route.kind === "page") {
      test(`page ${route.pattern} sends them to /login (${route.file})`, async () => {
        expectLoginRedirect(await send(route, "GET"));
        expectLoginRedirect(await send(route, "GET", { cookie: FORGED_COOKIE }));
      });
      continue;
    }
    for (const method of route.methods) {
      const api = route.pattern.startsWith("/api/");
      test(`${method} ${route.pattern} ${api ? "answers 401" : "sends them to /login"} (${route.file})`, async () => {
        if (api) {
          await expectUnauthorized(await send(route, method));
          await expectUnauthorized(await send(route, method, { authorization: FORGED_BEARER }));
          await expectUnauthorized(await send(route, method, { cookie: FORGED_COOKIE }));
        } else {
          expectLoginRedirect(await send(route, method));
          expectLoginRedirect(await send(route, method, { cookie: FORGED_COOKIE }));
        }
      });
    }
  }

  test("every dynamic segment of a route naming a demo record got that record", () => {
    const named = routes.flatMap((r) => dynamicSegments(r.pattern).map((p) => ({ pattern: r.pattern, p })));
    for (const { pattern } of named.filter(({ p }) => p === "account" || p === "id")) {
      expect(fillPattern(pattern, values, "MISSING"), pattern).not.toContain("MISSING");
    }
  });
});
