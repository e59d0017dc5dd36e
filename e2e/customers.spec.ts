import { expect, expectNoSeriousA11yViolations, test } from "./fixtures.ts";

test("a supervisor creates a customer with a number and a phone, and sees them on the customer page", async ({ supervisorPage: page }) => {
  // Unique per run: the e2e database keeps what earlier runs made.
  const suffix = String(Date.now()).slice(-6);
  const account = `ELM-${suffix}`;
  const mac = `80:5E:C0:${suffix.slice(0, 2)}:${suffix.slice(2, 4)}:${suffix.slice(4, 6)}`;

  await page.goto("/customers");
  await page.getByRole("link", { name: "New customer" }).click();
  await expect(page.getByRole("heading", { name: "New customer", level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("Account").fill(account);
  await page.getByLabel("Name").fill("Elm Pediatrics");
  await page.getByLabel("Time zone").fill("America/Chicago");
  await page.getByLabel("Numbers and extensions").fill(`(312) 555-${suffix.slice(-4)}\n7${suffix.slice(-3)}`);
  await page.getByRole("checkbox", { name: /pbx-chicago/ }).check();
  await page.getByRole("button", { name: "Create customer" }).click();

  await expect(page).toHaveURL(new RegExp(`/customers/${account}$`));
  await expect(page.getByRole("heading", { name: "Elm Pediatrics", level: 1 })).toBeVisible();
  await expect(page.getByText(`+1312555${suffix.slice(-4)}`).first()).toBeVisible();

  await page.getByRole("link", { name: "Edit customer" }).click();
  await expect(page.getByRole("heading", { name: "Edit Elm Pediatrics", level: 1 })).toBeVisible();
  await page.getByLabel("Vendor").selectOption("yealink");
  await page.getByLabel("Model").selectOption("T46G");
  await page.getByLabel("Firmware").fill("28.73.0.50");
  await page.getByLabel("MAC address").fill(mac);
  await page.getByLabel("Extension", { exact: true }).fill(`7${suffix.slice(-3)}`);
  await page.getByRole("button", { name: "Add phone" }).click();
  await expect(page.getByRole("button", { name: `Remove yealink T46G (extension 7${suffix.slice(-3)})` })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("link", { name: "Back to the customer" }).click();
  await expect(page.getByRole("heading", { name: "Elm Pediatrics", level: 1 })).toBeVisible();
  // The phone, as the customer page lists it (its layout belongs to the case page).
  await expect(page.getByText("28.73.0.50").first()).toBeVisible();
  await expect(page.getByText("T46G").first()).toBeVisible();
});

test("a phone whose MAC is already on record is refused with the owner named", async ({ supervisorPage: page }) => {
  await page.goto("/customers/BIRCH-002/edit");
  const add = page.locator("form").filter({ has: page.getByRole("button", { name: "Add phone" }) });
  await add.getByLabel("Vendor").selectOption("yealink");
  await add.getByLabel("Model").selectOption("T46G");
  await add.getByLabel("Firmware").fill("28.73.0.50");
  await add.getByLabel("MAC address").fill("80-5e-c0-a1-b2-c3");
  await add.getByRole("button", { name: "Add phone" }).click();
  await expect(add.getByText("MAC 80:5e:c0:a1:b2:c3 is already on a phone of Acme Dental (ACME-001)")).toBeVisible();
  // What was typed is still there to correct.
  await expect(add.getByLabel("Firmware")).toHaveValue("28.73.0.50");
});

test("an agent can't create or delete customers", async ({ agentPage: page }) => {
  await page.goto("/customers");
  await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "New customer" })).toHaveCount(0);
  await page.goto("/customers/new");
  await expect(page.getByRole("heading", { name: "Your role cannot open this page" })).toBeVisible();
  await page.goto("/customers/ACME-001/edit");
  await expect(page.getByRole("heading", { name: "Edit Acme Dental", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Delete customer" })).toHaveCount(0);
});
