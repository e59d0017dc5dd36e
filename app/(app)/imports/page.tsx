import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/imports/auto-refresh.tsx";
import { ImportStatusBadge } from "@/components/imports/import-status.tsx";
import { RetryButton } from "@/components/imports/retry-button.tsx";
import { SourceForm } from "@/components/imports/source-form.tsx";
import { UploadForm } from "@/components/imports/upload-form.tsx";
import { Card } from "@/components/ui/card.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import { hasRole } from "@/lib/auth/roles.ts";
import { requireUser } from "@/lib/auth/session.ts";
import { listImports, listSources } from "@/lib/cdr/data.ts";
import { isImportFinished, isImportRetryable } from "@/lib/cdr/status.ts";
import { utcMinute } from "@/lib/format.ts";

export const metadata: Metadata = { title: "Imports" };

const count = (n: number) => n.toLocaleString("en-US");

export default async function ImportsPage() {
  const user = await requireUser();
  const canAddSources = hasRole(user.role, "SUPERVISOR");
  const [sources, imports] = await Promise.all([listSources(), listImports()]);
  const running = imports.some((i) => !isImportFinished(i.status));
  return (
    <>
      <PageHeader title="Imports" description="Call history (CDR) exports from each PBX, and the CDRs its live feed pushes (a source's page sets that up). The matcher can only judge a ring at a moment some import or live feed covers." />
      <AutoRefresh active={running} />
      {sources.length === 0 ? (
        <EmptyState title="No CDR sources yet">
          {canAddSources
            ? "Add one per PBX below (its CDR format and the time zone it writes times in), then upload its exports here."
            : "A supervisor adds one per PBX on this page; then you can upload its exports here."}
        </EmptyState>
      ) : (
        <Card title="Upload a CDR export">
          <UploadForm sources={sources.map((s) => ({ name: s.name, format: s.format, timeZone: s.timeZone, loadedImports: s._count.imports }))} />
        </Card>
      )}

      <Card title="Import history" className="mt-6">
        {imports.length === 0 ? (
          <p className="text-sm text-slate-600">
            Nothing imported yet. Upload an export above, or load one with <code>npx ghostline import-cdrs --source NAME Master.csv</code>.
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-slate-600">
                <tr>
                  <th scope="col" className="py-2 font-medium">File</th><th scope="col" className="font-medium">Source</th><th scope="col" className="font-medium">Status</th>
                  <th scope="col" className="font-medium">Format</th><th scope="col" className="text-right font-medium">Read</th><th scope="col" className="text-right font-medium">Inserted</th>
                  <th scope="col" className="text-right font-medium">Duplicate</th><th scope="col" className="text-right font-medium">Rejected</th><th scope="col" className="pl-4 font-medium">Covers (UTC)</th>
                  <th scope="col" className="pl-4 font-medium"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {imports.map((i) => (
                  <tr key={i.id} className="align-top">
                    <td className="py-2 font-medium"><Link href={`/imports/${i.id}`} className="underline-offset-2 hover:underline"><UntrustedText text={i.fileName} /></Link></td>
                    <td className="py-2"><UntrustedText text={i.source.name} /></td>
                    <td className="py-2">
                      <ImportStatusBadge status={i.status} />
                      {i.status === "RUNNING" ? <span className="ml-2 text-xs tabular-nums text-slate-600">{count(i.progressRows)} rows</span> : null}
                      {i.error ? <p className="mt-1 max-w-xs text-xs text-red-800"><UntrustedText text={i.error} /></p> : null}
                    </td>
                    <td className="py-2">{i.format ?? "—"}</td>
                    <td className="py-2 text-right tabular-nums">{count(i.rowsRead)}</td>
                    <td className="py-2 text-right tabular-nums">{count(i.rowsInserted)}</td>
                    <td className="py-2 text-right tabular-nums">{count(i.rowsDuplicate)}</td>
                    <td className="py-2 text-right tabular-nums">{count(i.rowsRejected)}</td>
                    <td className="py-2 pl-4 text-xs">{utcMinute(i.coverageFrom)} – {utcMinute(i.coverageTo)}</td>
                    <td className="py-2 pl-4">{isImportRetryable(i) ? <RetryButton importId={i.id} /> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <Card title="CDR sources" className="mt-6">
        {sources.length === 0 ? (
          <p className="text-sm text-slate-600">No source yet.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="py-2 font-medium">Name</th><th scope="col" className="font-medium">Format</th><th scope="col" className="font-medium">Time zone</th>
                <th scope="col" className="font-medium">Country</th><th scope="col" className="font-medium">Customers</th><th scope="col" className="font-medium">Loaded imports</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {sources.map((s) => (
                <tr key={s.id}>
                  <td className="py-2 font-medium"><Link href={`/imports/sources/${encodeURIComponent(s.name)}`} className="underline-offset-2 hover:underline"><UntrustedText text={s.name} /></Link></td>
                  <td>{s.format}</td>
                  <td>{s.timeZone}</td>
                  <td>{s.defaultCountry}</td>
                  <td className="tabular-nums">{s._count.customers}</td>
                  <td className="tabular-nums">{s._count.imports}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {canAddSources ? (
          <details className="mt-4" open={sources.length === 0}>
            <summary className="cursor-pointer text-sm font-medium text-brand-700">Add a source</summary>
            <div className="mt-3">
              <SourceForm />
            </div>
          </details>
        ) : null}
      </Card>
    </>
  );
}
