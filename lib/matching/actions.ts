"use server";

// The agent's quick form: zod, a signed-in user, then the same write the API
// and the CLI use.
import { redirect } from "next/navigation";
import * as z from "zod";
import { actorLabel, requireUser } from "@/lib/auth/session.ts";
import { reportInputSchema } from "./report-schema.ts";
import { createReports } from "./reports.ts";

export type ReportFormState = { error?: string; fieldErrors?: Record<string, string[] | undefined> };

export async function createReportAction(_prev: ReportFormState, form: FormData): Promise<ReportFormState> {
  const user = await requireUser();
  const input = reportInputSchema.safeParse(Object.fromEntries(form));
  if (!input.success) return { fieldErrors: z.flattenError(input.error).fieldErrors };
  const { created, problems } = await createReports([input.data], actorLabel(user));
  if (problems.length) return { error: problems.map((p) => p.message).join("; ") };
  redirect(`/reports/new?created=${created[0]!.id}`);
}
