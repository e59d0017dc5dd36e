// Isomorphic: the finding levels in their order of concern, and how verdicts and levels read on
// screen (badges, filters), in one place.
import type { FindingLevel, Verdict } from "./rules.ts";

export const FINDING_LEVELS = ["LIKELY_SCANNED", "POSSIBLE", "NOT_INDICATED"] as const satisfies readonly FindingLevel[];

export const VERDICT_LABEL: Record<Verdict | FindingLevel, string> = {
  NO_PBX_RECORD: "No PBX record",
  PBX_RECORD_FOUND: "PBX record found",
  NO_COVERAGE: "No coverage",
  LIKELY_SCANNED: "Likely scanned",
  POSSIBLE: "Possible",
  NOT_INDICATED: "Not indicated",
};
