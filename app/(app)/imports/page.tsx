import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { requireUser } from "@/lib/auth/session.ts";
import { listImports, listSources } from "@/lib/cdr/data.ts";

export const metadata: Metadata = { title: "Imports" };

const utc = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "—");

export default async function ImportsPage() {
  await requireUser();
  const [sources, imports] = await Promise.all([listSources(), listImports()]);
  return (
    <>
      <PageHeader title="Imports" description="Call history (CDR) exports from each PBX. The matcher can only judge a ring at a moment some import covers." />
      {sources.length === 0 ? (
        <EmptyState title="No CDR sources yet">
          An admin adds one per PBX with <code>npx ghostline sources add NAME --format asterisk --timezone America/Chicago</code>.
        </EmptyState>
      ) : (
        <Card title="CDR sources">
          <table className="w-full text-left text-sm">
            <thead className="text-slate-600">
              <tr><th className="py-2 font-medium">Name</th><th className="font-medium">Format</th><th className="font-medium">Time zone</th><th className="font-medium">Country</th><th className="font-medium">Customers</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {sources.map((s) => (
                <tr key={s.id}>
                  <td className="py-2 font-medium">{s.name}</td>
                  <td>{s.format}</td>
                  <td>{s.timeZone}</td>
                  <td>{s.defaultCountry}</td>
                  <td className="tabular-nums">{s._count.customers}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      <Card title="Import history" className="mt-6">
        {imports.length === 0 ? (
          <p className="text-sm text-slate-600">
            Nothing imported yet. Load an export with <code>npx ghostline import-cdrs --source NAME Master.csv</code>.
          </p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-slate-600">
              <tr>
                <th className="py-2 font-medium">File</th><th className="font-medium">Source</th><th className="font-medium">Status</th>
                <th className="font-medium">Format</th><th className="text-right font-medium">Read</th><th className="text-right font-medium">Inserted</th>
                <th className="text-right font-medium">Duplicate</th><th className="text-right font-medium">Rejected</th><th className="pl-4 font-medium">Covers (UTC)</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {imports.map((i) => (
                <tr key={i.id}>
                  <td className="py-2 font-medium"><Link href={`/imports/${i.id}`} className="underline-offset-2 hover:underline">{i.fileName}</Link></td>
                  <td>{i.source.name}</td>
                  <td title={i.error ?? undefined} className={i.status === "LOADED" ? "text-green-800" : "text-red-800"}>{i.status.toLowerCase()}</td>
                  <td>{i.format ?? "—"}</td>
                  <td className="text-right tabular-nums">{i.rowsRead.toLocaleString("en-US")}</td>
                  <td className="text-right tabular-nums">{i.rowsInserted.toLocaleString("en-US")}</td>
                  <td className="text-right tabular-nums">{i.rowsDuplicate.toLocaleString("en-US")}</td>
                  <td className="text-right tabular-nums">{i.rowsRejected.toLocaleString("en-US")}</td>
                  <td className="pl-4 text-xs">{utc(i.coverageFrom)} – {utc(i.coverageTo)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
