import { readFileSync } from "node:fs";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures.ts";

// Four good Asterisk rows and one that is not a CDR (wrong column count: rejected, kept).
const good = readFileSync(new URL("../lib/cdr/fixtures/asterisk-18.csv", import.meta.url), "utf8").trimEnd().split("\n");
const MASTER = `${[good[0], '"not","a","cdr"', ...good.slice(1)].join("\n")}\n`;

test("an agent drops an Asterisk export, watches it load, and sees the summary and the rejected row", async ({ agentPage: page }) => {
  await page.goto("/imports");
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Source (PBX)").selectOption("pbx-chicago");

  // Drag and drop: the browser hands the dropzone a DataTransfer holding the file.
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "Master-e2e.csv", { type: "text/csv" }));
    return dt;
  }, MASTER);
  await page.getByTestId("cdr-dropzone").dispatchEvent("drop", { dataTransfer });
  await expect(page.getByText("Master-e2e.csv")).toBeVisible();

  await page.getByRole("button", { name: "Import", exact: true }).click();
  // The server-side load, polled every second, ends LOADED with its counts.
  const outcome = page.getByRole("region", { name: "Import of Master-e2e.csv" });
  await expect(outcome.getByText("Loaded", { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(outcome.getByText(/5 rows read, \d+ inserted, \d+ duplicate, 1 rejected/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("link", { name: "See the 1 rejected row" }).click();
  await expect(page.getByRole("heading", { name: "Master-e2e.csv", level: 1 })).toBeVisible();
  const reject = page.getByRole("row").filter({ hasText: '"not","a","cdr"' });
  await expect(reject).toContainText("wrong column count");
  await expect(reject.getByRole("cell").first()).toHaveText("2");
  await expectNoSeriousA11yViolations(page);
});

test("a supervisor adds a source and must preview its first file before loading it", async ({ supervisorPage: page }) => {
  const name = `pbx-e2e-${Date.now()}`;
  await page.goto("/imports");
  await page.getByText("Add a source").click();
  await page.getByLabel("Source name").fill(name);
  await page.getByLabel("CDR format").selectOption("asterisk");
  await page.getByLabel("PBX time zone").fill("America/Chicago");
  await page.getByRole("button", { name: "Add source" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Added ${name}` })).toBeVisible();

  await page.getByLabel("Source (PBX)").selectOption(name);
  await page.getByLabel("or choose a file").setInputFiles({ name: "first.csv", mimeType: "text/csv", buffer: Buffer.from(MASTER) });
  await expect(page.getByText(`${name} has no import yet`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Import", exact: true })).toBeDisabled();

  await page.getByRole("button", { name: "Preview first 50 rows" }).click();
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.getByText("Detected: asterisk")).toBeVisible();
  await expect(preview.getByRole("table").getByRole("row")).toHaveCount(5); // header + 4 rows
  await expect(preview.getByText("wrong column count")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("region", { name: "Import of first.csv" }).getByText("Loaded", { exact: true })).toBeVisible({ timeout: 20_000 });
});
