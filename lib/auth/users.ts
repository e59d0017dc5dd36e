import "server-only";
import { prisma } from "@/lib/db/client.ts";
import { recordAudit } from "@/lib/audit/writes.ts";
import { auth } from "./auth.ts";
import { type CreateUserInput, createUserSchema } from "./schema.ts";

export class UserExistsError extends Error {}

/**
 * Creates an email + password account the way better-auth's sign-up does
 * (a user row plus a `credential` account holding the scrypt hash), for the
 * admin page and the CLI, since self-service sign-up is off.
 */
export async function createUser(input: CreateUserInput, actorLabel: string) {
  const data = createUserSchema.parse(input);
  const ctx = await auth.$context;
  if (await prisma.user.findUnique({ where: { email: data.email } })) {
    throw new UserExistsError(`A user with the email ${data.email} already exists`);
  }
  const user = await ctx.internalAdapter.createUser({
    email: data.email,
    name: data.name ?? data.email.split("@")[0] ?? data.email,
    emailVerified: true,
    role: data.role,
  }, { method: "admin" });
  await ctx.internalAdapter.linkAccount({
    userId: user.id,
    providerId: "credential",
    accountId: user.id,
    password: await ctx.password.hash(data.password),
  });
  await recordAudit({
    actorLabel,
    action: "user.create",
    entityType: "user",
    entityId: user.id,
    after: { email: data.email, role: data.role },
  });
  return { id: user.id, email: data.email, role: data.role };
}
