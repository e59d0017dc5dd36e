import "server-only";
// A source's feed secret: 256 random bits, shown once; only its SHA-256 is stored (auth.ts).
import { randomBytes } from "node:crypto";
import { hashToken } from "@/lib/auth/tokens.ts";

const PREFIX = "glf_";

export function makeFeedSecret(): { secret: string; hash: string; prefix: string } {
  const secret = PREFIX + randomBytes(32).toString("base64url");
  return { secret, hash: hashToken(secret), prefix: secret.slice(0, PREFIX.length + 6) };
}
