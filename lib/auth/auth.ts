import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { prisma } from "@/lib/db/client.ts";

const port = process.env.PORT ?? "3000";
const baseURL = process.env.GHOSTLINE_URL ?? `http://localhost:${port}`;

export const auth = betterAuth({
  appName: "Ghostline",
  baseURL,
  // localhost and 127.0.0.1 are the same machine to a user; both are allowed
  // as origins of the sign-in POST.
  trustedOrigins: [baseURL, `http://localhost:${port}`, `http://127.0.0.1:${port}`],
  secret: process.env.BETTER_AUTH_SECRET,
  database: prismaAdapter(prisma, { provider: "postgresql" }),
  emailAndPassword: {
    enabled: true,
    // Accounts are made by an admin (Admin page or `ghostline user create`),
    // never by self-service sign-up.
    disableSignUp: true,
    minPasswordLength: 12,
  },
  user: {
    additionalFields: {
      role: { type: "string", required: false, defaultValue: "AGENT", input: false },
    },
  },
  session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 60 },
  rateLimit: {
    // better-auth enables rate limiting only in production by default; a
    // login form must be throttled in every mode.
    enabled: true,
    storage: "database",
    modelName: "rateLimit",
    // Ten password attempts a minute per client address (one shared bucket
    // when no proxy forwards the address).
    customRules: { "/sign-in/email": { window: 60, max: 10 } },
  },
  plugins: [nextCookies()],
});
