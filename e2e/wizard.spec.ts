import { request as playwrightRequest } from "@playwright/test";
import { generateOverrides } from "../lib/remediation/generate.ts";
import type { RemediationRequestInput } from "../lib/remediation/schema.ts";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures.ts";

// What the wizard should send for the steps below: the recommended actions, in catalog order.
const T46G_V73: RemediationRequestInput = {
  vendor: "yealink",
  model: "T46G",
  firmware: "28.73.0.50",
  actions: ["accept-server-only", "disable-ip-calls", "firewall"],
  params: { port: 5070, servers: ["203.0.113.10"] },
};

test("the wizard shows exactly the generator's overrides for a Yealink T46G on V73, and copies them", async ({ agentPage: page }) => {
  const expected = generateOverrides(T46G_V73);
  expect(expected.text).toContain('account.1.sip_trust_ctrl="1"\n');
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);

  await page.goto("/wizard");
  await expect(page.getByRole("heading", { name: "Remediation wizard", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Device", level: 2 })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("Vendor").selectOption("yealink");
  await page.getByLabel("Model").selectOption("T46G");
  await page.getByLabel("Firmware").fill("28.73.0.50");
  await expect(page.getByText("Read as V73")).toBeVisible();
  await page.getByRole("button", { name: "Next", exact: true }).click();

  await expect(page.getByRole("heading", { name: "Actions", level: 2 })).toBeFocused();
  await expect(page.getByRole("checkbox", { name: "Accept SIP only from the SIP server" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Disable direct IP calls" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Firewall: SIP only from the SIP servers" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Move the local SIP port off 5060" })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Check the SIP user ID of incoming INVITEs" })).toBeDisabled();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Next", exact: true }).click();

  await expect(page.getByRole("heading", { name: "Parameters", level: 2 })).toBeVisible();
  await page.getByLabel("Port").fill("5060");
  await page.getByLabel("SIP server addresses").fill("203.0.113.10");
  await page.getByRole("button", { name: "Show the overrides" }).click();
  // The schema's own message, inline, and the step does not advance.
  await expect(page.getByText("5060 and 5061 are the standard SIP ports scanners try first; choose another port")).toBeVisible();
  await expect(page.getByLabel("Port")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Port").fill("5070");
  await page.getByRole("button", { name: "Show the overrides" }).click();

  await expect(page.getByRole("heading", { name: "Output", level: 2 })).toBeVisible();
  const lines = page.getByRole("region", { name: "Override lines" });
  await expect(lines).toBeVisible();
  expect(await lines.textContent()).toBe(expected.text);
  await expect(page.getByRole("tabpanel")).toContainText("iptables -A GHOSTLINE_SIP -s 203.0.113.10 -j RETURN");
  await expect(page.getByLabel("Ticket summary")).toHaveValue(/Ghost-call remediation for Yealink T46G, firmware 28\.73\.0\.50\./);
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByRole("button", { name: "Copied", exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected.text);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download .txt" }).click();
  expect((await download).suggestedFilename()).toBe("ghostline-yealink-overrides.txt");

  // The native file is Yealink's .cfg.
  await page.getByText("Native file").click();
  expect(await lines.textContent()).toBe(generateOverrides({ ...T46G_V73, syntax: "native" }).text);
  await expect(page.getByRole("button", { name: "Download .cfg" })).toBeVisible();
});

test("the lint page flags a V73 key pasted for a V86 phone", async ({ agentPage: page }) => {
  await page.goto("/wizard/lint");
  await expect(page.getByRole("heading", { name: "Lint existing overrides", level: 1 })).toBeVisible();
  await page.getByLabel("Vendor").selectOption("yealink");
  await page.getByLabel("Firmware").fill("96.86.0.70");
  await page.getByLabel("Override text").fill('account.1.sip_trust_ctrl="1"\nfeatures.direct_ip_call_enable="0"\n');
  await expect(page.getByRole("status")).toHaveText("1 error, 0 warnings.");
  await expect(page.getByText('account.1.sip_trust_ctrl belongs to firmware V70 to V73, V80; this phone runs V86; use sip.trust_ctrl="1".')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("POST /api/v1/remediation answers an agent with the generator's output, and a 400 for port 5060", async ({ agentPage: page }) => {
  const ok = await page.request.post("/api/v1/remediation", { data: T46G_V73 });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toEqual(generateOverrides(T46G_V73));

  const bad = await page.request.post("/api/v1/remediation", { data: { ...T46G_V73, actions: ["listen-port"], params: { port: 5060 } } });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ error: "invalid_request", issues: [{ path: ["params", "port"] }] });
});

test("the remediation API refuses anonymous callers", async ({ baseURL }) => {
  const api = await playwrightRequest.newContext({ baseURL });
  for (const path of ["/api/v1/remediation", "/api/v1/remediation/lint"]) {
    const response = await api.post(path, { data: T46G_V73 });
    expect(response.status()).toBe(401);
    expect(await response.json()).toMatchObject({ error: "unauthorized" });
  }
  await api.dispose();
});
