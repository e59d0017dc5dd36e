import type { Metadata } from "next";
import Link from "next/link";
import { QueueView } from "@/components/queue/queue-view.tsx";
import { buttonClass } from "@/components/ui/button.tsx";
import { LinkPending } from "@/components/ui/link-pending.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { requireUser } from "@/lib/auth/session.ts";
import { listAssignableUsers } from "@/lib/cases/data.ts";
import { listQueue } from "@/lib/queue/data.ts";
import { SAVED_VIEWS, parseQueueQuery } from "@/lib/queue/schema.ts";
import { listVendors } from "@/lib/remediation/catalog.ts";

export const metadata: Metadata = { title: "Queue" };

// The view's filters without its page: the export takes every row of the view.
function exportHref(searchParams: Record<string, string | string[] | undefined>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    if (key === "page" || key === "perPage" || key === "hide" || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  params.set("format", "csv");
  return `/api/v1/queue?${params}`;
}

function isView(searchParams: Record<string, string | string[] | undefined>, view: Record<string, string>) {
  const keys = Object.keys(searchParams).filter((k) => !["page", "perPage", "sort", "dir", "hide"].includes(k));
  return keys.length === Object.keys(view).length && keys.every((k) => searchParams[k] === view[k]);
}

export default async function QueuePage({ searchParams }: PageProps<"/queue">) {
  const user = await requireUser();
  const params = await searchParams;
  const query = parseQueueQuery(params);
  const [page, assignees] = await Promise.all([listQueue(query, { userId: user.id }), listAssignableUsers()]);
  const vendors = listVendors().map((v) => ({ id: v.id, name: v.name }));
  // The filter shows names: the users' emails and roles stay out of the page's payload.
  const assigneeChoices = assignees.map((u) => ({ id: u.id, name: u.name }));
  return (
    <>
      <PageHeader
        title="Queue"
        description="Customers whose phones rang without the PBX seeing the call, and every open case. Filters, sort and page live in the address: share it, and it opens the same view."
        actions={
          <>
            <a href={exportHref(params)} download className={buttonClass("secondary")}>Export CSV</a>
            <Link href="/reports/new" className={buttonClass("primary")}>Report a ring</Link>
          </>
        }
      />
      <nav aria-label="Saved views" className="mb-4 flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-600">Saved views:</span>
        {SAVED_VIEWS.map((view) => {
          const current = isView(params, view.params);
          return (
            <Link
              key={view.id}
              href={{ pathname: "/queue", query: view.params }}
              aria-current={current ? "page" : undefined}
              className={`relative rounded-full px-3 py-1 ring-1 ${current ? "bg-brand-50 text-brand-700 ring-brand-500" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
            >
              {view.label}
              <LinkPending />
            </Link>
          );
        })}
        <Link href="/queue" className="relative rounded-full px-3 py-1 text-slate-700 hover:bg-slate-100">
          Whole queue
          <LinkPending />
        </Link>
      </nav>
      <QueueView rows={page.rows} total={page.total} assignees={assigneeChoices} vendors={vendors} />
    </>
  );
}
