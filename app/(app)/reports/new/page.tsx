import type { Metadata } from "next";
import * as z from "zod";
import { ReportForm } from "@/components/matching/report-form.tsx";
import { VerdictBadge } from "@/components/matching/verdict-badge.tsx";
import { Card } from "@/components/ui/card.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import { requireUser } from "@/lib/auth/session.ts";
import { listCustomerChoices } from "@/lib/customers/data.ts";
import { verdictForReport } from "@/lib/matching/data.ts";

export const metadata: Metadata = { title: "Report a ring" };

export default async function NewReportPage({ searchParams }: PageProps<"/reports/new">) {
  await requireUser();
  const created = z.uuid().safeParse((await searchParams).created);
  const [customers, verdict] = await Promise.all([
    listCustomerChoices(),
    created.success ? verdictForReport(created.data) : null,
  ]);
  return (
    <>
      <PageHeader title="Report a ring" description="One ring the customer heard. Ghostline checks it against the PBX's call records at once." />
      {verdict ? (
        <Card title="Verdict" className="mb-6">
          <div role="status" className="flex items-center gap-3">
            <VerdictBadge value={verdict.verdict} />
            <span className="text-sm">{verdict.account} · {verdict.number} · {verdict.ringTime.slice(0, 16).replace("T", " ")} UTC</span>
          </div>
          {verdict.matchedCdr ? (
            <p className="mt-2 text-sm text-slate-700">
              The PBX carried a call from <UntrustedText text={verdict.matchedCdr.caller} /> at {verdict.matchedCdr.startedAt.slice(11, 16)} UTC
              ({verdict.matchedCdr.disposition.toLowerCase()}, {verdict.matchedCdr.durationSec ?? 0} s)
              {verdict.matchedCdr.scannerReachedPbx ? ": it looks like scanner traffic that reached the PBX itself." : "."}
            </p>
          ) : null}
          {verdict.caveats?.length ? (
            <ul className="mt-2 list-disc pl-5 text-sm text-slate-700">{verdict.caveats.map((c) => <li key={c}><UntrustedText text={c} /></li>)}</ul>
          ) : null}
        </Card>
      ) : null}
      <Card>
        <ReportForm customers={customers} />
      </Card>
    </>
  );
}
