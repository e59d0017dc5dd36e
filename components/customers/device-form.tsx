"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, inputClass } from "@/components/ui/field.tsx";
import type { DirectoryFormState } from "@/lib/customers/errors.ts";
import { listModels, listVendors } from "@/lib/remediation/catalog.ts";
import type { VendorId } from "@/lib/remediation/catalog-schema.ts";
import { FormStatus, firstError } from "@/components/ui/form-status.tsx";

const VENDORS = listVendors();

export type DeviceValues = { vendor: VendorId | ""; model: string; firmware: string; mac: string; extension: string };
type Action = (state: DirectoryFormState, form: FormData) => Promise<DirectoryFormState>;

/** A phone: vendor and model from the remediation catalog, so the wizard can be opened on it. */
export function DeviceForm({ action, initial, submitLabel }: { action: Action; initial: DeviceValues; submitLabel: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  const [values, setValues] = useState(initial);
  const set = (key: keyof DeviceValues, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const vendor = VENDORS.find((v) => v.id === values.vendor);
  const models = values.vendor ? listModels(values.vendor) : [];

  return (
    <form action={formAction} className="grid gap-4 md:grid-cols-5">
      <Field label="Vendor" error={firstError(state, "vendor")}>
        {(props) => (
          <select {...props} name="vendor" required className={inputClass} value={values.vendor}
            // Model lists differ per vendor.
            onChange={(e) => setValues((v) => ({ ...v, vendor: e.target.value as VendorId | "", model: "" }))}>
            <option value="">Choose…</option>
            {VENDORS.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
          </select>
        )}
      </Field>
      <Field label="Model" error={firstError(state, "model")}>
        {(props) => (
          <select {...props} name="model" required disabled={!vendor} className={inputClass} value={values.model} onChange={(e) => set("model", e.target.value)}>
            <option value="">{vendor ? "Choose…" : "Vendor first"}</option>
            {models.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        )}
      </Field>
      <Field label="Firmware" error={firstError(state, "firmware")} hint={vendor?.firmwareHint}>
        {(props) => <input {...props} name="firmware" required autoComplete="off" spellCheck={false} className={`${inputClass} font-mono`} value={values.firmware} onChange={(e) => set("firmware", e.target.value)} />}
      </Field>
      <Field label="MAC address" error={firstError(state, "mac")} hint="Optional; any notation, e.g. 80:5E:C0:A1:B2:C3.">
        {(props) => <input {...props} name="mac" autoComplete="off" spellCheck={false} className={`${inputClass} font-mono`} value={values.mac} onChange={(e) => set("mac", e.target.value)} />}
      </Field>
      <Field label="Extension" error={firstError(state, "extension")} hint="Optional.">
        {(props) => <input {...props} name="extension" inputMode="numeric" className={inputClass} value={values.extension} onChange={(e) => set("extension", e.target.value)} />}
      </Field>
      <div className="flex items-center gap-3 md:col-span-5">
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : submitLabel}</Button>
        <FormStatus state={state} fields={["vendor", "model", "firmware", "mac", "extension"]} />
      </div>
    </form>
  );
}

/** Removes one phone from the record (audited; the phone's remediation history stays). */
export function RemoveDeviceButton({ action, label }: { action: Action; label: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <Button type="submit" variant="danger" disabled={pending} aria-label={`Remove ${label}`}>Remove</Button>
      {state.fieldErrors ? <p role="alert" className="text-sm text-red-800">{Object.values(state.fieldErrors).flat().join(" ")}</p> : null}
    </form>
  );
}
