"use server";

// Server actions for accounts: each parses with zod, checks the role on the
// server, then calls the write. They are public POST endpoints in effect.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import * as z from "zod";
import { prisma } from "@/lib/db/client.ts";
import { recordAudit } from "@/lib/audit/writes.ts";
import { auth } from "./auth.ts";
import { createTokenSchema, createUserSchema } from "./schema.ts";
import { actorLabel, requireUser } from "./session.ts";
import { createApiToken } from "./tokens.ts";
import { UserExistsError, createUser } from "./users.ts";

export type FormState = { ok?: string; error?: string; fieldErrors?: Record<string, string[] | undefined>; secret?: string };

export async function signOutAction() {
  await auth.api.signOut({ headers: await headers() });
  redirect("/login");
}

export async function createUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  const admin = await requireUser("ADMIN");
  const input = createUserSchema.safeParse(Object.fromEntries(form));
  if (!input.success) return { fieldErrors: z.flattenError(input.error).fieldErrors };
  try {
    const user = await createUser(input.data, actorLabel(admin));
    revalidatePath("/admin");
    return { ok: `Created ${user.email}` };
  } catch (error) {
    if (error instanceof UserExistsError) return { error: error.message };
    throw error;
  }
}

export async function createTokenAction(_prev: FormState, form: FormData): Promise<FormState> {
  const admin = await requireUser("ADMIN");
  const input = createTokenSchema.safeParse(Object.fromEntries(form));
  if (!input.success) return { fieldErrors: z.flattenError(input.error).fieldErrors };
  if (await prisma.apiToken.findUnique({ where: { name: input.data.name } })) {
    return { error: `A token named ${input.data.name} already exists` };
  }
  const token = await createApiToken({ ...input.data, createdById: admin.id });
  await recordAudit({ actorId: admin.id, actorLabel: actorLabel(admin), action: "token.create", entityType: "api_token", entityId: token.id, after: { name: token.name, role: token.role } });
  revalidatePath("/admin");
  return { ok: `Created ${token.name}`, secret: token.secret };
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  const admin = await requireUser("ADMIN");
  const id = z.uuid().parse(form.get("id"));
  await prisma.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
  await recordAudit({ actorId: admin.id, actorLabel: actorLabel(admin), action: "token.revoke", entityType: "api_token", entityId: id });
  revalidatePath("/admin");
}
