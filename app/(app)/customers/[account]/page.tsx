import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { VerdictBadge } from "@/components/matching/verdict-badge.tsx";
import { buttonClass } from "@/components/ui/button.tsx";
import { Card } from "@/components/ui/card.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import { requireUser } from "@/lib/auth/session.ts";
import { getCustomer } from "@/lib/customers/data.ts";
import * as z from "zod";
import { CasePanel } from "@/components/cases/case-panel.tsx";
import { RangeLinks } from "@/components/cases/range-links.tsx";
import { RemediationHistory } from "@/components/cases/remediation-history.tsx";
import { CaseTimeline } from "@/components/charts/case-timeline.tsx";
import { hasRole } from "@/lib/auth/roles.ts";
import { getCustomerCase, getTimeline, listAssignableUsers, listRemediations, TIMELINE_RANGES } from "@/lib/cases/data.ts";
import { ASSIGN_ROLE } from "@/lib/cases/rules.ts";
import { getCustomerFinding, getCustomerVerdicts } from "@/lib/matching/data.ts";

export const metadata: Metadata = { title: "Customer" };

// The timeline's range comes from the URL; anything else falls back to 30 days.
const rangeSchema = z.enum(Object.keys(TIMELINE_RANGES) as [keyof typeof TIMELINE_RANGES]).catch("30d");

export default async function CustomerPage({ params, searchParams }: PageProps<"/customers/[account]">) {
  const user = await requireUser();
  const { account } = await params;
  const customer = await getCustomer(decodeURIComponent(account));
  if (!customer) notFound();
  const range = rangeSchema.parse((await searchParams).range);
  const [caseRow, users, remediations, timeline, { finding, sweepWith }, verdicts] = await Promise.all([
    getCustomerCase(customer.id),
    hasRole(user.role, ASSIGN_ROLE) ? listAssignableUsers() : [],
    listRemediations(customer.id),
    getTimeline(customer, TIMELINE_RANGES[range]),
    getCustomerFinding(customer),
    getCustomerVerdicts(customer.id),
  ]);
  return (
    <>
      <PageHeader
        title={<UntrustedText text={customer.name} />}
        description={<>{customer.account} · {customer.timeZone} · sources: <UntrustedText text={customer.sources.map((s) => s.source.name).join(", ") || "none"} /></>}
        actions={<>
          <Link href={{ pathname: "/reports/new" }} className={buttonClass("secondary")}>Report a ring</Link>
          <Link href={{ pathname: `/customers/${encodeURIComponent(customer.account)}/edit` }} className={buttonClass("secondary")}>Edit customer</Link>
        </>}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Finding" className="lg:col-span-2">
          <div className="flex items-center gap-3"><VerdictBadge value={finding.level} /><span className="text-sm text-slate-600">score {finding.score}</span></div>
          {/* Evidence quotes caller IDs from reports. */}
          <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700">{finding.evidence.map((e) => <li key={e.rule}><UntrustedText text={e.text} /></li>)}</ul>
        </Card>
        <Card title="Numbers">
          <ul className="space-y-1 text-sm">
            {customer.numbers.map((n) => (
              <li key={`${n.number}-${n.source?.name ?? ""}`}>
                <span className="font-mono text-xs">{n.number}</span>{" "}
                <span className="text-slate-600">{n.kind === "DID" ? "DID" : <>extension on <UntrustedText text={n.source?.name ?? ""} /></>}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <CasePanel caseRow={caseRow} role={user.role} users={users} timeZone={customer.timeZone} />
      <section aria-labelledby="timeline-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-xs">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 id="timeline-heading" className="text-sm font-semibold text-slate-700">Timeline: PBX calls against reported rings</h2>
          <RangeLinks account={customer.account} current={range} />
        </div>
        {sweepWith.length ? <p className="mb-2 text-sm text-slate-700">Rang in a sweep with {sweepWith.join(", ")}.</p> : null}
        <CaseTimeline timeline={timeline} timeZone={customer.timeZone} days={TIMELINE_RANGES[range]} />
      </section>
      <Card title="Phones" className="mt-6">
        {customer.devices.length ? (
          <table className="w-full text-left text-sm">
            <thead className="text-slate-600"><tr><th className="py-2 font-medium">Vendor</th><th className="font-medium">Model</th><th className="font-medium">Firmware</th><th className="font-medium">Extension</th><th className="font-medium">MAC</th><th className="font-medium"><span className="sr-only">Fix</span></th></tr></thead>
            <tbody className="divide-y divide-slate-100">
              {customer.devices.map((d) => (
                <tr key={d.id}>
                  <td className="py-2 capitalize">{d.vendor}</td><td>{d.model}</td><td className="font-mono text-xs">{d.firmware}</td>
                  <td>{d.extension ?? "—"}</td><td className="font-mono text-xs">{d.mac ?? "—"}</td>
                  <td className="text-right">
                    <Link
                      className="text-brand-700 underline"
                      href={{ pathname: "/wizard", query: { vendor: d.vendor, model: d.model, firmware: d.firmware, customer: customer.account, device: d.id } }}
                    >
                      Fix this device<span className="sr-only">: {d.vendor} {d.model} {d.extension ?? ""}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : <p className="text-sm text-slate-600">No phones on record for this customer.</p>}
      </Card>
      <Card title="Reported rings" className="mt-6">
        {verdicts.length ? (
          <table className="w-full text-left text-sm">
            <thead className="text-slate-600"><tr><th className="py-2 font-medium">Ticket</th><th className="font-medium">Number</th><th className="font-medium">Rang at (UTC)</th><th className="font-medium">Verdict</th><th className="font-medium">PBX record or caveat</th></tr></thead>
            <tbody className="divide-y divide-slate-100">
              {verdicts.map((v, i) => (
                <tr key={`${v.ringTime}-${i}`}>
                  <td className="py-2">{v.ticket === null ? "—" : <UntrustedText text={v.ticket} />}</td><td className="font-mono text-xs">{v.number}</td>
                  <td>{v.ringTime.slice(0, 16).replace("T", " ")}</td><td><VerdictBadge value={v.verdict} /></td>
                  <td className="text-xs text-slate-700">{v.matchedCdr ? <><UntrustedText text={v.matchedCdr.caller} /> · {v.matchedCdr.disposition.toLowerCase()} · {v.matchedCdr.durationSec ?? 0}s</> : <UntrustedText text={v.caveats?.join(" ") ?? ""} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : <p className="text-sm text-slate-600">No rings reported for this customer.</p>}
      </Card>
      <Card title="Remediation history" className="mt-6">
        <RemediationHistory remediations={remediations} timeZone={customer.timeZone} openCaseId={caseRow?.openCustomerId ? caseRow.id : null} />
      </Card>
    </>
  );
}
