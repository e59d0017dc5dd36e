import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const alias = {
  "@/": root,
  // `server-only` throws outside a React Server Components bundle; tests run
  // server modules directly in Node, as rallly's vitest config does.
  "server-only": fileURLToPath(new URL("./lib/testing/empty.ts", import.meta.url)),
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "cli/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          // A zone far from UTC, so code that forgets an explicit time zone fails.
          env: { TZ: "Asia/Kathmandu" },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["lib/**/*.int.test.ts", "cli/**/*.int.test.ts", "app/**/*.int.test.ts"],
          globalSetup: ["lib/testing/global-setup.ts"],
          env: { TZ: "Asia/Kathmandu" },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
