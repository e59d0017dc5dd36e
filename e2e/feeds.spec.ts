// A supervisor sets up a source's live feed on its page: makes the feed secret, copies the
// mod_json_cdr snippet (which carries it), a FreeSWITCH-format POST with that secret lands (one
// with a wrong secret does not), and the page shows the feed connected with the pushed CDR's day.
import { readFileSync } from "node:fs";
import { expect, expectNoSeriousA11yViolations, test } from "./fixtures.ts";

const fsJson = readFileSync(new URL("../lib/feeds/fixtures/mod_json_cdr.json", import.meta.url), "utf8").trim();

test("a supervisor makes the feed secret, copies the FreeSWITCH snippet, and sees a pushed CDR arrive", async ({ supervisorPage: page }) => {
  // A source of its own: the demo's customers are not on it, so no other spec's inbox sees its feed.
  const name = `pbx-feed-e2e-${Date.now()}`;
  expect((await page.request.post("/api/v1/sources", { data: { name, format: "freeswitch", timeZone: "America/Chicago" } })).status()).toBe(201);
  await page.goto("/imports");
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(page.url()).origin });
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("button", { name: /feed secret/ }).click();
  const secret = (await page.getByTestId("feed-secret").textContent())!;
  expect(secret).toMatch(/^glf_/);
  await expect(page.locator('[data-snippet="mod_json_cdr"]')).toContainText(`ghostline:${secret}`);
  await page.getByRole("button", { name: "Copy FreeSWITCH: mod_json_cdr" }).click();
  await expect(page.getByText("Copied.").first()).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(`<param name="cred" value="ghostline:${secret}"/>`);

  const res = await page.request.post(`/api/v1/sources/${name}/freeswitch?uuid=e2e`, {
    headers: { authorization: `Basic ${Buffer.from(`ghostline:${secret}`).toString("base64")}`, "content-type": "application/json" },
    data: fsJson.replace(/3f2c9d1e-7b6a-11ef-9c4d-0242ac120002/g, `e2e-${Date.now()}`),
  });
  expect(res.status()).toBe(200);
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(await res.json()).toMatchObject({ inserted: 1 });
  // The production server answers these POSTs ahead of Next (lib/feeds/node-endpoint.ts): a
  // wrong secret gets the route's 401 and Basic challenge there too, and nothing is stored.
  const refused = await page.request.post(`/api/v1/sources/${name}/freeswitch`, {
    headers: { authorization: `Basic ${Buffer.from("ghostline:glf_wrong").toString("base64")}`, "content-type": "application/json" },
    data: fsJson.replace(/3f2c9d1e-7b6a-11ef-9c4d-0242ac120002/g, `e2e-refused-${Date.now()}`),
  });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["www-authenticate"]).toMatch(/^Basic realm=/);

  await page.reload();
  await expect(page.getByText("Connected", { exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: "Feed imports" }).getByRole("row")).toHaveCount(2);
  await expectNoSeriousA11yViolations(page);
});
