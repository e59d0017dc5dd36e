import { request as playwrightRequest } from "@playwright/test";
import { expect, expectNoSeriousA11yViolations, signIn, test } from "./fixtures.ts";

test("an anonymous visitor is sent to the login page, which is accessible", async ({ page }) => {
  await page.goto("/customers");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: "Sign in to triage ghost calls" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("agent@demo.ghostline.test");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Next's route announcer is an (empty) alert too; pick ours by its text.
  await expect(page.getByRole("alert").filter({ hasText: "That email and password do not match an account." })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
});

test("anonymous API calls get 401; health is public", async ({ baseURL }) => {
  const api = await playwrightRequest.newContext({ baseURL });
  const customers = await api.get("/api/v1/customers");
  expect(customers.status()).toBe(401);
  expect(await customers.json()).toMatchObject({ error: "unauthorized" });
  const health = await api.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok", database: "up", migrations: { status: "current", pending: [] } });
  await api.dispose();
});

test("an agent works in the app but is refused the admin page", async ({ agentPage: page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const item of ["Overview", "Queue", "Customers", "Imports", "Wizard"]) {
    await expect(nav.getByRole("link", { name: item })).toBeVisible();
  }
  await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Your role cannot open this page" })).toBeVisible();
});

test("a supervisor sees the customers from the demo, and is refused the admin page", async ({ supervisorPage: page }) => {
  await page.goto("/customers");
  await expect(page.getByRole("cell", { name: "Acme Dental" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.goto("/imports");
  // The demo's two weeks of PBX history went in through the real import path.
  await expect(page.getByRole("cell", { name: "Master-demo.csv" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "loaded" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.goto("/queue");
  await expectNoSeriousA11yViolations(page);
  expect((await page.goto("/admin"))?.status()).toBe(403);
});

test("an admin manages users and API tokens; the token works on the API once", async ({ adminPage: page, baseURL }) => {
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Admin", level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("Email").fill("new.agent@example.com");
  await page.getByLabel("Initial password (12+ characters)").fill("a long enough password");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("status")).toHaveText("Created new.agent@example.com");
  await expect(page.getByRole("cell", { name: "new.agent@example.com" })).toBeVisible();

  await page.getByLabel("Token name (what uses it)").fill("e2e-ticketing");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByLabel("New token secret").textContent()) ?? "";
  expect(secret).toMatch(/^gl_/);
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
  expect((await api.get("/api/v1/customers")).status()).toBe(200);
  await page.getByRole("button", { name: "Revoke e2e-ticketing" }).click();
  await expect(page.getByRole("button", { name: "Revoke e2e-ticketing" })).toHaveCount(0);
  expect((await api.get("/api/v1/customers")).status()).toBe(401);
  await api.dispose();
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, "agent");
  await page.getByText("Alex Agent").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});
