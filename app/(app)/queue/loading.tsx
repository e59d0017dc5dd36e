import { PageHeader } from "@/components/ui/page-header.tsx";

export default function QueueLoading() {
  return (
    <>
      <PageHeader title="Queue" description="Loading the customers whose phones rang without the PBX seeing the call…" />
      <div role="status" className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs">
        <span className="sr-only">Loading the queue</span>
        <div aria-hidden className="grid animate-pulse gap-3">
          {Array.from({ length: 8 }, (_, i) => <div key={i} className="h-8 rounded bg-slate-100" />)}
        </div>
      </div>
    </>
  );
}
