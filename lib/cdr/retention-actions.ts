"use server";

// Server actions for the admin page's CDR retention card: zod parse, ADMIN checked on the server,
// then lib/cdr/retention.ts (which audits).
import { revalidatePath } from "next/cache";
import * as z from "zod";
import { auditActor } from "@/lib/auth/actor.ts";
import { requireUser } from "@/lib/auth/session.ts";
import { MAX_RETENTION_MONTHS, applyCdrRetention, setCdrRetentionMonths } from "./retention.ts";

/** Empty keeps every month; else 1 to MAX_RETENTION_MONTHS. */
const monthsSchema = z.union([z.literal("").transform(() => null), z.coerce.number().int().min(1).max(MAX_RETENTION_MONTHS)]);

export async function setCdrRetentionAction(form: FormData): Promise<void> {
  const admin = await requireUser("ADMIN");
  await setCdrRetentionMonths(monthsSchema.parse(form.get("months") ?? ""), auditActor(admin));
  revalidatePath("/admin");
}

export async function applyCdrRetentionAction(): Promise<void> {
  const admin = await requireUser("ADMIN");
  await applyCdrRetention(auditActor(admin));
  revalidatePath("/admin");
}
