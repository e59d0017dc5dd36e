import { PageHeader } from "@/components/ui/page-header.tsx";

export default function InboxLoading() {
  return (
    <>
      <PageHeader title="Inbox" description="Loading today's rings and what waits for you…" />
      <div role="status" className="grid gap-6">
        <span className="sr-only">Loading the inbox</span>
        {Array.from({ length: 3 }, (_, i) => <div key={i} aria-hidden className="h-32 animate-pulse rounded-lg border border-slate-200 bg-white" />)}
      </div>
    </>
  );
}
