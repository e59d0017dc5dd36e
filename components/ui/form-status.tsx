import { UntrustedText } from "./untrusted-text.tsx";

/** What a form's server action answers: a message, or zod's field errors (z.flattenError). */
export type FormOutcome = { ok?: string; error?: string; fieldErrors?: Record<string, string[] | undefined> };

/**
 * The outcome of a form's last submit, announced to screen readers. Problems
 * with fields the form shows are inline there; any other (an account that
 * disappeared, a concurrent change) is spelled out here. Messages can quote what was typed
 * (a customer's name, a MAC): untrusted text.
 */
export function FormStatus({ state, fields }: { state: FormOutcome; fields: string[] }) {
  if (state.error) return <p role="alert" className="text-sm text-red-800"><UntrustedText text={state.error} /></p>;
  if (state.fieldErrors) {
    const others = Object.entries(state.fieldErrors).filter(([field]) => !fields.includes(field)).flatMap(([, messages]) => messages ?? []);
    return <p role="alert" className="text-sm text-red-800">Nothing was saved: {others.length ? others.join(" ") : "fix the fields marked above."}</p>;
  }
  if (state.ok) return <p role="status" className="text-sm text-green-800"><UntrustedText text={state.ok} /></p>;
  return null;
}

/** A field's errors as one sentence for Field's `error`, or undefined when it has none. */
export const firstError = (state: FormOutcome, field: string) => state.fieldErrors?.[field]?.join(" ");
