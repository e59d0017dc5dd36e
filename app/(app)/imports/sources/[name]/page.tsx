import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FeedSetup } from "@/components/feeds/feed-setup.tsx";
import { AutoRefresh } from "@/components/imports/auto-refresh.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { Card } from "@/components/ui/card.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import { hasRole } from "@/lib/auth/roles.ts";
import { requireUser } from "@/lib/auth/session.ts";
import { type FeedState, feedStatus } from "@/lib/feeds/data.ts";
import { utcMinute } from "@/lib/format.ts";

export const metadata: Metadata = { title: "CDR source" };

const STATE: Record<FeedState, { label: string; tone: "green" | "amber" | "red" | "slate"; text: string }> = {
  never: { label: "No live feed", tone: "slate", text: "Nothing has been pushed yet: configure the PBX below, or keep importing its exports." },
  up: { label: "Connected", tone: "green", text: "CDRs or heartbeats are arriving within the quiet limit." },
  quiet: { label: "Quiet", tone: "amber", text: "Nothing for longer than the quiet limit: the feed may be down. Rings since then wait for coverage." },
  down: { label: "Disconnected", tone: "red", text: "The AMI link is down; Ghostline reconnects with back-off. Rings since then wait for coverage." },
};

const count = (n: number) => n.toLocaleString("en-US");

export default async function SourcePage({ params }: PageProps<"/imports/sources/[name]">) {
  const user = await requireUser();
  const { name } = await params;
  const status = await feedStatus(decodeURIComponent(name));
  if (status === null) notFound();
  const state = STATE[status.state];
  const baseUrl = process.env.GHOSTLINE_URL ?? `http://${(await headers()).get("host") ?? "localhost"}`;
  return (
    <>
      <PageHeader title={status.source.name} description={`CDR source · ${status.source.format} · ${status.source.timeZone}`} actions={<Link href="/imports" className="text-sm text-brand-700 underline">All imports</Link>} />
      <AutoRefresh active everyMs={5000} />
      <div className="grid gap-6">
        <Card title="Live feed">
          <div className="flex flex-wrap items-center gap-3">
            <Badge tone={state.tone}>{state.label}</Badge>
            <p className="text-sm text-slate-700">{state.text}</p>
          </div>
          {status.error ? <p role="alert" className="mt-2 text-sm text-red-800">Last failure {utcMinute(status.error.at)} UTC: <UntrustedText text={status.error.message} /></p> : null}
          <dl className="mt-4 grid gap-3 text-sm sm:grid-cols-4">
            <div><dt className="text-slate-600">Covers up to (UTC)</dt><dd className="tabular-nums">{status.coveredUntil ? status.coveredUntil.toISOString().replace("T", " ").slice(0, 19) : "—"}</dd></div>
            <div><dt className="text-slate-600">Last CDR received</dt><dd className="tabular-nums">{utcMinute(status.lastCdrAt)}</dd></div>
            <div><dt className="text-slate-600">Last 24 hours</dt><dd className="tabular-nums">{count(status.rate.cdrs)} CDRs · {status.rate.perMinute}/min while up</dd></div>
            <div><dt className="text-slate-600">Quiet limit</dt><dd>{status.quietMinutes} min{status.ami ? ` · AMI ${status.ami.username}@${status.ami.host}:${status.ami.port}` : ""}</dd></div>
          </dl>
        </Card>

        <Card title="Gaps in the feed's coverage">
          {status.gaps.length === 0 ? (
            <p className="text-sm text-slate-600">None. A ring inside a gap is not judged from the feed: it waits for an export of that period.</p>
          ) : (
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Gaps</caption>
              <thead className="text-slate-600"><tr><th scope="col" className="py-2 font-medium">From (UTC)</th><th scope="col" className="font-medium">To (UTC)</th><th scope="col" className="font-medium">Why</th></tr></thead>
              <tbody className="divide-y divide-slate-100">
                {status.gaps.map((g) => (
                  <tr key={`${g.from.toISOString()}-${g.to?.toISOString() ?? "open"}`}>
                    <td className="py-2 tabular-nums">{utcMinute(g.from)}</td>
                    <td className="tabular-nums">{g.to ? utcMinute(g.to) : "still open"}</td>
                    <td><UntrustedText text={g.reason} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="mt-3 text-xs text-slate-600">Import the PBX&apos;s export for a gap&apos;s period: its calls fill it, and calls already pushed are not stored twice.</p>
        </Card>

        {status.imports.length > 0 ? (
          <Card title="Pushed CDRs by day">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Feed imports</caption>
              <thead className="text-slate-600"><tr><th scope="col" className="py-2 font-medium">Day (UTC)</th><th scope="col" className="text-right font-medium">Received</th><th scope="col" className="text-right font-medium">Stored</th><th scope="col" className="text-right font-medium">Duplicate</th><th scope="col" className="text-right font-medium">Rejected</th></tr></thead>
              <tbody className="divide-y divide-slate-100">
                {status.imports.map((i) => (
                  <tr key={i.id}>
                    <td className="py-2"><Link className="text-brand-700 underline" href={`/imports/${i.id}`}>{i.day}</Link></td>
                    <td className="text-right tabular-nums">{count(i.rowsRead)}</td>
                    <td className="text-right tabular-nums">{count(i.rowsInserted)}</td>
                    <td className="text-right tabular-nums">{count(i.rowsDuplicate)}</td>
                    <td className="text-right tabular-nums">{count(i.rowsRejected)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        ) : null}

        <Card title="Set up the live feed">
          <FeedSetup
            source={status.source.name}
            baseUrl={baseUrl}
            canEdit={hasRole(user.role, "SUPERVISOR")}
            secretPrefix={status.secretPrefix}
            quietMinutes={status.quietMinutes}
            ami={status.ami}
          />
        </Card>
      </div>
    </>
  );
}
