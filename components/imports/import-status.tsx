import { Badge, type BadgeTone } from "@/components/ui/badge.tsx";
import type { CdrImportStatus as Status } from "@/lib/cdr/status.ts";

const styles: Record<Status, { label: string; tone: BadgeTone }> = {
  QUEUED: { label: "Queued", tone: "slate" },
  RUNNING: { label: "Loading", tone: "blue" },
  LOADED: { label: "Loaded", tone: "green" },
  REFUSED: { label: "Refused", tone: "amber" },
  FAILED: { label: "Failed", tone: "red" },
};

export function ImportStatusBadge({ status }: { status: Status }) {
  const s = styles[status];
  return <Badge tone={s.tone}>{s.label}</Badge>;
}
