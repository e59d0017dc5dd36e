import { randomBytes } from "node:crypto";
import { CliError, output, withDatabase } from "../run.ts";
import { createTokenSchema } from "@/lib/auth/schema.ts";
import type { Role } from "@/lib/auth/roles.ts";

export async function createUserCommand(opts: { email: string; role: Role; name?: string; password?: string; json?: boolean }) {
  const password = opts.password ?? randomBytes(12).toString("base64url");
  const user = await withDatabase(async () => {
    const { createUser, UserExistsError } = await import("@/lib/auth/users.ts");
    try {
      return await createUser({ email: opts.email, role: opts.role, name: opts.name, password }, "cli");
    } catch (error) {
      if (error instanceof UserExistsError) throw new CliError(error.message);
      throw error;
    }
  });
  const shown = opts.password ? undefined : password;
  output(opts.json, { ...user, ...(shown ? { password: shown } : {}) }, [
    `Created ${user.role.toLowerCase()} ${user.email}`,
    ...(shown ? [`Password (shown once): ${shown}`] : []),
  ]);
}

export async function createTokenCommand(opts: { name: string; role: Role; json?: boolean }) {
  const input = createTokenSchema.parse(opts);
  const token = await withDatabase(async () => {
    const { createApiToken } = await import("@/lib/auth/tokens.ts");
    const { Prisma } = await import("@/lib/db/client.ts");
    try {
      return await createApiToken(input);
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new CliError(`a token named ${input.name} already exists`);
      }
      throw error;
    }
  });
  output(opts.json, token, [
    `Created API token ${token.name} (${token.role.toLowerCase()})`,
    `Secret (shown once, send as "Authorization: Bearer <secret>"): ${token.secret}`,
  ]);
}
