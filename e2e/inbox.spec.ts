import { expect, expectNoSeriousA11yViolations, test } from "./fixtures.ts";

test("an agent jumps from a ticket number to its customer", async ({ agentPage: page }) => {
  await page.goto("/inbox");
  await expect(page.getByRole("heading", { name: "Inbox", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Ringing again after remediation" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Ticket number").fill("T-404-NOPE");
  await page.getByRole("button", { name: "Open customer" }).click();
  // Next.js keeps an empty role="alert" route announcer on the page too: find the message by its text.
  await expect(page.getByRole("alert").filter({ hasText: "No reported ring" })).toContainText("No reported ring has ticket “T-404-NOPE”");
  await page.getByLabel("Ticket number").fill("T-1002");
  await page.getByRole("button", { name: "Open customer" }).click();
  await expect(page).toHaveURL(/\/customers\/ACME-001$/);
});

test("the overview shows findings, cases, rings per day and sweeps", async ({ supervisorPage: page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Customers by finding" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Cases by status" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Reported rings per day/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Sweeps/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
