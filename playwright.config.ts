import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
// Playwright cannot download its browser on machines that reach only package
// registries; Debian's Chromium works (../shared/notes/toolchain.md).
const systemChromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  // One server and one database for the run; logins are shared per role.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // A whole test's budget (its steps keep their own 5 s expect timeout). The longest tests (the
  // untrusted-text sweep, the case workflow with its axe checks) take 20–30 s on 2 cores when
  // the machine is busy (the sweep took 78 s at a load of 14); 30 s made them fail on load alone.
  timeout: 90_000,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    viewport: { width: 1280, height: 800 },
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: existsSync(systemChromium) ? systemChromium : undefined,
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    // The real `npm start` path: embedded Postgres, migrations, demo seed,
    // production build, on a data folder of its own that the test run resets.
    command: "node cli/ghostline.mjs serve",
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(port),
      GHOSTLINE_DATA_DIR: ".ghostline/e2e",
      GHOSTLINE_PG_PORT: String(Number(process.env.E2E_PG_PORT ?? 54331)),
      GHOSTLINE_DEMO_PASSWORD: "e2e-demo-password",
      DATABASE_URL: "",
    },
  },
});
