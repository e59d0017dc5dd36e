import type { Metadata } from "next";
import Link from "next/link";
import { CustomerLink } from "@/components/customers/customer-link.tsx";
import { AutoRefresh } from "@/components/imports/auto-refresh.tsx";
import { ReportTable } from "@/components/inbox/report-table.tsx";
import { RingingAgainTable } from "@/components/inbox/ringing-again-table.tsx";
import { buttonClass } from "@/components/ui/button.tsx";
import { Card } from "@/components/ui/card.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import { actorLabel, requireUser } from "@/lib/auth/session.ts";
import { anyLiveFeed } from "@/lib/feeds/data.ts";
import { utcMinute } from "@/lib/format.ts";
import { reportsFiledSince, ringingAgain, waitingForCoverage } from "@/lib/inbox/data.ts";
import { INBOX_WINDOW_HOURS, ticketSchema } from "@/lib/inbox/schema.ts";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage({ searchParams }: PageProps<"/inbox">) {
  const user = await requireUser();
  // Set by the ticket box (./ticket/route.ts) when no report has the ticket.
  const missing = ticketSchema.safeParse((await searchParams).missing);
  const missingTicket = missing.success ? missing.data : null;

  const since = new Date(Date.now() - INBOX_WINDOW_HOURS * 3_600_000);
  const [filed, coverage, ringing] = await Promise.all([
    reportsFiledSince({ enteredBy: actorLabel(user) }, since),
    waitingForCoverage(),
    ringingAgain(),
  ]);

  const live = await anyLiveFeed(coverage.gaps.flatMap((g) => (g.source === null ? [] : [g.source])));
  return (
    <>
      {/* A live feed decides waiting rings within seconds: the page follows while any of its rings wait. */}
      <AutoRefresh active={live} everyMs={5000} />
      <PageHeader
        title="Inbox"
        description="What needs you between tickets: today's rings and their verdicts, rings waiting for call records, and customers ringing again after their fix was sent."
        actions={<Link href="/reports/new" className={buttonClass("primary")}>Report a ring</Link>}
      />
      <form action="/inbox/ticket" method="get" role="search" aria-label="Open a ticket's customer" className="mb-6 flex flex-wrap items-end gap-2">
        <label className="grid gap-1 text-sm font-medium text-slate-700">
          Ticket number
          <input name="ticket" required maxLength={100} defaultValue={missingTicket ?? ""} placeholder="T-1002" className="w-56 rounded-md border border-slate-300 px-2 py-1.5 font-normal" />
        </label>
        <button type="submit" className={buttonClass("secondary")}>Open customer</button>
        {missingTicket !== null ? (
          <p role="alert" className="w-full text-sm text-red-800">
            No reported ring has ticket “<UntrustedText text={missingTicket} />”. Check the number, or <Link className="underline" href="/reports/new">report the ring</Link> first.
          </p>
        ) : null}
      </form>

      <div className="grid gap-6">
        <Card title={`Your reports, last ${INBOX_WINDOW_HOURS} hours`}>
          {filed.mine.length ? (
            <ReportTable reports={filed.mine} caption="Your reports" />
          ) : (
            <p className="text-sm text-slate-600">You have filed no ring today. When a customer calls about a ring, <Link className="text-brand-700 underline" href="/reports/new">report it</Link>: it gets a verdict at once.</p>
          )}
        </Card>
        <Card title={`The team's reports, last ${INBOX_WINDOW_HOURS} hours`}>
          {filed.team.length ? (
            <ReportTable reports={filed.team} showWho caption="The team's reports" />
          ) : (
            <p className="text-sm text-slate-600">Nobody else has filed a ring today.</p>
          )}
        </Card>
        <Card title="Waiting for call records">
          {coverage.gaps.length ? (
            <>
              <p className="mb-3 text-sm text-slate-600">These rings can&apos;t be checked yet: no imported CDRs cover them. Import each source&apos;s CDRs for the period shown, and their verdicts follow; a source with a live feed decides them as its CDRs arrive (this list follows it).</p>
              <table className="mb-4 w-full text-left text-sm">
                <caption className="sr-only">Sources to import</caption>
                <thead className="text-slate-600"><tr><th scope="col" className="py-2 font-medium">Source</th><th scope="col" className="font-medium">Rings waiting</th><th scope="col" className="font-medium">Import from (UTC)</th><th scope="col" className="font-medium">to (UTC)</th></tr></thead>
                <tbody className="divide-y divide-slate-100">
                  {coverage.gaps.map((g) => (
                    <tr key={g.source ?? ""}>
                      <td className="py-2">{g.source !== null ? <UntrustedText text={g.source} /> : <span>No source: <Link className="text-brand-700 underline" href="/imports">add the customer&apos;s PBX</Link></span>}</td>
                      <td className="tabular-nums">{g.reports}</td>
                      <td className="tabular-nums">{utcMinute(g.from)}</td>
                      <td className="tabular-nums">{utcMinute(g.to)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <details>
                <summary className="cursor-pointer text-sm text-brand-700">The latest {coverage.reports.length} waiting rings</summary>
                <ul className="mt-2 space-y-1 text-sm text-slate-700">
                  {coverage.reports.map((r) => (
                    <li key={r.id}>
                      <CustomerLink className="text-brand-700 hover:underline" account={r.account} />
                      {r.ticket ? <> · <UntrustedText text={r.ticket} /></> : ""} · rang {utcMinute(r.ringAt)} UTC ± {r.windowMinutes} min · {r.sources.length ? <>import <UntrustedText text={r.sources.join(", ")} /></> : "no CDR source"}
                    </li>
                  ))}
                </ul>
              </details>
            </>
          ) : (
            <p className="text-sm text-slate-600">Every reported ring is covered by imported call records.</p>
          )}
        </Card>
        <Card title="Ringing again after remediation">
          {ringing.length ? (
            <>
              <p className="mb-3 text-sm text-slate-600">These customers&apos; phones rang without a PBX record after their overrides were sent: the fix has not held, and their cases are reopened for investigation.</p>
              <RingingAgainTable rows={ringing} />
            </>
          ) : (
            <p className="text-sm text-slate-600">No customer has rung without a PBX record since their fix was sent.</p>
          )}
        </Card>
      </div>
    </>
  );
}
