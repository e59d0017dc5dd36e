import type { Metadata } from "next";
import Link from "next/link";
import { VerdictBadge } from "@/components/matching/verdict-badge.tsx";
import { buttonClass } from "@/components/ui/button.tsx";
import { Card } from "@/components/ui/card.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { requireUser } from "@/lib/auth/session.ts";
import { computeVerdicts } from "@/lib/matching/verdicts.ts";

export const metadata: Metadata = { title: "Queue" };

export default async function QueuePage() {
  await requireUser();
  const { findings, verdicts } = await computeVerdicts();
  const flagged = findings.filter((f) => f.level !== "NOT_INDICATED").sort((a, b) => b.score - a.score);
  const reportButton = <Link href="/reports/new" className={buttonClass("primary")}>Report a ring</Link>;
  return (
    <>
      <PageHeader
        title="Queue"
        description="Customers whose phones rang without the PBX seeing the call, most likely first."
        actions={reportButton}
      />
      {flagged.length === 0 ? (
        <EmptyState title="No flagged customers" action={<Link href="/imports" className={buttonClass("secondary")}>Import call records</Link>}>
          A customer is flagged when a ring they reported has no matching call record while the PBX&apos;s exports
          cover that moment. Import the PBX&apos;s call history, then report the rings customers heard.
        </EmptyState>
      ) : (
        <div className="grid gap-4">
          {flagged.map((f) => (
            <Card key={f.account}>
              <div className="flex items-center gap-3">
                <VerdictBadge value={f.level} />
                <h2 className="font-semibold">
                  <Link className="hover:underline" href={`/customers/${encodeURIComponent(f.account)}`}>{f.account}</Link>
                </h2>
                <span className="ml-auto text-sm tabular-nums text-slate-600">score {f.score}</span>
              </div>
              <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700">
                {f.evidence.map((e) => <li key={e.rule}>{e.text}</li>)}
              </ul>
            </Card>
          ))}
        </div>
      )}
      {verdicts.length ? (
        <Card title="Reported rings" className="mt-6">
          <table className="w-full text-left text-sm">
            <thead className="text-slate-600">
              <tr><th className="py-2 font-medium">Ticket</th><th className="font-medium">Customer</th><th className="font-medium">Number</th><th className="font-medium">Rang at (UTC)</th><th className="font-medium">Verdict</th><th className="font-medium">PBX record</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {verdicts.map((v, i) => (
                <tr key={`${v.account}-${v.ringTime}-${i}`}>
                  <td className="py-2">{v.ticket ?? "—"}</td>
                  <td>{v.account}</td>
                  <td className="font-mono text-xs">{v.number}</td>
                  <td>{v.ringTime.slice(0, 16).replace("T", " ")}</td>
                  <td><VerdictBadge value={v.verdict} /></td>
                  <td className="text-xs text-slate-700">
                    {v.matchedCdr ? `${v.matchedCdr.caller} · ${v.matchedCdr.disposition.toLowerCase()} · ${v.matchedCdr.durationSec ?? 0}s` : (v.caveats?.[0] ?? "")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      ) : null}
    </>
  );
}
