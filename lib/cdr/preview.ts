// A dry run: the first rows of a CDR file as the loader would store them, with the rejects and
// warnings among them. Reads only as far as it shows (then stops the input), writes nothing.
import type { CdrInput } from "./input";
import { parseCdrStream } from "./parse";
import type { CdrDetection, CdrParseOptions, CdrWarning, Disposition, NormalisedCdr, RejectedRow } from "./schema";

export const PREVIEW_ROWS = 50;

/** A normalised CDR as JSON (times as ISO strings). */
export interface PreviewRow {
  line: number;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  durationSec: number | null;
  callerNumber: string | null;
  callerName: string | null;
  calleeNumber: string | null;
  endpoint: string | null;
  disposition: Disposition;
  dispositionRaw: string;
  uniqueId: string | null;
}

export interface CdrPreview {
  detection: CdrDetection;
  rows: PreviewRow[];
  rejects: RejectedRow[];
  warnings: CdrWarning[];
  /** True when the preview read the whole file (it holds no more than what is shown). */
  complete: boolean;
}

function previewRow(r: NormalisedCdr): PreviewRow {
  return {
    line: r.line,
    startedAt: r.startedAt.toISOString(),
    answeredAt: r.answeredAt?.toISOString() ?? null,
    endedAt: r.endedAt?.toISOString() ?? null,
    durationSec: r.durationSec,
    callerNumber: r.callerNumber,
    callerName: r.callerName,
    calleeNumber: r.calleeNumber,
    endpoint: r.endpoint,
    disposition: r.disposition,
    dispositionRaw: r.dispositionRaw,
    uniqueId: r.uniqueId,
  };
}

/**
 * Parses `input` until `limit` rows (or `limit` rejects) are seen. Throws CdrFileRefused, with
 * its reason, for a file the loader would refuse.
 */
export async function previewCdrFile(input: CdrInput, options: CdrParseOptions, limit = PREVIEW_ROWS): Promise<CdrPreview> {
  let detection: CdrDetection | null = null;
  const rows: PreviewRow[] = [];
  const rejects: RejectedRow[] = [];
  const warnings: CdrWarning[] = [];
  let complete = false;
  // Leaving the loop early returns the generator, which closes the input.
  for await (const event of parseCdrStream(input, options)) {
    if (event.kind === "detected") detection = event.detection;
    else if (event.kind === "rows") for (const row of event.rows.slice(0, limit - rows.length)) rows.push(previewRow(row));
    else if (event.kind === "reject") rejects.push(event.reject);
    else if (event.kind === "warning") warnings.push(event.warning);
    else complete = true;
    if (rows.length >= limit || rejects.length >= limit) break;
  }
  if (detection === null) throw new Error("the CDR parser ended without detecting a format");
  return { detection, rows, rejects, warnings, complete };
}
