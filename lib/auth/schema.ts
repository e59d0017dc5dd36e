// Isomorphic input schemas for accounts and API tokens.
import * as z from "zod";
import { roleSchema } from "./roles.ts";

export const createUserSchema = z.object({
  email: z.email({ error: "Enter a valid email address" }).transform((e) => e.toLowerCase()),
  // A blank name on a form means "none": the email's local part is used.
  name: z.string().trim().max(100).optional().transform((v) => v || undefined),
  role: roleSchema,
  // NIST SP 800-63B §5.1.1: at least 8; we ask 12 for staff accounts and do
  // not impose composition rules.
  password: z.string().min(12, { error: "Use at least 12 characters" }).max(128),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const createTokenSchema = z.object({
  name: z.string().trim().min(1).max(100),
  role: roleSchema.default("AGENT"),
});
