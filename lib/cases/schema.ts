// Inputs of the case actions and of "save to case", checked again on the server. Isomorphic.
import * as z from "zod";
import { remediationRequestSchema } from "@/lib/remediation/schema.ts";
import { CASE_STATUSES } from "./rules.ts";

export const caseStatusSchema = z.enum(CASE_STATUSES, { error: "unknown case status" });

const caseId = z.uuid({ error: "unknown case" });

export const assignCaseSchema = z.object({
  caseId,
  // "" from the form's "Unassigned" option.
  assigneeId: z
    .string()
    .trim()
    .max(200)
    .transform((v) => (v === "" ? null : v)),
});

// A comment is a note in the case's history, not a document.
export const MAX_COMMENT_LENGTH = 4000;
export const commentCaseSchema = z.object({
  caseId,
  comment: z
    .string()
    .trim()
    .min(1, { error: "write a comment first" })
    .max(MAX_COMMENT_LENGTH, { error: `at most ${MAX_COMMENT_LENGTH} characters` }),
});

export const changeStatusSchema = z.object({ caseId, to: caseStatusSchema });

/** The wizard's request, re-validated on the server, with the customer (and phone) it is for. */
export const saveRemediationSchema = z.object({
  account: z.string().trim().min(1).max(200),
  deviceId: z.uuid().optional(),
  request: remediationRequestSchema,
});

export const markSentSchema = z.object({ remediationId: z.uuid({ error: "unknown remediation" }) });

export type AssignCaseInput = z.output<typeof assignCaseSchema>;
export type CommentCaseInput = z.output<typeof commentCaseSchema>;
export type ChangeStatusInput = z.output<typeof changeStatusSchema>;
export type SaveRemediationInput = z.output<typeof saveRemediationSchema>;
