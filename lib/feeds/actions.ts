"use server";

// Server actions for a source's feed page: zod parse, the role checked on the server, then the write.
import { revalidatePath } from "next/cache";
import { auditActor } from "@/lib/auth/actor.ts";
import { requireUser } from "@/lib/auth/session.ts";
import { feedSettingsFromForm, feedSettingsSchema } from "./schema.ts";
import { FeedSettingsError, saveFeedSettings } from "./writes.ts";

export type FeedFormState = { ok?: string; error?: string; fieldErrors?: Record<string, string[] | undefined>; secret?: string };

const pagePath = (name: string) => `/imports/sources/${encodeURIComponent(name)}`;

/** The quiet limit and the Asterisk manager connection (supervisors and admins). */
export async function saveFeedSettingsAction(sourceName: string, _prev: FeedFormState, form: FormData): Promise<FeedFormState> {
  const user = await requireUser("SUPERVISOR");
  const fields = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
  const input = feedSettingsSchema.safeParse(feedSettingsFromForm(fields));
  if (!input.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of input.error.issues) {
      const [first, second] = issue.path.map(String);
      const key = first === "ami" && second !== undefined ? `ami${second[0]!.toUpperCase()}${second.slice(1)}` : (first ?? "form");
      (fieldErrors[key] ??= []).push(issue.message);
    }
    return { fieldErrors };
  }
  try {
    const saved = await saveFeedSettings(sourceName, input.data, auditActor(user));
    if (saved === null) return { error: `No CDR source named ${sourceName}.` };
  } catch (error) {
    if (error instanceof FeedSettingsError) return { error: error.message };
    throw error;
  }
  revalidatePath(pagePath(sourceName));
  return { ok: "Feed settings saved." };
}

/** Makes a new feed secret for the source (the old one stops working); shown once. */
export async function rotateFeedSecretAction(sourceName: string, _prev: FeedFormState, _form: FormData): Promise<FeedFormState> {
  const user = await requireUser("SUPERVISOR");
  const saved = await saveFeedSettings(sourceName, { rotateSecret: true }, auditActor(user));
  if (saved === null || saved.secret === null) return { error: `No CDR source named ${sourceName}.` };
  revalidatePath(pagePath(sourceName));
  return { ok: "New feed secret made: copy it now, it is not shown again. The snippets below include it.", secret: saved.secret };
}
