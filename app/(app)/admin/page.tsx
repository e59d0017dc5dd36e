import type { Metadata } from "next";
import { CreateTokenForm, CreateUserForm } from "@/components/admin/forms.tsx";
import { Card } from "@/components/ui/card.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import { revokeTokenAction } from "@/lib/auth/actions.ts";
import { listApiTokens, listUsers } from "@/lib/auth/data.ts";
import { roleLabel } from "@/lib/auth/roles.ts";
import { requireUser } from "@/lib/auth/session.ts";
import { cdrRetentionPlan, MAX_RETENTION_MONTHS } from "@/lib/cdr/retention.ts";
import { applyCdrRetentionAction, setCdrRetentionAction } from "@/lib/cdr/actions.ts";
import { formatBytes, utcMinute } from "@/lib/format.ts";

export const metadata: Metadata = { title: "Admin" };

const when = (d: Date | null) => (d ? `${utcMinute(d)} UTC` : "never");

export default async function AdminPage() {
  await requireUser("ADMIN");
  const [users, tokens, retention] = await Promise.all([listUsers(), listApiTokens(), cdrRetentionPlan()]);
  const month = (d: Date | null) => (d === null ? "Other (DEFAULT)" : d.toISOString().slice(0, 7));
  return (
    <>
      <PageHeader title="Admin" description="People who sign in, and API tokens for the PBX and ticket systems that push data." />
      <div className="grid gap-6">
        <Card title={`Users (${users.length})`}>
          <table className="mb-6 w-full text-left text-sm">
            <thead className="text-slate-600"><tr><th className="py-2 font-medium">Email</th><th className="font-medium">Name</th><th className="font-medium">Role</th></tr></thead>
            <tbody className="divide-y divide-slate-100">
              {users.map((u) => (
                <tr key={u.id}><td className="py-2">{u.email}</td><td><UntrustedText text={u.name} /></td><td>{roleLabel[u.role]}</td></tr>
              ))}
            </tbody>
          </table>
          <h3 className="mb-2 text-sm font-semibold">Add a user</h3>
          <CreateUserForm />
        </Card>
        <Card title="API tokens">
          {tokens.length ? (
            <table className="mb-6 w-full text-left text-sm">
              <thead className="text-slate-600"><tr><th className="py-2 font-medium">Name</th><th className="font-medium">Starts with</th><th className="font-medium">Role</th><th className="font-medium">Last used</th><th className="font-medium"><span className="sr-only">Actions</span></th></tr></thead>
              <tbody className="divide-y divide-slate-100">
                {tokens.map((t) => (
                  <tr key={t.id}>
                    <td className="py-2 font-medium"><UntrustedText text={t.name} /></td>
                    <td className="font-mono text-xs">{t.prefix}…</td>
                    <td>{roleLabel[t.role]}</td>
                    <td>{when(t.lastUsedAt)}</td>
                    <td className="text-right">
                      {t.revokedAt ? <span className="text-slate-600">revoked</span> : (
                        <form action={revokeTokenAction}>
                          <input type="hidden" name="id" value={t.id} />
                          <button className="text-sm text-red-700 underline">Revoke <UntrustedText text={t.name} /></button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : <p className="mb-4 text-sm text-slate-600">No tokens yet. Systems that push CDRs or reports need one.</p>}
          <h3 className="mb-2 text-sm font-semibold">Create a token</h3>
          <CreateTokenForm />
        </Card>
        <Card title="CDR retention">
          <p className="mb-4 text-sm text-slate-600">
            {retention.retention.months === null
              ? "Every month of CDRs is kept."
              : `The current month and the ${retention.retention.months} before it are kept; older months are dropped whole.`}{" "}
            Next drop: {retention.nextDrop === null ? "none due" : retention.nextDrop.toISOString().slice(0, 10)}.
            {retention.retention.droppedBefore !== null && ` CDRs before ${retention.retention.droppedBefore.toISOString().slice(0, 10)} were dropped: reports there have no coverage.`}
          </p>
          <table className="mb-6 w-full text-left text-sm">
            <thead className="text-slate-600"><tr><th className="py-2 font-medium">Month (UTC)</th><th className="font-medium">Rows (estimate)</th><th className="font-medium">Size</th><th className="font-medium">Status</th></tr></thead>
            <tbody className="divide-y divide-slate-100">
              {retention.partitions.map((p) => (
                <tr key={p.name}>
                  <td className="py-2">{month(p.from)}</td>
                  <td>{p.rowsEstimate === null ? "not analysed yet" : p.rowsEstimate.toLocaleString("en-US")}</td>
                  <td>{formatBytes(p.bytes)}</td>
                  <td>{retention.due.includes(p) ? "due for dropping" : "kept"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <form action={setCdrRetentionAction} className="mb-4 flex items-end gap-3">
            <label className="text-sm">
              <span className="mb-1 block font-medium">Months kept before the current one (empty keeps all)</span>
              <input name="months" type="number" min={1} max={MAX_RETENTION_MONTHS} defaultValue={retention.retention.months ?? ""} className="rounded border border-slate-300 px-2 py-1" />
            </label>
            <button className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white">Save retention</button>
          </form>
          {retention.due.length > 0 && (
            <form action={applyCdrRetentionAction}>
              <button className="rounded bg-red-700 px-3 py-1.5 text-sm text-white">Drop {retention.due.length} month{retention.due.length === 1 ? "" : "s"} now</button>
            </form>
          )}
        </Card>
      </div>
    </>
  );
}
