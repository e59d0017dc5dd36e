"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { FormStatus, firstError } from "@/components/ui/form-status.tsx";
import { type ControlProps, Field, inputClass } from "@/components/ui/field.tsx";
import { createTokenAction, createUserAction } from "@/lib/auth/actions.ts";

function RoleSelect(props: ControlProps) {
  return (
    <select {...props} name="role" className={inputClass} defaultValue="AGENT">
      <option value="AGENT">Agent</option>
      <option value="SUPERVISOR">Supervisor</option>
      <option value="ADMIN">Admin</option>
    </select>
  );
}

export function CreateUserForm() {
  const [state, action, pending] = useActionState(createUserAction, {});
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-2">
      <Field label="Email" error={firstError(state, "email")}>
        {(props) => <input {...props} name="email" type="email" required className={inputClass} />}
      </Field>
      <Field label="Name" error={firstError(state, "name")}>
        {(props) => <input {...props} name="name" className={inputClass} />}
      </Field>
      <Field label="Role" error={firstError(state, "role")}>
        {(props) => <RoleSelect {...props} />}
      </Field>
      <Field label="Initial password (12+ characters)" error={firstError(state, "password")}>
        {(props) => <input {...props} name="password" type="password" minLength={12} required autoComplete="new-password" className={inputClass} />}
      </Field>
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={pending}>Create user</Button>
        <FormStatus state={state} fields={["email", "name", "role", "password"]} />
      </div>
    </form>
  );
}

export function CreateTokenForm() {
  const [state, action, pending] = useActionState(createTokenAction, {});
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-2">
      <Field label="Token name (what uses it)" error={firstError(state, "name")}>
        {(props) => <input {...props} name="name" required className={inputClass} placeholder="pbx-east" />}
      </Field>
      <Field label="Role" error={firstError(state, "role")}>
        {(props) => <RoleSelect {...props} />}
      </Field>
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={pending}>Create token</Button>
        <FormStatus state={state} fields={["name", "role"]} />
      </div>
      {state.secret ? (
        <div className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 sm:col-span-2">
          <p className="font-medium">Copy this secret now; it is not shown again.</p>
          <code aria-label="New token secret" className="mt-1 block break-all font-mono">{state.secret}</code>
        </div>
      ) : null}
    </form>
  );
}
