"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, inputClass } from "@/components/ui/field.tsx";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import type { DirectoryFormState } from "@/lib/customers/errors.ts";
import { FormStatus, firstError } from "@/components/ui/form-status.tsx";

export type SourceChoice = { name: string; format: string; timeZone: string; defaultCountry: string };
export type CustomerValues = { account: string; name: string; timeZone: string; numbers: string; sources: string[] };

/**
 * Create (with the account code) or edit a customer. The fields are
 * controlled so a refused submit keeps what was typed (React resets an
 * uncontrolled form after its action runs).
 */
export function CustomerForm({
  action,
  initial,
  sources,
  zones,
  withAccount,
  submitLabel,
}: {
  action: (state: DirectoryFormState, form: FormData) => Promise<DirectoryFormState>;
  initial: CustomerValues;
  sources: SourceChoice[];
  zones: string[];
  withAccount: boolean;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const [values, setValues] = useState(initial);
  const set = <K extends keyof CustomerValues>(key: K, value: CustomerValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const toggle = (name: string, on: boolean) =>
    set("sources", on ? [...values.sources, name] : values.sources.filter((s) => s !== name));

  return (
    <form action={formAction} className="grid gap-5 md:grid-cols-2">
      {withAccount ? (
        <Field label="Account" error={firstError(state, "account")} hint="The code your CRM and tickets use, e.g. ACME-001. It can't be changed later.">
          {(props) => <input {...props} name="account" required className={`${inputClass} font-mono`} value={values.account} onChange={(e) => set("account", e.target.value)} />}
        </Field>
      ) : null}
      <Field label="Name" error={firstError(state, "name")}>
        {(props) => <input {...props} name="name" required className={inputClass} value={values.name} onChange={(e) => set("name", e.target.value)} />}
      </Field>
      <Field label="Time zone" error={firstError(state, "timeZone")} hint="IANA name, e.g. America/Chicago: rings reported in local time are read in it.">
        {(props) => (
          <>
            <input {...props} name="timeZone" required list="time-zones" autoComplete="off" className={inputClass} value={values.timeZone} onChange={(e) => set("timeZone", e.target.value)} />
            <datalist id="time-zones">{zones.map((z) => <option key={z} value={z} />)}</datalist>
          </>
        )}
      </Field>
      <Field
        label="Numbers and extensions"
        className="md:col-span-2"
        error={firstError(state, "numbers")}
        hint="One per line, in any notation: +1 312 555 0101, (312) 555-0303, or an extension such as 101. Extensions belong to each linked source; national numbers are read with the first source's country."
      >
        {(props) => <textarea {...props} name="numbers" rows={4} className={`${inputClass} font-mono`} value={values.numbers} onChange={(e) => set("numbers", e.target.value)} />}
      </Field>
      <fieldset className="md:col-span-2" aria-describedby={firstError(state, "sources") ? "sources-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">CDR sources (the PBXs that serve this customer)</legend>
        {sources.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">
            No CDR source yet. An admin adds one with <code>npx ghostline sources add NAME --format asterisk --timezone America/Chicago</code>; until then only DIDs can be saved.
          </p>
        ) : (
          <ul className="mt-2 grid gap-2 sm:grid-cols-2">
            {sources.map((s) => (
              <li key={s.name}>
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="sources" value={s.name} checked={values.sources.includes(s.name)} onChange={(e) => toggle(s.name, e.target.checked)} />
                  <span className="font-medium"><UntrustedText text={s.name} /></span>
                  <span className="text-slate-600">{s.format} · {s.timeZone} · {s.defaultCountry}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {firstError(state, "sources") ? <p id="sources-error" className="mt-1 text-sm text-red-700">{firstError(state, "sources")}</p> : null}
      </fieldset>
      <div className="flex items-center gap-3 md:col-span-2">
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : submitLabel}</Button>
        <FormStatus state={state} fields={[...(withAccount ? ["account"] : []), "name", "timeZone", "numbers", "sources"]} />
      </div>
    </form>
  );
}
