"use server";

// Server actions for the Imports page: zod parse, the role checked on the server, then the write.
import { revalidatePath } from "next/cache";
import { auditActor } from "@/lib/auth/actor.ts";
import { requireUser } from "@/lib/auth/session.ts";
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
