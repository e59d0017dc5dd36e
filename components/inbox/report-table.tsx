import { CustomerLink } from "@/components/customers/customer-link.tsx";
import { VerdictBadge } from "@/components/matching/verdict-badge.tsx";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import { utcMinute } from "@/lib/format.ts";
import type { InboxReport } from "@/lib/inbox/data.ts";

/** Reported rings with their verdicts; `showWho` adds who filed each. */
export function ReportTable({ reports, showWho = false, caption }: { reports: InboxReport[]; showWho?: boolean; caption: string }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="text-slate-600">
        <tr>
          <th scope="col" className="py-2 font-medium">Ticket</th>
          <th scope="col" className="font-medium">Customer</th>
          <th scope="col" className="font-medium">Number</th>
          <th scope="col" className="font-medium">Rang at (UTC)</th>
          <th scope="col" className="font-medium">Verdict</th>
          {showWho ? <th scope="col" className="font-medium">Filed by</th> : null}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {reports.map((r) => (
          <tr key={r.id}>
            <td className="py-2">{r.ticket === null ? "—" : <UntrustedText text={r.ticket} />}</td>
            <td>
              <CustomerLink className="text-brand-700 underline" account={r.account} />
              <span className="ml-1 text-xs text-slate-600"><UntrustedText text={r.name} /></span>
            </td>
            <td className="font-mono text-xs">{r.number}</td>
            <td className="tabular-nums">{utcMinute(r.ringAt)}</td>
            <td>{r.verdict ? <VerdictBadge value={r.verdict} /> : <span className="text-xs text-slate-600">Not checked yet</span>}</td>
            {showWho ? <td className="text-xs text-slate-700"><UntrustedText text={r.enteredBy} /></td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
