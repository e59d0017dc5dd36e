import type { Metadata } from "next";
import { Card } from "@/components/ui/card.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { requireUser } from "@/lib/auth/session.ts";
import { listSources } from "@/lib/cdr/data.ts";

export const metadata: Metadata = { title: "Imports" };

export default async function ImportsPage() {
  await requireUser();
  const sources = await listSources();
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
    </>
  );
}
