import type { FindingLevel, Verdict } from "@/lib/matching/rules.ts";

const styles: Record<Verdict | FindingLevel, { label: string; className: string }> = {
  NO_PBX_RECORD: { label: "No PBX record", className: "bg-red-100 text-red-900" },
  PBX_RECORD_FOUND: { label: "PBX record found", className: "bg-green-100 text-green-900" },
  NO_COVERAGE: { label: "No coverage", className: "bg-amber-100 text-amber-900" },
  LIKELY_SCANNED: { label: "Likely scanned", className: "bg-red-100 text-red-900" },
  POSSIBLE: { label: "Possible", className: "bg-amber-100 text-amber-900" },
  NOT_INDICATED: { label: "Not indicated", className: "bg-slate-100 text-slate-800" },
};

export function VerdictBadge({ value }: { value: Verdict | FindingLevel }) {
  const s = styles[value];
  return <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${s.className}`}>{s.label}</span>;
}
