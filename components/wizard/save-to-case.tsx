"use client";

// "Save to case" and "Mark as sent" on the wizard's last step, when the wizard was opened for a
// customer. The server re-validates the request and generates the text itself; this sends only
// the wizard's choices.
import Link from "next/link";
import { useState, useTransition } from "react";
import { Button, buttonClass } from "@/components/ui/button.tsx";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import { markRemediationSentAction, saveRemediationAction } from "@/lib/remediation/actions.ts";
import type { RemediationRequest } from "@/lib/remediation/schema.ts";
import type { Device } from "./device-fields.tsx";

export type CasePhone = Device & { id: string; label: string };
export type CaseCustomer = { account: string; name: string; device?: CasePhone | undefined };

type State =
  | { step: "unsaved"; error?: string }
  | { step: "saved"; remediationId: string; message: string; error?: string }
  | { step: "sent"; message: string };

/** The linked phone, if the overrides are still for it (the agent may have picked another). */
function linkedDevice(customer: CaseCustomer, request: RemediationRequest): string | undefined {
  const d = customer.device;
  if (!d) return undefined;
  const same = d.vendor === request.vendor && d.firmware.trim() === request.firmware && (d.model || undefined) === request.model;
  return same ? d.id : undefined;
}

export function SaveToCase({ customer, request }: { customer: CaseCustomer; request: RemediationRequest }) {
  const [state, setState] = useState<State>({ step: "unsaved" });
  const [pending, startTransition] = useTransition();
  const deviceId = linkedDevice(customer, request);

  function save() {
    startTransition(async () => {
      const result = await saveRemediationAction({ account: customer.account, deviceId, request });
      setState(result.ok ? { step: "saved", remediationId: result.remediationId, message: result.message } : { step: "unsaved", error: result.error });
    });
  }
  function markSent(remediationId: string, message: string) {
    startTransition(async () => {
      const result = await markRemediationSentAction({ remediationId });
      setState(result.ok ? { step: "sent", message: result.message } : { step: "saved", remediationId, message, error: result.error });
    });
  }

  const casePage = `/customers/${encodeURIComponent(customer.account)}` as const;
  return (
    <section aria-labelledby="save-to-case-heading" className="rounded-lg border border-brand-100 bg-brand-50 p-4">
      <h3 id="save-to-case-heading" className="text-base font-semibold text-slate-900">
        Save to <UntrustedText text={customer.name} />&apos;s case
      </h3>
      <p className="mt-1 text-sm text-slate-700">
        {deviceId ? `For ${customer.device?.label}. ` : ""}
        Records these overrides, who saved them and when on the customer&apos;s open case (a case is opened if there is none).
        Mark them as sent once they are in the phone&apos;s provisioning: the case then moves to Remediation sent.
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        {state.step === "unsaved" ? (
          <Button type="button" onClick={save} disabled={pending}>
            Save to case
          </Button>
        ) : null}
        {state.step === "saved" ? (
          <Button type="button" onClick={() => markSent(state.remediationId, state.message)} disabled={pending}>
            Mark as sent
          </Button>
        ) : null}
        {state.step !== "unsaved" ? (
          <Link href={casePage} className={buttonClass("secondary")}>
            Open the case
          </Link>
        ) : null}
        <p role="status" className="text-sm text-green-800">
          {state.step === "unsaved" ? "" : state.message}
        </p>
      </div>
      {"error" in state && state.error ? (
        <p role="alert" className="mt-2 whitespace-pre-wrap text-sm text-red-800">
          {state.error}
        </p>
      ) : null}
    </section>
  );
}
