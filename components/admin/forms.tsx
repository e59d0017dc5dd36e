"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { type FormState, createTokenAction, createUserAction } from "@/lib/auth/actions.ts";

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

function Field({ id, label, errors, children }: { id: string; label: string; errors?: string[]; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      {children}
      {errors?.map((e) => <p key={e} className="mt-1 text-xs text-red-700">{e}</p>)}
    </div>
  );
}

function RoleSelect({ id }: { id: string }) {
  return (
    <select id={id} name="role" className={input} defaultValue="AGENT">
      <option value="AGENT">Agent</option>
      <option value="SUPERVISOR">Supervisor</option>
      <option value="ADMIN">Admin</option>
    </select>
  );
}

function Status({ state }: { state: FormState }) {
  if (state.error) return <p role="alert" className="text-sm text-red-800">{state.error}</p>;
  if (state.ok) return <p role="status" className="text-sm text-green-800">{state.ok}</p>;
  return null;
}

export function CreateUserForm() {
  const [state, action, pending] = useActionState(createUserAction, {});
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-2">
      <Field id="user-email" label="Email" errors={state.fieldErrors?.email}>
        <input id="user-email" name="email" type="email" required className={input} />
      </Field>
      <Field id="user-name" label="Name" errors={state.fieldErrors?.name}>
        <input id="user-name" name="name" className={input} />
      </Field>
      <Field id="user-role" label="Role" errors={state.fieldErrors?.role}>
        <RoleSelect id="user-role" />
      </Field>
      <Field id="user-password" label="Initial password (12+ characters)" errors={state.fieldErrors?.password}>
        <input id="user-password" name="password" type="password" minLength={12} required autoComplete="new-password" className={input} />
      </Field>
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={pending}>Create user</Button>
        <Status state={state} />
      </div>
    </form>
  );
}

export function CreateTokenForm() {
  const [state, action, pending] = useActionState(createTokenAction, {});
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-2">
      <Field id="token-name" label="Token name (what uses it)" errors={state.fieldErrors?.name}>
        <input id="token-name" name="name" required className={input} placeholder="pbx-east" />
      </Field>
      <Field id="token-role" label="Role" errors={state.fieldErrors?.role}>
        <RoleSelect id="token-role" />
      </Field>
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={pending}>Create token</Button>
        <Status state={state} />
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
