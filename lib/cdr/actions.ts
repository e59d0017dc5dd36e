"use server";

// Server actions for the Imports page and the Admin page's CDR retention card: zod parse, the
// role checked on the server, then the write (retention.ts audits its own).
import { revalidatePath } from "next/cache";
import * as z from "zod";
import { auditActor } from "@/lib/auth/actor.ts";
import { requireUser } from "@/lib/auth/session.ts";
import { MAX_RETENTION_MONTHS, applyCdrRetention, setCdrRetentionMonths } from "./retention.ts";
import { cdrSourceInputSchema, sourceInputFromForm } from "./source-schema";
import { SourceExistsError, createSource } from "./writes";

export type SourceFormState = { ok?: string; error?: string; fieldErrors?: Record<string, string[] | undefined> };

export async function createSourceAction(_prev: SourceFormState, form: FormData): Promise<SourceFormState> {
  const user = await requireUser("SUPERVISOR");
  const fields = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
  const input = cdrSourceInputSchema.safeParse(sourceInputFromForm(fields));
  if (!input.success) {
    // Issues inside the mapping are reported under `mapping.<field>`, where the form shows them.
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of input.error.issues) {
      const key = issue.path.length > 1 ? issue.path.join(".") : String(issue.path[0] ?? "form");
      (fieldErrors[key] ??= []).push(issue.message);
    }
    return { fieldErrors };
  }
  try {
    const source = await createSource(input.data, auditActor(user));
    revalidatePath("/imports");
    return { ok: `Added ${source.name}. Preview its first file before loading it.` };
  } catch (error) {
    if (error instanceof SourceExistsError) return { error: error.message };
    throw error;
  }
}

// CDR retention (Admin page): ADMIN only.
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
