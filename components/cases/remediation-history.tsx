import { ACTIONS, type ActionId } from "@/lib/remediation/vocabulary.ts";
import { getVendor } from "@/lib/remediation/catalog.ts";
import { vendorIdSchema } from "@/lib/remediation/schema.ts";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import { formatWhen } from "./format.ts";
import { MarkSentButton } from "./mark-sent-button.tsx";

type Remediation = {
  id: string;
  vendor: string;
  model: string | null;
  firmware: string;
  actions: string[];
  syntax: string;
  text: string;
  summary: string;
  createdBy: string;
  createdAt: Date;
  sentAt: Date | null;
  sentBy: string | null;
  caseId: string | null;
  case: { number: number } | null;
  device: { model: string; extension: string | null } | null;
};

function vendorName(vendor: string): string {
  const id = vendorIdSchema.safeParse(vendor);
  return id.success ? getVendor(id.data).name : vendor;
}

function actionTitle(action: string): string {
  return action in ACTIONS ? ACTIONS[action as ActionId].title : action;
}

/** Overrides saved from the wizard for this customer, newest first: who, when, what, and whether they went out. */
export function RemediationHistory({
  remediations,
  timeZone,
  openCaseId,
}: {
  remediations: Remediation[];
  timeZone: string;
  /** Overrides saved to this (open) case can still be marked as sent from here. */
  openCaseId: string | null;
}) {
  if (remediations.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        Nothing saved yet. Use &ldquo;Fix this device&rdquo; on a phone, then &ldquo;Save to case&rdquo; on the wizard&apos;s last step.
      </p>
    );
  }
  return (
    <ul className="divide-y divide-slate-100">
      {remediations.map((r) => (
        <li key={r.id} className="py-3 text-sm">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span className="font-medium text-slate-900">
              {vendorName(r.vendor)} {r.model ?? ""}, firmware <span className="font-mono text-xs">{r.firmware}</span>
            </span>
            {r.device?.extension ? <span className="text-slate-600">extension {r.device.extension}</span> : null}
            {r.sentAt ? (
              <span className="rounded-full bg-green-100 px-2 py-0.5 text-xs font-medium text-green-900">
                Sent {formatWhen(r.sentAt, timeZone)} by <UntrustedText text={r.sentBy ?? ""} />
              </span>
            ) : (
              <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">Not sent</span>
            )}
            {r.case ? <span className="text-xs text-slate-600">case #{r.case.number}</span> : null}
            {!r.sentAt && r.caseId !== null && r.caseId === openCaseId ? (
              <MarkSentButton remediationId={r.id} label={`${vendorName(r.vendor)} ${r.model ?? ""}, saved ${formatWhen(r.createdAt, timeZone)}`} />
            ) : null}
          </div>
          <p className="mt-1 text-slate-700">{r.actions.map(actionTitle).join(" · ")}</p>
          <p className="mt-0.5 text-xs text-slate-600">
            Saved by <UntrustedText text={r.createdBy} /> · <time dateTime={r.createdAt.toISOString()}>{formatWhen(r.createdAt, timeZone)}</time> · {r.syntax === "native" ? "native file" : "override lines"}
          </p>
          <details className="mt-2">
            <summary className="cursor-pointer text-sm text-brand-700 underline">Show the overrides and the ticket summary</summary>
            <pre tabIndex={0} aria-label="Override text" className="mt-2 max-h-72 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-50">{r.text || "(no phone setting: firewall only)"}</pre>
            <pre tabIndex={0} aria-label="Ticket summary" className="mt-2 max-h-72 overflow-auto whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-xs text-slate-800 ring-1 ring-slate-200">{r.summary}</pre>
          </details>
        </li>
      ))}
    </ul>
  );
}
