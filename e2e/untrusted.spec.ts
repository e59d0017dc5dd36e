// Hostile values planted through the entry points people and systems use (a CDR upload on the
// Imports page, the customers and reports APIs, the report form, the admin forms), then every page
// that shows them visited in Chromium: no script of theirs runs, no element of theirs exists, the
// text is shown as it is, direction controls are named instead of applied, and the CSV exports
// neutralise formula cells. Fails if any place rendered such a value as HTML.
import { parse } from "csv-parse/sync";
import { readFile } from "node:fs/promises";
import type { Download, Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

// Unique per run: the e2e database keeps what earlier runs made.
const s = String(Date.now()).slice(-6);
const last4 = s.slice(-4);
const RLO = "\u202E";

/** How the pages show a value: each direction control as its code point (lib/bidi.ts). */
const shown = (text: string) => text.replace(/[\u202A-\u202E\u2066-\u2069]/g, (c) => `[U+${c.codePointAt(0)!.toString(16).toUpperCase()}]`);

const SOURCE = `${RLO}pbx <svg onload=window.__pwned=1> ${s}`;
const FILE = `Master-${s} "><img src=x onerror=window.__pwned=2> ${RLO}vsc.exe`;
// One customer per formula start (=, +, -, @), each name also carrying markup.
const customers = [
  { account: `XSS-${s}-1`, name: `=HYPERLINK("http://evil.test/?x","<img src=x onerror=window.__pwned=3>") ${s}` },
  { account: `XSS-${s}-2`, name: `+cmd|' /C calc'!A0 <script>window.__pwned=4</script> ${s}` },
  { account: `XSS-${s}-3`, name: `-1+1 "><svg onload=window.__pwned=5> ${s}` },
  { account: `XSS-${s}-4`, name: `@SUM(1) javascript:window.__pwned=6 ${RLO}gnp.exe\u2066x\u2069 ${s}` },
].map((c, i) => ({ ...c, number: `+131255${i + 1}${last4}` }));
const [c1, c2, c3, c4] = customers as [(typeof customers)[number], (typeof customers)[number], (typeof customers)[number], (typeof customers)[number]];

// Three days ago, in UTC (the source and the customers keep time in UTC): the PBX carried a call
// to customer 1 at 03:00; at 04:00 all four rang with no PBX record; the export covers 03:00–05:08.
const day = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
// Asterisk Master.csv: the clid is "name" <number>; with no src and no number in it, the pages
// show the whole clid as the caller.
const CLID = `"${RLO}3cod.exe" <img src=x onerror=window.__pwned=7>`;
const q = (v: string) => `"${v.replaceAll('"', '""')}"`;
const cdr = (src: string, dst: string, clid: string, at: string, id: string) =>
  [q(""), q(src), q(dst), q("from-pstn"), q(clid), q("PJSIP/trunk-1"), q("PJSIP/202-1"), q("Dial"), q("PJSIP/202,30"), q(`${day} ${at}`), q(""), q(`${day} ${at.slice(0, 6)}35`), "35", "30", q("ANSWERED"), q("DOCUMENTATION"), q(id), q("")].join(",");
// Rows that are not CDRs, each starting as a spreadsheet formula: rejected, kept with their raw line.
const REJECTED = ["=1+1,<script>window.__pwned=8</script>", "+cmd,x", "-1+1,x", "@SUM(1),x", "\t=2+2,x", '"=HYPERLINK(""http://evil.test"",""y"")",x', "\r=3+3,x"];
const MASTER = `${[
  cdr("", c1.number.slice(2), CLID, "03:00:00", `${s}.1`),
  // Enough good rows for the format to be detected (half the sample must parse).
  ...Array.from({ length: 8 }, (_, i) => cdr(`312555000${i}`, "3125557999", `"Filler" <312555000${i}>`, `05:0${i}:00`, `${s}.${i + 2}`)),
  ...REJECTED,
].join("\n")}\n`;

const TICKET_FORM = `T-<img src=x onerror=alert(1)>-${s}`;
const tickets = {
  c1: `"><svg onload=window.__pwned=9>-${s}`,
  c2: `javascript:alert(document.cookie)//${s}`,
  c3: `${RLO}${s}-T`,
  c4: `=HYPERLINK("http://evil.test")-${s}`,
};
const SCANNER_CALLER = `"friendly-scanner" <script>window.__pwned=10</script>`;
const TOKEN = `<img src=x onerror=window.__pwned=11> ${s}`;
const USER = `"><svg onload=alert(2)> ${RLO}${s}`;
const COMMENT = `<script>window.__pwned=12</script> ${RLO}${s}`;

/**
 * Watches a page for what a hostile value would do once it ran: a dialog, a CSP violation (an
 * inline handler the policy blocked), window.__pwned set. `expectInert` then checks the page.
 */
async function watch(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async function expectInert() {
    await page.waitForLoadState("load");
    const found = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      // Elements only a planted value would make: the payloads' img/svg, any inline handler.
      injected: [...document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload], iframe, object, embed')].map((e) => e.outerHTML.slice(0, 120)),
      scripts: [...document.scripts].filter((e) => !e.src && /^\s*(window\.__pwned|alert)/.test(e.text)).length,
      javascriptLinks: [...document.querySelectorAll("a[href]")].filter((a) => /^\s*javascript:/i.test(a.getAttribute("href")!)).length,
      // Each control left in the text people see, with the words around it.
      directionControls: [...document.body.innerText.matchAll(/.{0,40}[\u202A-\u202E\u2066-\u2069].{0,40}/g)].map((m) => m[0]),
      cspViolations: (window as unknown as { __cspViolations: string[] }).__cspViolations,
    }));
    expect(found).toEqual({ pwned: undefined, injected: [], scripts: 0, javascriptLinks: 0, directionControls: [], cspViolations: [] });
    expect(dialogs).toEqual([]);
  };
}

/** The <bdi>s (UntrustedText) in `scope` that show exactly `value`. */
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^$()|[\]{}\\]/g, "\\$&")}$`);
const bdiWith = (scope: Page | Locator, value: string) => scope.locator("bdi").filter({ hasText: exactly(shown(value)) });

/** The value shown as it is, isolated in a <bdi>, at least once on the page. */
async function expectShown(page: Page, value: string) {
  await expect(bdiWith(page, value).first()).toBeVisible();
}

async function csvOf(download: Promise<Download>): Promise<string[][]> {
  const file = await (await download).path();
  return parse(await readFile(file, "utf8"), { relax_column_count: false }) as string[][];
}

/** OWASP "CSV injection": no cell may start with = + - @ tab or CR. */
function expectNoFormulaCell(rows: string[][]) {
  expect(rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
}

test.describe.configure({ mode: "serial" });

test.describe("[reliability: untrusted] hostile caller IDs, names, file names and tickets", () => {
  test("an upload with a hostile file name, caller ID and rejected lines previews, loads and shows them as text", async ({ supervisorPage, agentPage: page }) => {
    test.setTimeout(90_000);
    // A supervisor adds the source and the customers, through the API (a session works there too).
    const source = await supervisorPage.request.post("/api/v1/sources", { data: { name: SOURCE, format: "asterisk", timeZone: "UTC" } });
    expect(source.status(), await source.text()).toBe(201);
    for (const c of customers) {
      const res = await supervisorPage.request.post("/api/v1/customers", { data: { account: c.account, name: c.name, timeZone: "UTC", numbers: [c.number], sources: [SOURCE] } });
      expect(res.status(), await res.text()).toBe(201);
    }
    // The one value used as a link (/customers/ACCOUNT) can't hold a scheme.
    const scheme = await supervisorPage.request.post("/api/v1/customers", { data: { account: "javascript:alert(1)", name: "x", timeZone: "UTC" } });
    expect(scheme.status()).toBe(400);

    const expectInert = await watch(page);
    await page.goto("/imports");
    await page.getByLabel("Source (PBX)").selectOption(SOURCE);
    await expect(page.getByLabel("Source (PBX)").locator("option:checked")).toHaveText(`${shown(SOURCE)} (asterisk, UTC)`);
    await page.getByLabel("or choose a file").setInputFiles({ name: FILE, mimeType: "text/csv", buffer: Buffer.from(MASTER) });
    await expectShown(page, FILE);
    await expectInert();
    await page.getByRole("button", { name: "Preview first 50 rows" }).click();
    const preview = page.getByRole("region", { name: "Preview" });
    await expect(preview.getByText("Detected: asterisk")).toBeVisible();
    // The clid's name part is the caller the preview shows.
    await expect(preview.getByRole("row").nth(1).getByRole("cell").nth(2)).toHaveText(shown(`${RLO}3cod.exe`));
    await expect(preview.locator("code").getByText(REJECTED[0]!, { exact: true })).toBeVisible();
    await expectInert();

    await page.getByRole("button", { name: "Import", exact: true }).click();
    const outcome = page.getByRole("region", { name: `Import of ${shown(FILE)}` });
    await expect(outcome.getByText("Loaded", { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(outcome.getByText(/16 rows read, 9 inserted, 0 duplicate, 7 rejected/)).toBeVisible();
    await expectInert();

    await page.goto("/imports");
    await expect(page.getByRole("link", { name: shown(FILE) })).toBeVisible();
    await expectShown(page, SOURCE);
    await expectInert();

    await page.getByRole("link", { name: shown(FILE) }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(shown(FILE));
    await expect(page.locator("h1 bdi")).toHaveCount(1);
    for (const raw of REJECTED) {
      // Playwright's text match trims and collapses whitespace: compare the cell's own text.
      await expect(page.locator("td code").filter({ hasText: raw.trim() }).first()).toHaveText(raw.trim());
    }
    await expectInert();

    const rows = await csvOf(Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download rejects as CSV" }).click()]).then(([d]) => d));
    expect(rows[0]).toEqual(["line", "reason", "field", "raw"]);
    // A leading ' makes a spreadsheet read the cell as text; the line quoted in the file starts with " already.
    expect(rows.slice(1).map((r) => r[3])).toEqual(REJECTED.map((raw) => (raw.startsWith('"') ? raw : `'${raw}`)));
    expectNoFormulaCell(rows);
  });

  test("reported rings with hostile tickets and caller IDs: the report form, inbox, customers and case pages show them as text", async ({ agentPage: page }) => {
    test.setTimeout(90_000);
    const expectInert = await watch(page);
    // The report form, as an agent fills it in: customer 1's ring at 03:00 has the PBX's record.
    await page.goto("/reports/new");
    await expect(page.getByLabel("Customer", { exact: true }).locator(`option[value="${c1.account}"]`)).toHaveText(`${shown(c1.name)} (${c1.account})`);
    await page.getByLabel("Customer", { exact: true }).selectOption(c1.account);
    await page.getByLabel("Number or extension that rang").fill(c1.number);
    await page.getByLabel(/Ring time, in the customer's time/).fill(`${day}T03:00`);
    await page.getByLabel("Ticket").fill(TICKET_FORM);
    await page.getByRole("button", { name: "Check this ring" }).click();
    await expect(page.getByRole("status")).toContainText("PBX record found");
    await expect(page.getByText(`The PBX carried a call from ${shown(CLID)} at 03:00 UTC`)).toBeVisible();
    await expectShown(page, CLID);
    await expectInert();

    // A ticket system's push: every customer rang at 04:00 with no PBX record.
    const rings = customers.map((c, i) => ({
      account: c.account,
      number: c.number,
      ring_time: `${day}T04:00:00Z`,
      ticket: Object.values(tickets)[i],
      ...(c === c2 ? { caller_id: SCANNER_CALLER } : {}),
    }));
    const res = await page.request.post("/api/v1/reports", { data: rings });
    expect(res.status(), await res.text()).toBe(201);
    expect(((await res.json()) as { reports: { verdict: string }[] }).reports.map((r) => r.verdict)).toEqual(customers.map(() => "NO_PBX_RECORD"));

    await page.goto("/inbox");
    const mine = page.getByRole("table", { name: "Your reports" });
    for (const ticket of [TICKET_FORM, ...Object.values(tickets)]) await expect(bdiWith(mine, ticket)).toBeVisible();
    for (const c of customers) await expect(bdiWith(mine, c.name).first()).toBeVisible();
    await expectInert();

    await page.goto(`/customers?q=XSS-${s}`);
    for (const c of customers) await expect(page.getByRole("link", { name: shown(c.name), exact: true })).toBeVisible();
    await expectShown(page, SOURCE);
    await expectInert();

    await page.getByRole("link", { name: c1.name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(c1.name);
    const rang = page.getByRole("row").filter({ hasText: shown(TICKET_FORM) });
    await expect(rang).toContainText(shown(CLID));
    await expectShown(page, tickets.c1);
    await expectShown(page, SOURCE);
    await page.getByLabel("Comment").fill(COMMENT);
    await page.getByRole("button", { name: "Add comment" }).click();
    await expect(bdiWith(page.getByRole("list", { name: "Case history" }), COMMENT)).toBeVisible();
    await expectInert();

    await page.goto(`/customers/${c2.account}`);
    // The finding quotes the scanner's caller ID as evidence (JSON-quoted).
    await expect(page.locator("li bdi").filter({ hasText: "friendly-scanner" })).toContainText(JSON.stringify(SCANNER_CALLER));
    await expectInert();

    for (const c of [c3, c4]) {
      await page.goto(`/customers/${c.account}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(shown(c.name));
      await expectShown(page, c === c3 ? tickets.c3 : tickets.c4);
      await expectInert();
    }
    await page.goto(`/customers/${c4.account}/edit`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Edit ${shown(c4.name)}`);
    await expectInert();

    // A ticket that no report has is echoed back by the inbox.
    await page.goto("/inbox");
    await page.getByLabel("Ticket number").fill(`<img src=x onerror=alert(3)>${RLO}`);
    await page.getByRole("button", { name: "Open customer" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "No reported ring" })).toContainText(`No reported ring has ticket “${shown(`<img src=x onerror=alert(3)>${RLO}`)}”`);
    await expectInert();
    // And a hostile ticket that one has leads to its customer.
    await page.getByLabel("Ticket number").fill(tickets.c2);
    await page.getByRole("button", { name: "Open customer" }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${c2.account}$`));
  });

  test("the queue shows the names as text and its CSV export neutralises them", async ({ supervisorPage: page }) => {
    const expectInert = await watch(page);
    await page.goto(`/queue?q=XSS-${s}`);
    for (const c of customers) {
      const row = page.getByRole("row", { name: `${c.account}, ${shown(c.name)}` });
      await expect(bdiWith(row, c.name)).toBeVisible();
    }
    await expectInert();
    await page.goto("/");
    await expectInert();

    const rows = await csvOf(Promise.all([page.waitForEvent("download"), page.goto(`/queue?q=XSS-${s}`).then(() => page.getByRole("link", { name: "Export CSV" }).click())]).then(([d]) => d));
    const names = new Map(rows.slice(1).map((r) => [r[0], r[1]]));
    expect(Object.fromEntries(names)).toEqual(Object.fromEntries(customers.map((c) => [c.account, `'${c.name}`])));
    expectNoFormulaCell(rows);
  });

  test("the wizard's save-to-case and the admin page show planted names as text", async ({ agentPage, adminPage }) => {
    test.setTimeout(60_000);
    const agentInert = await watch(agentPage);
    await agentPage.goto(`/wizard?customer=${c4.account}`);
    await expectShown(agentPage, c4.name);
    await agentPage.getByLabel("Vendor").selectOption("yealink");
    await agentPage.getByLabel("Model").selectOption("T46G");
    await agentPage.getByLabel("Firmware").fill("28.73.0.50");
    await agentPage.getByRole("button", { name: "Next", exact: true }).click();
    await agentPage.getByRole("button", { name: "Next", exact: true }).click();
    await agentPage.getByLabel("Port").fill("5070");
    await agentPage.getByLabel("SIP server addresses").fill("203.0.113.10");
    await agentPage.getByRole("button", { name: "Show the overrides" }).click();
    await expect(agentPage.getByRole("heading", { name: `Save to ${shown(c4.name)}'s case` })).toBeVisible();
    await agentInert();

    const expectInert = await watch(adminPage);
    await adminPage.goto("/admin");
    await adminPage.getByLabel("Token name (what uses it)").fill(TOKEN);
    await adminPage.getByRole("button", { name: "Create token" }).click();
    await expect(adminPage.getByLabel("New token secret")).toBeVisible();
    await adminPage.getByLabel("Email").fill(`xss-${s}@demo.ghostline.test`);
    await adminPage.getByLabel("Name", { exact: true }).fill(USER);
    await adminPage.getByLabel("Initial password (12+ characters)").fill("e2e-untrusted-password");
    await adminPage.getByRole("button", { name: "Create user" }).click();
    // The action's answer first: a reload while it is in flight may abort it (a CI run lost the user so).
    await expect(adminPage.getByRole("status").filter({ hasText: `Created xss-${s}@demo.ghostline.test` })).toBeVisible();
    await adminPage.reload();
    await expectShown(adminPage, TOKEN);
    await expectShown(adminPage, USER);
    await expect(adminPage.getByRole("button", { name: `Revoke ${TOKEN}` })).toBeVisible();
    await expectInert();
  });

  test("every page is served with a nonce CSP that Next's own scripts carry", async ({ agentPage: page }) => {
    const expectInert = await watch(page);
    for (const path of ["/", "/inbox", "/queue", "/customers", "/imports", "/wizard", "/reports/new", "/no-such-page"]) {
      const res = await page.goto(path);
      const policy = res!.headers()["content-security-policy"] ?? "";
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      expect(policy, path).toContain("'strict-dynamic'");
      expect(policy, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(nonce, path).toBeTruthy();
      const nonces = await page.evaluate(() => [...document.scripts].map((e) => e.nonce));
      expect(nonces.length, path).toBeGreaterThan(0);
      expect(new Set(nonces), path).toEqual(new Set([nonce]));
      await expectInert();
    }
  });
});
