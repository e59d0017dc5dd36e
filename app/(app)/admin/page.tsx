import type { Metadata } from "next";
import { CreateTokenForm, CreateUserForm } from "@/components/admin/forms.tsx";
import { Card } from "@/components/ui/card.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import { revokeTokenAction } from "@/lib/auth/actions.ts";
import { listApiTokens, listUsers } from "@/lib/auth/data.ts";
import { roleLabel } from "@/lib/auth/roles.ts";
import { requireUser } from "@/lib/auth/session.ts";
import { utcMinute } from "@/lib/format.ts";

export const metadata: Metadata = { title: "Admin" };

const when = (d: Date | null) => (d ? `${utcMinute(d)} UTC` : "never");

export default async function AdminPage() {
  await requireUser("ADMIN");
  const [users, tokens] = await Promise.all([listUsers(), listApiTokens()]);
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
      </div>
    </>
  );
}
