"use server";

// Server actions of the case panel: zod, a signed-in user, then the write, which checks the role
// against the workflow table (rules.ts) itself. They are public POST endpoints in effect.
import { revalidatePath } from "next/cache";
import * as z from "zod";
import { requireUser } from "@/lib/auth/session.ts";
import { ASSIGN_ROLE, COMMENT_ROLE } from "./rules.ts";
import { assignCaseSchema, changeStatusSchema, commentCaseSchema } from "./schema.ts";
import { assignCase, CaseError, changeCaseStatus, commentOnCase } from "./writes.ts";

export type CaseFormState = { ok?: string; error?: string; fieldErrors?: Record<string, string[] | undefined> };

async function run(write: () => Promise<unknown>, ok: string): Promise<CaseFormState> {
  try {
    await write();
  } catch (error) {
    if (error instanceof CaseError) return { error: error.message };
    throw error;
  }
  revalidatePath("/customers/[account]", "page");
  return { ok };
}

export async function assignCaseAction(_prev: CaseFormState, form: FormData): Promise<CaseFormState> {
  const user = await requireUser(ASSIGN_ROLE);
  const input = assignCaseSchema.safeParse(Object.fromEntries(form));
  if (!input.success) return { fieldErrors: z.flattenError(input.error).fieldErrors };
  return run(() => assignCase(user, input.data), input.data.assigneeId ? "Assigned." : "Unassigned.");
}

export async function commentCaseAction(_prev: CaseFormState, form: FormData): Promise<CaseFormState> {
  const user = await requireUser(COMMENT_ROLE);
  const input = commentCaseSchema.safeParse(Object.fromEntries(form));
  if (!input.success) return { fieldErrors: z.flattenError(input.error).fieldErrors };
  return run(() => commentOnCase(user, input.data), "Comment added.");
}

export async function changeCaseStatusAction(_prev: CaseFormState, form: FormData): Promise<CaseFormState> {
  // The lowest role may press some of these; the write refuses the moves above the user's role.
  const user = await requireUser();
  const input = changeStatusSchema.safeParse(Object.fromEntries(form));
  if (!input.success) return { fieldErrors: z.flattenError(input.error).fieldErrors };
  return run(() => changeCaseStatus(user, input.data), "Status changed.");
}
