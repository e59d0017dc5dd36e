import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client.ts";
import type { Role } from "./roles.ts";

const PREFIX = "gl_";

// API tokens are 256-bit random secrets, so a fast unsalted SHA-256 is a
// sufficient verifier (unlike passwords, they cannot be guessed offline).
export function hashToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export async function createApiToken(input: { name: string; role: Role; createdById?: string }) {
  const secret = PREFIX + randomBytes(32).toString("base64url");
  const token = await prisma.apiToken.create({
    data: {
      name: input.name,
      role: input.role,
      prefix: secret.slice(0, PREFIX.length + 6),
      tokenHash: hashToken(secret),
      createdById: input.createdById,
    },
  });
  return { id: token.id, name: token.name, role: token.role, secret };
}

export async function findApiToken(secret: string) {
  if (!secret.startsWith(PREFIX)) return null;
  const token = await prisma.apiToken.findUnique({ where: { tokenHash: hashToken(secret) } });
  if (!token || token.revokedAt) return null;
  await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
  return token;
}
