import type { CdrImportSummary } from "@/lib/cdr/data.ts";

type Status = CdrImportSummary["status"];

const styles: Record<Status, { label: string; className: string }> = {
  QUEUED: { label: "Queued", className: "bg-slate-100 text-slate-800" },
  RUNNING: { label: "Loading", className: "bg-blue-100 text-blue-900" },
  LOADED: { label: "Loaded", className: "bg-green-100 text-green-900" },
  REFUSED: { label: "Refused", className: "bg-amber-100 text-amber-900" },
  FAILED: { label: "Failed", className: "bg-red-100 text-red-900" },
};

export function ImportStatusBadge({ status }: { status: Status }) {
  const s = styles[status];
  return <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${s.className}`}>{s.label}</span>;
}

export const isFinished = (status: Status) => status === "LOADED" || status === "REFUSED" || status === "FAILED";
