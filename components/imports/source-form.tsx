"use client";

// Add a CDR source (supervisors and admins; the action checks the role again on the server).
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, inputClass } from "@/components/ui/field.tsx";
import { firstError } from "@/components/ui/form-status.tsx";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import { createSourceAction } from "@/lib/cdr/actions.ts";
import { CDR_FORMATS, DATE_FORMATS, MAPPING_FIELDS, type MappingField } from "@/lib/cdr/schema.ts";

const REQUIRED: readonly MappingField[] = ["start", "caller", "callee"];
const FIELD_LABELS: Record<MappingField, string> = {
  start: "Start time",
  answer: "Answer time",
  end: "End time",
  caller: "Caller (number or \"Name\" <number>)",
  callerName: "Caller name",
  callee: "Callee (number dialled)",
  endpoint: "Ringing device / extension",
  disposition: "Disposition",
  duration: "Duration",
  billsec: "Billed seconds",
  uniqueId: "Unique id",
  linkedId: "Linked id",
  context: "Context",
};

export function SourceForm() {
  const [state, action, pending] = useActionState(createSourceAction, {});
  const [format, setFormat] = useState<string>("asterisk");
  return (
    <form action={action} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-4">
        <Field label="Source name" error={firstError(state, "name")}>
          {(props) => <input {...props} name="name" required maxLength={100} className={inputClass} placeholder="pbx-east" />}
        </Field>
        <Field label="CDR format" error={firstError(state, "format")}>
          {(props) => (
            <select {...props} name="format" className={inputClass} value={format} onChange={(e) => setFormat(e.target.value)}>
              {CDR_FORMATS.map((f) => (
                <option key={f} value={f}>{f === "auto" ? "auto (detect per file)" : f === "mapped" ? "mapped (any other CSV)" : f}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="PBX time zone" error={firstError(state, "timeZone")}>
          {(props) => <input {...props} name="timeZone" required className={inputClass} placeholder="America/Chicago" />}
        </Field>
        <Field label="Country (for national numbers)" error={firstError(state, "defaultCountry")}>
          {(props) => <input {...props} name="defaultCountry" maxLength={2} className={inputClass} placeholder="US" />}
        </Field>
      </div>
      {format === "mapped" ? (
        <fieldset className="rounded-md border border-slate-200 p-4">
          <legend className="px-1 text-sm font-medium">Column mapping</legend>
          <p className="mb-3 text-xs text-slate-600">
            Name each column by its header text, or by its position counting from 0 (write the number). Start, caller and callee are required.
          </p>
          {firstError(state, "mapping") ? <p className="mb-3 text-sm text-red-700">{firstError(state, "mapping")}</p> : null}
          <div className="grid gap-3 sm:grid-cols-3">
            {MAPPING_FIELDS.map((f) => (
              <Field key={f} label={`${FIELD_LABELS[f]}${REQUIRED.includes(f) ? " *" : ""}`} error={firstError(state, `mapping.${f}`)}>
                {(props) => <input {...props} name={`mapping.${f}`} required={REQUIRED.includes(f)} className={inputClass} />}
              </Field>
            ))}
            <Field label="Date format">
              {(props) => (
                <select {...props} name="mapping.dateFormat" className={inputClass} defaultValue="ymd">
                  {DATE_FORMATS.map((d) => <option key={d} value={d}>{d}</option>)}
                </select>
              )}
            </Field>
            <Field label="Delimiter">
              {(props) => (
                <select {...props} name="mapping.delimiter" className={inputClass} defaultValue=",">
                  <option value=",">comma ,</option>
                  <option value=";">semicolon ;</option>
                  <option value="tab">tab</option>
                  <option value="|">pipe |</option>
                </select>
              )}
            </Field>
            <label className="flex items-end gap-2 pb-2 text-sm">
              <input name="mapping.hasHeader" type="checkbox" defaultChecked className="size-4" />
              The file starts with a header row
            </label>
          </div>
        </fieldset>
      ) : null}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>Add source</Button>
        {/* Both name the source as it was typed. */}
        {state.error ? <p role="alert" className="text-sm text-red-800"><UntrustedText text={state.error} /></p> : null}
        {state.ok ? <p role="status" className="text-sm text-green-800"><UntrustedText text={state.ok} /></p> : null}
        {firstError(state, "form") ? <p role="alert" className="text-sm text-red-800">{firstError(state, "form")}</p> : null}
      </div>
    </form>
  );
}
