import "server-only";
// What the customer and phone forms and API routes share at their edge: who is
// acting, for the audit trail, and a refused write turned into form state or
// an HTTP answer. Kept out of writes.ts, which the CLI loads without Next.
import { DirectoryError, type DirectoryFormState } from "./errors.ts";

/** A refused write as form state; anything else is a real failure and is rethrown. */
export function formStateOf(error: unknown): DirectoryFormState {
  if (error instanceof DirectoryError) return { fieldErrors: error.fieldErrors };
  throw error;
}

/** A refused write as the API's error body (`error`, `message`, per-field `fieldErrors`); else rethrown. */
export function responseOf(error: unknown): Response {
  if (!(error instanceof DirectoryError)) throw error;
  const code = { 400: "invalid_request", 404: "not_found", 409: "conflict" }[error.status];
  return Response.json({ error: code, message: error.message, fieldErrors: error.fieldErrors }, { status: error.status });
}
