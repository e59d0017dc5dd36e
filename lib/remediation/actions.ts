"use server";

// "Save to case" and "Mark as sent" from the wizard. The wizard's request is validated again here
// with the schema the API uses, and the override text is generated on the server from it
// (lib/remediation/writes.ts): the browser's copy of the text is never stored.
import { revalidatePath } from "next/cache";
import * as z from "zod";
import { requireUser } from "@/lib/auth/session.ts";
import { markSentSchema, saveRemediationSchema } from "@/lib/cases/schema.ts";
import { CaseError } from "@/lib/cases/writes.ts";
import { STATUS_LABEL } from "@/lib/cases/rules.ts";
import { markRemediationSent, saveRemediation } from "./writes.ts";

export type SaveToCaseResult =
  | { ok: true; remediationId: string; caseNumber: number; message: string }
  | { ok: false; error: string };

export type MarkSentResult = { ok: true; message: string } | { ok: false; error: string };

function refused(error: unknown): { ok: false; error: string } {
  if (error instanceof CaseError) return { ok: false, error: error.message };
  throw error;
}

export async function saveRemediationAction(input: unknown): Promise<SaveToCaseResult> {
  const user = await requireUser();
  const parsed = saveRemediationSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: z.prettifyError(parsed.error) };
  try {
    const saved = await saveRemediation(user, parsed.data);
    revalidatePath(`/customers/${encodeURIComponent(parsed.data.account)}`);
    return {
      ok: true,
      remediationId: saved.remediation.id,
      caseNumber: saved.caseNumber,
      message: `Saved to case #${saved.caseNumber} (${STATUS_LABEL[saved.caseStatus]}).`,
    };
  } catch (error) {
    return refused(error);
  }
}

export async function markRemediationSentAction(input: unknown): Promise<MarkSentResult> {
  const user = await requireUser();
  const parsed = markSentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: z.prettifyError(parsed.error) };
  try {
    const sent = await markRemediationSent(user, parsed.data.remediationId);
    revalidatePath("/customers/[account]", "page");
    return { ok: true, message: `Marked as sent: case #${sent.case.number} is now ${STATUS_LABEL[sent.case.status]}.` };
  } catch (error) {
    return refused(error);
  }
}
