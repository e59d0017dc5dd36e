import { Badge, type BadgeTone } from "@/components/ui/badge.tsx";
import { VERDICT_LABEL } from "@/lib/matching/labels.ts";
import type { FindingLevel, Verdict } from "@/lib/matching/rules.ts";

const tones: Record<Verdict | FindingLevel, BadgeTone> = {
  NO_PBX_RECORD: "red",
  PBX_RECORD_FOUND: "green",
  NO_COVERAGE: "amber",
  LIKELY_SCANNED: "red",
  POSSIBLE: "amber",
  NOT_INDICATED: "slate",
};

export function VerdictBadge({ value }: { value: Verdict | FindingLevel }) {
  return <Badge tone={tones[value]}>{VERDICT_LABEL[value]}</Badge>;
}
