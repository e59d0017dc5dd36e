import { STATUS_LABEL, type CaseStatus } from "@/lib/cases/rules.ts";

const style: Record<CaseStatus, string> = {
  NEW: "bg-sky-100 text-sky-900",
  INVESTIGATING: "bg-amber-100 text-amber-900",
  REMEDIATION_SENT: "bg-brand-100 text-brand-900",
  VERIFYING: "bg-violet-100 text-violet-900",
  RESOLVED: "bg-green-100 text-green-900",
  FALSE_POSITIVE: "bg-slate-100 text-slate-800",
};

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  return <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${style[status]}`}>{STATUS_LABEL[status]}</span>;
}
