import { VERDICT_LABEL } from "@/lib/matching/labels.ts";
import type { FindingLevel, Verdict } from "@/lib/matching/rules.ts";

const colours: Record<Verdict | FindingLevel, string> = {
  NO_PBX_RECORD: "bg-red-100 text-red-900",
  PBX_RECORD_FOUND: "bg-green-100 text-green-900",
  NO_COVERAGE: "bg-amber-100 text-amber-900",
  LIKELY_SCANNED: "bg-red-100 text-red-900",
  POSSIBLE: "bg-amber-100 text-amber-900",
  NOT_INDICATED: "bg-slate-100 text-slate-800",
};

export function VerdictBadge({ value }: { value: Verdict | FindingLevel }) {
  return <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${colours[value]}`}>{VERDICT_LABEL[value]}</span>;
}
