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

const LAST_USED_RESOLUTION_MS = 60_000;

export async function findApiToken(secret: string) {
  if (!secret.startsWith(PREFIX)) return null;
  const token = await prisma.apiToken.findUnique({ where: { tokenHash: hashToken(secret) } });
  if (!token || token.revokedAt) return null;
  // "Last used" is shown to the nearest minute on the Admin page; writing it on every call made
  // each API request a write (bench:dashboard drives 20 clients at once through one token).
  const now = new Date();
  if (token.lastUsedAt === null || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return token;
}
