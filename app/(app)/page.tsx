import type { Metadata } from "next";
import Link from "next/link";
import { CustomerLink } from "@/components/customers/customer-link.tsx";
import { LinkPending } from "@/components/ui/link-pending.tsx";
import { VerdictBadge } from "@/components/matching/verdict-badge.tsx";
import { RingsChart } from "@/components/overview/rings-chart.tsx";
import { Card } from "@/components/ui/card.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import { requireUser } from "@/lib/auth/session.ts";
import { CASE_STATUSES, STATUS_LABEL } from "@/lib/cases/rules.ts";
import { formatDuration, utcMinute } from "@/lib/format.ts";
import { FINDING_LEVELS } from "@/lib/matching/labels.ts";
import { OVERVIEW_DAYS, overview } from "@/lib/overview/data.ts";

export const metadata: Metadata = { title: "Overview" };

const number = (n: number) => n.toLocaleString("en-US");
const cases = (n: number) => `${number(n)} ${n === 1 ? "case" : "cases"}`;

export default async function OverviewPage() {
  const user = await requireUser();
  const { counts, byLevelStatus, days, sweeps, recurring, medians } = await overview();
  const stats = [
    { label: "Customers", value: counts.customers, href: "/customers" as const },
    { label: "CDR sources", value: counts.sources, href: "/imports" as const },
    { label: "Phones on record", value: counts.devices, href: "/customers" as const },
    { label: "Rings reported", value: counts.reports, href: "/inbox" as const },
  ];
  const noRings = days.every((d) => d.withRecord + d.withoutRecord + d.noCoverage === 0);
  return (
    <>
      <PageHeader
        title={<>Good to see you, <UntrustedText text={user.name.split(" ")[0] ?? ""} /></>}
        description="Ghostline checks each ring a customer reports against the PBX's call records. A ring the PBX never saw went straight to the phone: the signature of a SIP scanner."
      />
      <div className="grid gap-4 sm:grid-cols-4">
        {stats.map((s) => (
          <Link key={s.label} href={s.href} className="rounded-lg border border-slate-200 bg-white p-5 shadow-xs hover:border-brand-500">
            <p className="text-sm text-slate-600">{s.label}</p>
            <p className="mt-1 text-3xl font-semibold tabular-nums">{number(s.value)}</p>
          </Link>
        ))}
      </div>

      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <Card title="Customers by finding">
          <ul className="space-y-2 text-sm">
            {FINDING_LEVELS.map((level) => (
              <li key={level} className="flex items-center justify-between">
                {level === "NOT_INDICATED" ? (
                  <VerdictBadge value={level} />
                ) : (
                  <Link href={{ pathname: "/queue", query: { level } }} className="relative pr-3 hover:underline">
                    <VerdictBadge value={level} />
                    <LinkPending />
                  </Link>
                )}
                <span className="tabular-nums">{number(byLevelStatus.levels[level] ?? 0)}</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Cases by status">
          <ul className="space-y-1 text-sm">
            {CASE_STATUSES.map((status) => (
              <li key={status} className="flex items-center justify-between">
                <Link href={{ pathname: "/queue", query: { status } }} className="relative pr-3 text-brand-700 hover:underline">
                  {STATUS_LABEL[status]}
                  <LinkPending />
                </Link>
                <span className="tabular-nums">{number(byLevelStatus.statuses[status] ?? 0)}</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Time to fix">
          <dl className="grid gap-3 text-sm">
            <div>
              <dt className="text-slate-600">Median, first ring without PBX record → remediation sent</dt>
              <dd className="text-xl font-semibold">
                {medians.toRemediation.seconds === null ? "—" : formatDuration(medians.toRemediation.seconds)}
                <span className="ml-2 text-xs font-normal text-slate-600">{cases(medians.toRemediation.cases)}</span>
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">Median, first ring without PBX record → resolved</dt>
              <dd className="text-xl font-semibold">
                {medians.toResolution.seconds === null ? "—" : formatDuration(medians.toResolution.seconds)}
                <span className="ml-2 text-xs font-normal text-slate-600">{cases(medians.toResolution.cases)}</span>
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">Recurrences (rang again after remediation)</dt>
              <dd>
                <Link href={{ pathname: "/queue", query: { ringingAgain: "1" } }} className="relative pr-3 text-xl font-semibold text-brand-700 hover:underline">
                  {number(recurring.total)}
                  <LinkPending />
                </Link>
                <span className="ml-2 text-xs text-slate-600">in {cases(recurring.cases)}, {number(recurring.recent)} in the last {OVERVIEW_DAYS} days</span>
              </dd>
            </div>
          </dl>
        </Card>
      </div>

      <Card title={`Reported rings per day, last ${OVERVIEW_DAYS} days (UTC)`} className="mt-6">
        {noRings ? (
          <p className="text-sm text-slate-600">
            No rings reported in the last {OVERVIEW_DAYS} days. When a customer hears a ghost call, <Link className="text-brand-700 underline" href="/reports/new">report the ring</Link>: each gets a verdict against the PBX&apos;s records.
          </p>
        ) : (
          <RingsChart days={days} />
        )}
      </Card>

      <Card title={`Sweeps, last ${OVERVIEW_DAYS} days`} className="mt-6">
        {sweeps.length ? (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Rings without PBX record that reached several customers within minutes of each other</caption>
            <thead className="text-slate-600"><tr><th scope="col" className="py-2 font-medium">From (UTC)</th><th scope="col" className="font-medium">To</th><th scope="col" className="font-medium">Rings</th><th scope="col" className="font-medium">Customers</th></tr></thead>
            <tbody className="divide-y divide-slate-100">
              {sweeps.map((s) => (
                <tr key={s.from.toISOString()}>
                  <td className="py-2 tabular-nums">{utcMinute(s.from)}</td>
                  <td className="tabular-nums">{utcMinute(s.to)}</td>
                  <td className="tabular-nums">{s.rings}</td>
                  <td>
                    {s.members.map((account, i) => (
                      <span key={account}>
                        {i > 0 ? ", " : ""}
                        <CustomerLink className="text-brand-700 hover:underline" account={account} />
                      </span>
                    ))}
                    {s.customers > s.members.length ? <span className="text-slate-600"> and {number(s.customers - s.members.length)} more</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-600">No sweep: no two customers rang without a PBX record within minutes of each other. A sweep means one scanner is walking an address range.</p>
        )}
      </Card>

      <Card title="How to work a ghost-call ticket" className="mt-6">
        <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-700">
          <li>Import the PBX&apos;s call history for the days around the rings (<Link className="text-brand-700 underline" href="/imports">Imports</Link>).</li>
          <li>Enter the rings the customer heard; each gets a verdict: PBX record found, no PBX record, or no coverage.</li>
          <li>Customers with rings the PBX never saw land in the <Link className="text-brand-700 underline" href="/queue">Queue</Link>.</li>
          <li>Fix the phone with the <Link className="text-brand-700 underline" href="/wizard">Wizard</Link>: it writes the exact overrides for its vendor and firmware.</li>
        </ol>
      </Card>
    </>
  );
}
