"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { showBidiControls } from "@/lib/bidi.ts";
import { createReportAction } from "@/lib/matching/actions.ts";

type Customer = { account: string; name: string; timeZone: string };
const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

function Errors({ messages }: { messages?: string[] }) {
  return messages?.map((m) => <p key={m} className="mt-1 text-xs text-red-700">{m}</p>) ?? null;
}

export function ReportForm({ customers }: { customers: Customer[] }) {
  const [state, action, pending] = useActionState(createReportAction, {});
  const [account, setAccount] = useState(customers[0]?.account ?? "");
  const zone = customers.find((c) => c.account === account)?.timeZone;
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2">
      <div>
        <label htmlFor="account" className="block text-sm font-medium">Customer</label>
        <select id="account" name="account" className={input} value={account} onChange={(e) => setAccount(e.target.value)}>
          {customers.map((c) => <option key={c.account} value={c.account}>{showBidiControls(c.name)} ({c.account})</option>)}
        </select>
        <Errors messages={state.fieldErrors?.account} />
      </div>
      <div>
        <label htmlFor="number" className="block text-sm font-medium">Number or extension that rang</label>
        <input id="number" name="number" required className={input} placeholder="101 or (312) 555-0101" />
        <Errors messages={state.fieldErrors?.number} />
      </div>
      <div>
        <label htmlFor="ring_time" className="block text-sm font-medium">Ring time, in the customer&apos;s time ({zone})</label>
        <input id="ring_time" name="ring_time" type="datetime-local" required className={input} />
        <Errors messages={state.fieldErrors?.ring_time} />
      </div>
      <div>
        <label htmlFor="window_minutes" className="block text-sm font-medium">Search window (± minutes)</label>
        <input id="window_minutes" name="window_minutes" type="number" min={1} max={120} defaultValue={5} className={input} />
        <Errors messages={state.fieldErrors?.window_minutes} />
      </div>
      <div>
        <label htmlFor="caller_id" className="block text-sm font-medium">Caller ID the phone showed</label>
        <input id="caller_id" name="caller_id" className={input} placeholder="e.g. 100" />
      </div>
      <div>
        <label htmlFor="ticket" className="block text-sm font-medium">Ticket</label>
        <input id="ticket" name="ticket" className={input} placeholder="T-1234" />
      </div>
      <div className="sm:col-span-2">
        <label htmlFor="notes" className="block text-sm font-medium">Notes</label>
        <textarea id="notes" name="notes" rows={2} className={input} />
      </div>
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={pending}>Check this ring</Button>
        {state.error ? <p role="alert" className="text-sm text-red-800">{state.error}</p> : null}
      </div>
    </form>
  );
}
