import type { Metadata } from "next";
import Link from "next/link";
import { CustomerLink } from "@/components/customers/customer-link.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import { buttonClass } from "@/components/ui/button.tsx";
import { hasRole } from "@/lib/auth/roles.ts";
import { requireUser } from "@/lib/auth/session.ts";
import { listCustomers } from "@/lib/customers/data.ts";
import { customerListQuerySchema } from "@/lib/customers/schema.ts";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage({ searchParams }: PageProps<"/customers">) {
  const user = await requireUser();
  // Bad URL state falls back to the defaults rather than failing the page.
  const parsed = customerListQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : customerListQuerySchema.parse({});
  const { data, total, page, perPage } = await listCustomers(query);
  const pages = Math.max(1, Math.ceil(total / perPage));
  return (
    <>
      <PageHeader
        title="Customers"
        description={`${total.toLocaleString("en-US")} customers with their numbers, PBX sources and phones.`}
        actions={hasRole(user.role, "SUPERVISOR") ? <Link href="/customers/new" className={buttonClass()}>New customer</Link> : undefined}
      />
      <form className="mb-4 flex gap-2" role="search">
        <label htmlFor="q" className="sr-only">Search customers</label>
        <input id="q" name="q" defaultValue={query.q} placeholder="Account, name or number"
          className="w-80 rounded-md border border-slate-300 px-3 py-2 text-sm" />
        <button className="rounded-md bg-white px-3 py-2 text-sm ring-1 ring-slate-300 hover:bg-slate-50">Search</button>
      </form>
      {data.length === 0 ? (
        <EmptyState title={query.q ? "No customer matches that search" : "No customers yet"}>
          {query.q ? "Try part of the account code, the name, or a number." : (
            <>Import them from a CSV with <code>npx ghostline customers import customers.csv</code>, or a supervisor adds them one by one with “New customer”.</>
          )}
        </EmptyState>
      ) : (
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th className="px-4 py-2 font-medium">Account</th>
                <th className="px-4 py-2 font-medium">Name</th>
                <th className="px-4 py-2 font-medium">Numbers</th>
                <th className="px-4 py-2 font-medium">Sources</th>
                <th className="px-4 py-2 font-medium">Time zone</th>
                <th className="px-4 py-2 font-medium">Phones</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.map((c) => (
                <tr key={c.id}>
                  <td className="px-4 py-2 font-mono text-xs">{c.account}</td>
                  <td className="px-4 py-2 font-medium">
                    <CustomerLink className="text-brand-700 underline" account={c.account}><UntrustedText text={c.name} /></CustomerLink>
                  </td>
                  <td className="px-4 py-2 font-mono text-xs">{c.numbers.map((n) => n.number).join(", ")}</td>
                  <td className="px-4 py-2"><UntrustedText text={c.sources.join(", ")} /></td>
                  <td className="px-4 py-2">{c.timeZone}</td>
                  <td className="px-4 py-2 tabular-nums">{c.devices}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label="Pages" className="mt-4 flex items-center gap-3 text-sm">
          {page > 1 ? <Link href={{ pathname: "/customers", query: { ...query, page: page - 1 } }} className="underline">Previous</Link> : null}
          <span>Page {page} of {pages}</span>
          {page < pages ? <Link href={{ pathname: "/customers", query: { ...query, page: page + 1 } }} className="underline">Next</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
