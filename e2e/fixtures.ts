import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
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

// One sign-in per role for the whole run (sign-in is rate-limited to 10 a minute). The session is
// kept on disk, in the run's own data folder, because Playwright starts a new worker process after
// each failed test: an in-memory cache would sign in again, and a few failures would then trip the
// limit and fail every test after them.
// The web server's GHOSTLINE_DATA_DIR (playwright.config.ts), reset with its database by `npm test`.
const authDir = ".ghostline/e2e/auth";

/** A new context and page signed in as `role` (the run's cached session); close the context after. */
export async function pageAs(browser: Browser, role: RoleName) {
  const stateFile = path.join(authDir, `${role}.json`);
  if (!existsSync(stateFile)) {
    const context = await browser.newContext();
    await signIn(await context.newPage(), role);
    mkdirSync(authDir, { recursive: true });
    await context.storageState({ path: stateFile });
    await context.close();
  }
  const context = await browser.newContext({ storageState: stateFile });
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
