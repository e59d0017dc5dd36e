import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "e2e-demo-password";
export const logins = {
  agent: "agent@demo.ghostline.test",
  supervisor: "supervisor@demo.ghostline.test",
  admin: "admin@demo.ghostline.test",
} as const;
type RoleName = keyof typeof logins;

export async function signIn(page: Page, role: RoleName) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(logins[role]);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

/** Fails on any serious or critical axe finding, listing them. */
export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(serious).toEqual([]);
}

// One sign-in per role for the whole run (the login is rate-limited); each
// test gets a fresh page in a context carrying that session.
const states = new Map<RoleName, Awaited<ReturnType<import("@playwright/test").BrowserContext["storageState"]>>>();

async function pageAs(browser: Browser, role: RoleName) {
  if (!states.has(role)) {
    const context = await browser.newContext();
    await signIn(await context.newPage(), role);
    states.set(role, await context.storageState());
    await context.close();
  }
  const context = await browser.newContext({ storageState: states.get(role) });
  return { context, page: await context.newPage() };
}

/** A fixture that hands the test a page signed in as `role`, closed after the test. */
const signedInPage =
  (role: RoleName) =>
  async ({ browser }: { browser: Browser }, use: (page: Page) => Promise<void>) => {
    const { context, page } = await pageAs(browser, role);
    await use(page);
    await context.close();
  };

export const test = base.extend<{ agentPage: Page; supervisorPage: Page; adminPage: Page }>({
  agentPage: signedInPage("agent"),
  supervisorPage: signedInPage("supervisor"),
  adminPage: signedInPage("admin"),
});
export { expect };
