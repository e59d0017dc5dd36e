import { expect, expectNoSeriousA11yViolations, test } from "./fixtures.ts";

test("an agent reports a night ring the PBX never saw and gets the verdict at once", async ({ agentPage: page }) => {
  await page.goto("/reports/new");
  await expectNoSeriousA11yViolations(page);
  // Two days ago at 03:30 in Chicago: inside the demo PBX's imported history,
  // which holds only office-hours calls.
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Chicago" }).format(new Date(Date.now() - 2 * 86_400_000));
  await page.getByLabel("Customer", { exact: true }).selectOption("ACME-001");
  await page.getByLabel("Number or extension that rang").fill("101");
  await page.getByLabel(/Ring time, in the customer's time \(America\/Chicago\)/).fill(`${day}T03:30`);
  await page.getByLabel("Caller ID the phone showed").fill("100");
  await page.getByLabel("Ticket").fill("T-E2E-1");
  await page.getByRole("button", { name: "Check this ring" }).click();
  await expect(page.getByRole("status")).toContainText("No PBX record");
  await expect(page.getByRole("status")).toContainText("ACME-001 · 101");
});

test("the queue lists the demo's scanned customers", async ({ supervisorPage: page }) => {
  await page.goto("/queue");
  await expect(page.getByRole("row", { name: /^ACME-001/ }).getByText("Likely scanned")).toBeVisible();
  await expect(page.getByRole("row", { name: /^BIRCH-002/ })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});

test("a technician goes from the customer to the wizard, prefilled with the phone", async ({ agentPage: page }) => {
  await page.goto("/customers");
  await page.getByRole("link", { name: "Acme Dental" }).click();
  await expect(page.getByRole("heading", { name: "Acme Dental", level: 1 })).toBeVisible();
  await expect(page.getByText("Likely scanned", { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: /Fix this device/ }).click();
  await expect(page.getByLabel("Vendor")).toHaveValue("yealink");
  await expect(page.getByLabel("Firmware")).toHaveValue("28.73.0.50");
});
