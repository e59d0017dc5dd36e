import { defineConfig } from "prisma/config";

// `url` reads process.env directly: prisma's env() helper throws when the
// variable is unset, which would break `prisma generate` on a fresh clone.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
