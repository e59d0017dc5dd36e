"use client";

import { useState } from "react";
import { Field, inputClass } from "@/components/ui/field.tsx";
import { describeFirmware, listModels, listVendors, type TargetIssue } from "@/lib/remediation/catalog.ts";
import type { VendorId } from "@/lib/remediation/catalog-schema.ts";

export interface Device {
  vendor: VendorId | "";
  model: string;
  firmware: string;
}

const VENDORS = listVendors();

/** Vendor → model → firmware, with the firmware read back ("V73") as the agent types it. */
export function DeviceFields({
  value,
  onChange,
  issues,
  showErrors,
}: {
  value: Device;
  onChange: (device: Device) => void;
  /** From resolveTarget / the schema: unknown model, model required, unparseable firmware. */
  issues: TargetIssue[];
  /** After a failed "Next": show every issue, not only those of fields already left. */
  showErrors: boolean;
}) {
  const [left, setLeft] = useState<Set<keyof Device>>(new Set());
  const leave = (field: keyof Device) => setLeft((prev) => new Set(prev).add(field));
  const vendor = VENDORS.find((v) => v.id === value.vendor);
  const models = value.vendor ? listModels(value.vendor) : [];
  const families = [...new Map(models.map((m) => [m.family.id, m.family.name])).entries()];
  const errorFor = (field: "model" | "firmware") =>
    showErrors || left.has(field) ? issues.find((issue) => issue.path === field)?.message : undefined;
  const firmware =
    value.vendor && value.firmware.trim()
      ? describeFirmware({ vendor: value.vendor, model: value.model || undefined, firmware: value.firmware })
      : undefined;

  return (
    <div className="grid gap-5 md:grid-cols-3">
      <Field label="Vendor" error={showErrors && !value.vendor ? "choose the phone's vendor" : undefined}>
        {(props) => (
          <select
            {...props}
            className={inputClass}
            value={value.vendor}
            // The model lists differ per vendor; the firmware is kept in case the vendor was a slip.
            onChange={(e) => onChange({ ...value, vendor: e.target.value as VendorId | "", model: "" })}
          >
            <option value="">Choose a vendor…</option>
            {VENDORS.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        )}
      </Field>

      <Field
        label="Model"
        error={errorFor("model")}
        hint={vendor ? (vendor.requiresModel ? `${vendor.name} model families use different settings, so the model is needed.` : "Optional: it bounds the account number and checks the firmware.") : undefined}
      >
        {(props) => (
          <select
            {...props}
            className={inputClass}
            value={value.model}
            disabled={!vendor}
            onChange={(e) => onChange({ ...value, model: e.target.value })}
            onBlur={() => leave("model")}
          >
            <option value="">{vendor?.requiresModel ? "Choose a model…" : "Any model / not sure"}</option>
            {families.map(([id, name]) => (
              <optgroup key={id} label={name}>
                {models
                  .filter((m) => m.family.id === id)
                  .map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>

      <Field
        label="Firmware"
        error={errorFor("firmware")}
        hint={
          <>
            {vendor ? <span className="block">{vendor.firmwareHint}</span> : null}
            {firmware?.ok ? (
              <span className="mt-1 block font-medium text-emerald-800">Read as {firmware.label}</span>
            ) : null}
          </>
        }
      >
        {(props) => (
          <input
            {...props}
            className={`${inputClass} font-mono`}
            value={value.firmware}
            disabled={!vendor}
            autoComplete="off"
            spellCheck={false}
            placeholder={vendor ? "" : "Choose a vendor first"}
            onChange={(e) => onChange({ ...value, firmware: e.target.value })}
            onBlur={() => leave("firmware")}
          />
        )}
      </Field>

      {firmware?.ok && firmware.notes.length > 0 ? (
        <ul className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 md:col-span-3">
          {firmware.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
