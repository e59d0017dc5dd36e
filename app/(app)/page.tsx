import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { requireUser } from "@/lib/auth/session.ts";
import { overviewCounts } from "@/lib/customers/data.ts";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requireUser();
  const counts = await overviewCounts();
  const stats = [
    { label: "Customers", value: counts.customers, href: "/customers" as const },
    { label: "CDR sources", value: counts.sources, href: "/imports" as const },
    { label: "Phones on record", value: counts.devices, href: "/customers" as const },
    { label: "Rings reported", value: counts.reports, href: "/queue" as const },
  ];
  return (
    <>
      <PageHeader
        title={`Good to see you, ${user.name.split(" ")[0]}`}
        description="Ghostline checks each ring a customer reports against the PBX's call records. A ring the PBX never saw went straight to the phone: the signature of a SIP scanner."
      />
      <div className="grid gap-4 sm:grid-cols-4">
        {stats.map((s) => (
          <Link key={s.label} href={s.href} className="rounded-lg border border-slate-200 bg-white p-5 shadow-xs hover:border-brand-500">
            <p className="text-sm text-slate-600">{s.label}</p>
            <p className="mt-1 text-3xl font-semibold tabular-nums">{s.value.toLocaleString("en-US")}</p>
          </Link>
        ))}
      </div>
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
