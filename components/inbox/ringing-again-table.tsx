import { CustomerLink } from "@/components/customers/customer-link.tsx";
import { CaseStatusBadge } from "@/components/cases/case-status-badge.tsx";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import { utcMinute } from "@/lib/format.ts";
import type { RingingAgain } from "@/lib/inbox/data.ts";

/** Open cases whose customer rang again without a PBX record after the remediation, latest ring first. */
export function RingingAgainTable({ rows }: { rows: RingingAgain[] }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Customers ringing again without a PBX record after their remediation</caption>
      <thead className="text-slate-600">
        <tr>
          <th scope="col" className="py-2 font-medium">Customer</th>
          <th scope="col" className="font-medium">Case</th>
          <th scope="col" className="font-medium">Status</th>
          <th scope="col" className="font-medium">Times rung again</th>
          <th scope="col" className="font-medium">Last ring (UTC)</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.caseNumber}>
            <td className="py-2">
              <CustomerLink className="text-brand-700 underline" account={r.account} />
              <span className="ml-1 text-xs text-slate-600"><UntrustedText text={r.name} /></span>
            </td>
            <td>#{r.caseNumber}</td>
            <td><CaseStatusBadge status={r.status} /></td>
            <td className="tabular-nums">{r.recurrences}</td>
            <td className="tabular-nums">{utcMinute(r.lastRingAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
