import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ImportMessages } from "@/components/imports/import-messages.tsx";
import { ImportProgress } from "@/components/imports/import-progress.tsx";
import { ImportStatusBadge } from "@/components/imports/import-status.tsx";
import { RetryButton } from "@/components/imports/retry-button.tsx";
import { buttonClass } from "@/components/ui/button.tsx";
import { Card } from "@/components/ui/card.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import { requireUser } from "@/lib/auth/session.ts";
import { getImport, importSummary, listRejects } from "@/lib/cdr/data.ts";
import { importErrorText } from "@/lib/cdr/errors.ts";
import { isImportFinished } from "@/lib/cdr/status.ts";

export const metadata: Metadata = { title: "Import" };

/** Rejected rows shown on the page; the CSV download has them all. */
const SHOWN_REJECTS = 200;

const utc = (d: Date | null) => (d ? `${d.toISOString().slice(0, 19).replace("T", " ")} UTC` : "—");
const count = (n: number) => n.toLocaleString("en-US");

export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const { id } = await params;
  const found = await getImport(id);
  if (found === null) notFound();
  const rejects = found.rowsRejected > 0 ? await listRejects(found.id, SHOWN_REJECTS) : [];
  const summary = importSummary(found);
  const facts: [string, string][] = [
    ["Source", found.source.name],
    ["Format", `${found.format ?? "—"}${found.requestedFormat === null || found.requestedFormat === "auto" ? "" : " (given)"}`],
    ["Imported by", found.importedBy],
    ["Uploaded", utc(found.createdAt)],
    ["Finished", utc(found.finishedAt)],
    ["Attempts", count(found.attempts)],
    ["Rows read", count(found.rowsRead)],
    ["Inserted", count(found.rowsInserted)],
    ["Duplicate", count(found.rowsDuplicate)],
    ["Rejected", count(found.rowsRejected)],
    ["Not answered", count(found.unansweredRows)],
    ["Warnings", count(found.warnings)],
    ["Covers", `${utc(found.coverageFrom)} – ${utc(found.coverageTo)}`],
  ];
  return (
    <>
      <PageHeader
        title={<UntrustedText text={found.fileName} />}
        description="One CDR export: what was loaded, and the rows that could not be read."
        actions={
          <Link href="/imports" className={buttonClass("secondary")}>
            All imports
          </Link>
        }
      />
      <Card title="Summary">
        <div className="mb-4 flex flex-wrap items-center gap-3">
          <ImportStatusBadge status={found.status} />
          {summary.retryable ? <RetryButton importId={found.id} /> : null}
        </div>
        {isImportFinished(found.status) ? null : (
          <div className="mb-4">
            <ImportProgress importId={found.id} showSummary={false} />
          </div>
        )}
        <dl className="grid grid-cols-1 gap-x-8 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3">
          {facts.map(([label, value]) => (
            <div key={label} className="flex gap-2">
              <dt className="w-28 shrink-0 text-slate-600">{label}</dt>
              {/* The source's name and who imported it come from outside; the rest is counts and times. */}
              <dd className="tabular-nums"><UntrustedText text={value} /></dd>
            </div>
          ))}
        </dl>
        {found.error ? (
          <p className="mt-4 rounded-md bg-red-50 p-3 text-sm text-red-800">
            <UntrustedText text={importErrorText(found.error, found.errorLine)} />
          </p>
        ) : null}
        <div className="mt-4">
          <ImportMessages messages={summary.messages} />
        </div>
      </Card>
      <Card title="Rejected rows" className="mt-6">
        {found.rowsRejected === 0 ? (
          <p className="text-sm text-slate-600">No rows were rejected.</p>
        ) : (
          <>
            <div className="mb-3 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
              <p>
                {found.rowsRejected > rejects.length
                  ? `The first ${count(rejects.length)} of ${count(found.rowsRejected)} rejected rows.`
                  : `${count(found.rowsRejected)} rejected row${found.rowsRejected === 1 ? "" : "s"}.`}
              </p>
              <a href={`/api/v1/cdr-imports/${found.id}/rejects.csv`} download className={buttonClass("secondary")}>
                Download rejects as CSV
              </a>
            </div>
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="text-slate-600">
                  <tr>
                    <th className="py-2 pr-4 text-right font-medium">Line</th><th className="pr-4 font-medium">Reason</th>
                    <th className="pr-4 font-medium">Field</th><th className="font-medium">Raw</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 align-top">
                  {rejects.map((r) => (
                    <tr key={String(r.id)}>
                      <td className="py-2 pr-4 text-right tabular-nums">{r.line}</td>
                      <td className="py-2 pr-4"><UntrustedText text={r.reason} /></td>
                      <td className="py-2 pr-4">{r.field ?? "—"}</td>
                      <td className="py-2"><code className="break-all whitespace-pre-wrap text-xs"><UntrustedText text={r.raw} /></code></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Card>
    </>
  );
}
