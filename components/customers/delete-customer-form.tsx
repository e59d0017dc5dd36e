"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, inputClass } from "@/components/ui/field.tsx";
import type { DirectoryFormState } from "@/lib/customers/errors.ts";
import { firstError } from "@/components/ui/form-status.tsx";

/** Deleting takes the customer's rings, cases and phones with it, so the account is typed again. */
export function DeleteCustomerForm({ account, action }: { account: string; action: (state: DirectoryFormState, form: FormData) => Promise<DirectoryFormState> }) {
  const [state, formAction, pending] = useActionState(action, {});
  const [typed, setTyped] = useState("");
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3">
      <Field label={`Type ${account} to confirm`} error={firstError(state, "confirm") ?? firstError(state, "account")} className="w-72">
        {(props) => <input {...props} name="confirm" autoComplete="off" className={`${inputClass} font-mono`} value={typed} onChange={(e) => setTyped(e.target.value)} />}
      </Field>
      <Button type="submit" variant="danger" disabled={pending || typed.trim() !== account}>Delete customer</Button>
    </form>
  );
}
