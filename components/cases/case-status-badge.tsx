import { Badge, type BadgeTone } from "@/components/ui/badge.tsx";
import { STATUS_LABEL, type CaseStatus } from "@/lib/cases/rules.ts";

const tones: Record<CaseStatus, BadgeTone> = {
  NEW: "sky",
  INVESTIGATING: "amber",
  REMEDIATION_SENT: "brand",
  VERIFYING: "violet",
  RESOLVED: "green",
  FALSE_POSITIVE: "slate",
};

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  return <Badge tone={tones[status]}>{STATUS_LABEL[status]}</Badge>;
}
