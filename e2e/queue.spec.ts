import { readFile } from "node:fs/promises";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures.ts";

test("a supervisor filters the queue, keeps the view on reload, and opens a case with the keyboard", async ({ supervisorPage: page }) => {
  await page.goto("/queue");
  const table = page.getByRole("table");
  await expect(table.getByRole("link", { name: "ACME-001" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Filters and sort go to the address, so the view survives a reload and can be shared.
  await page.getByRole("combobox", { name: "Level" }).selectOption("LIKELY_SCANNED");
  await expect(page).toHaveURL(/[?&]level=LIKELY_SCANNED/);
  await page.getByRole("columnheader", { name: /Customer/ }).getByRole("button").click();
  await expect(page).toHaveURL(/[?&]sort=customer/);
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Level" })).toHaveValue("LIKELY_SCANNED");
  await expect(page.getByRole("columnheader", { name: /Customer/ })).toHaveAttribute("aria-sort", "ascending");
  const rows = table.locator("tbody tr");
  // The demo's night rings with scanner caller IDs: Acme (Chicago) and Cedar (New York).
  await expect(rows.nth(0)).toHaveAccessibleName(/^ACME-001/);
  await expect(rows.nth(1)).toHaveAccessibleName(/^CEDAR-003/);
  await expect(table.getByRole("row", { name: /BIRCH-002/ })).toHaveCount(0);

  // One tab stop for the rows; arrows move between them, Enter opens the customer.
  await rows.nth(0).focus();
  await page.keyboard.press("ArrowDown");
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(rows.nth(0)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/customers\/ACME-001$/);
  await expect(page.getByRole("heading", { name: "Acme Dental", level: 1 })).toBeVisible();
});

test("a saved view is a link, and an empty view says what to do", async ({ supervisorPage: page }) => {
  await page.goto("/queue");
  await page.getByRole("navigation", { name: "Saved views" }).getByRole("link", { name: "Remediated but ringing again" }).click();
  await expect(page).toHaveURL(/[?&]ringingAgain=1/);
  await page.getByLabel("Search customer").fill("no-such-customer-zzz");
  await expect(page.getByRole("heading", { name: "No customers in this view" })).toBeVisible();
  await expect(page).toHaveURL(/[?&]q=no-such-customer-zzz/);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).not.toHaveURL(/[?&](q|ringingAgain)=/);
});

test("the CSV export downloads the current view, every row, with spreadsheet formulas neutralised", async ({ supervisorPage: page }) => {
  await page.goto("/queue?level=LIKELY_SCANNED&perPage=25");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^ghostline-queue-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = (await readFile(await file.path(), "utf8")).trimEnd().split("\r\n");
  expect(lines[0]).toBe(
    "account,name,level,score,rings_without_pbx_record_7d,rings_without_pbx_record_30d,last_ring_without_pbx_record_utc," +
      "sweep_with,case_number,case_status,recurrences,assignee,case_updated_utc,device_vendors",
  );
  expect(lines.find((l) => l.startsWith("ACME-001,"))).toMatch(/^ACME-001,Acme Dental,LIKELY_SCANNED,\d+,/);
  // Only the view's rows: every one likely scanned.
  expect(lines.slice(1).every((l) => l.split(",")[2] === "LIKELY_SCANNED")).toBe(true);
  // No cell starts a formula (the demo has no hostile names; lib/queue/csv.test.ts covers them).
  expect(lines.flatMap((l) => l.split(",")).filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
});
