"use client";

// Add a CDR source (supervisors and admins; the action checks the role again on the server).
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { createSourceAction } from "@/lib/cdr/actions.ts";
import { CDR_FORMATS, DATE_FORMATS, MAPPING_FIELDS, type MappingField } from "@/lib/cdr/schema.ts";

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";
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

function Errors({ messages }: { messages?: string[] }) {
  return messages?.map((m) => <p key={m} className="mt-1 text-xs text-red-700">{m}</p>) ?? null;
}

export function SourceForm() {
  const [state, action, pending] = useActionState(createSourceAction, {});
  const [format, setFormat] = useState<string>("asterisk");
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-4">
        <div>
          <label htmlFor="source-name" className="block text-sm font-medium">Source name</label>
          <input id="source-name" name="name" required maxLength={100} className={input} placeholder="pbx-east" />
          <Errors messages={errors.name} />
        </div>
        <div>
          <label htmlFor="source-format" className="block text-sm font-medium">CDR format</label>
          <select id="source-format" name="format" className={input} value={format} onChange={(e) => setFormat(e.target.value)}>
            {CDR_FORMATS.map((f) => (
              <option key={f} value={f}>{f === "auto" ? "auto (detect per file)" : f === "mapped" ? "mapped (any other CSV)" : f}</option>
            ))}
          </select>
          <Errors messages={errors.format} />
        </div>
        <div>
          <label htmlFor="source-zone" className="block text-sm font-medium">PBX time zone</label>
          <input id="source-zone" name="timeZone" required className={input} placeholder="America/Chicago" />
          <Errors messages={errors.timeZone} />
        </div>
        <div>
          <label htmlFor="source-country" className="block text-sm font-medium">Country (for national numbers)</label>
          <input id="source-country" name="defaultCountry" maxLength={2} className={input} placeholder="US" />
          <Errors messages={errors.defaultCountry} />
        </div>
      </div>
      {format === "mapped" ? (
        <fieldset className="rounded-md border border-slate-200 p-4">
          <legend className="px-1 text-sm font-medium">Column mapping</legend>
          <p className="mb-3 text-xs text-slate-600">
            Name each column by its header text, or by its position counting from 0 (write the number). Start, caller and callee are required.
          </p>
          <Errors messages={errors.mapping} />
          <div className="grid gap-3 sm:grid-cols-3">
            {MAPPING_FIELDS.map((f) => (
              <div key={f}>
                <label htmlFor={`mapping-${f}`} className="block text-sm">{FIELD_LABELS[f]}{REQUIRED.includes(f) ? " *" : ""}</label>
                <input id={`mapping-${f}`} name={`mapping.${f}`} required={REQUIRED.includes(f)} className={input} />
                <Errors messages={errors[`mapping.${f}`]} />
              </div>
            ))}
            <div>
              <label htmlFor="mapping-dateFormat" className="block text-sm">Date format</label>
              <select id="mapping-dateFormat" name="mapping.dateFormat" className={input} defaultValue="ymd">
                {DATE_FORMATS.map((d) => <option key={d} value={d}>{d}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="mapping-delimiter" className="block text-sm">Delimiter</label>
              <select id="mapping-delimiter" name="mapping.delimiter" className={input} defaultValue=",">
                <option value=",">comma ,</option>
                <option value=";">semicolon ;</option>
                <option value="tab">tab</option>
                <option value="|">pipe |</option>
              </select>
            </div>
            <div className="flex items-end gap-2 pb-2">
              <input id="mapping-hasHeader" name="mapping.hasHeader" type="checkbox" defaultChecked className="size-4" />
              <label htmlFor="mapping-hasHeader" className="text-sm">The file starts with a header row</label>
            </div>
          </div>
        </fieldset>
      ) : null}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>Add source</Button>
        {state.error ? <p role="alert" className="text-sm text-red-800">{state.error}</p> : null}
        {state.ok ? <p role="status" className="text-sm text-green-800">{state.ok}</p> : null}
        {errors.form ? <p role="alert" className="text-sm text-red-800">{errors.form.join(" ")}</p> : null}
      </div>
    </form>
  );
}
