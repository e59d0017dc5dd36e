// `ghostline verdicts`: per reported ring, whether the PBX carried it; per customer, a finding.
//
// The verdicts are those stored by the engine (lib/matching/evaluate.ts); --refresh re-evaluates
// every report first.
import { CliError, output, withDatabase } from "../run.ts";
import type { VerdictsResult } from "@/lib/matching/verdicts.ts";

/** Readable lines for a verdicts result (exported for tests). */
export function verdictLines(result: VerdictsResult): string[] {
  const lines: string[] = [];
  if (result.verdicts.length === 0) lines.push("No reported rings.");
  for (const v of result.verdicts) {
    const m = v.matchedCdr;
    const detail = m
      ? ` — ${m.source} ${m.startedAt} from ${m.caller || "(no caller ID)"}, ${m.disposition}, ${m.durationSec ?? "?"} s${m.scannerReachedPbx ? ", looks like scanner traffic" : ""}`
      : "";
    lines.push(`${v.ticket ?? "(no ticket)"}  ${v.account}  ${v.number}  ${v.ringTime}  ${v.verdict}${detail}`);
    for (const c of v.caveats ?? []) lines.push(`    ! ${c}`);
  }
  lines.push("");
  for (const f of result.findings) {
    lines.push(`${f.account}: ${f.level} (score ${f.score})`);
    for (const e of f.evidence) lines.push(`    ${e.weight > 0 ? `+${e.weight}` : "  "} ${e.text}`);
  }
  return lines;
}

export async function verdictsCommand(opts: { customer?: string; refresh?: boolean; json?: boolean }) {
  const result = await withDatabase(async () => {
    if (opts.refresh) {
      const { evaluateReports } = await import("@/lib/matching/evaluate.ts");
      await evaluateReports({ all: true });
    }
    const { getVerdicts } = await import("@/lib/matching/data.ts");
    return getVerdicts(opts.customer === undefined ? {} : { customerAccount: opts.customer });
  });
  if (opts.customer !== undefined && result.findings.length === 0) throw new CliError(`no customer with account ${opts.customer}`);
  output(opts.json, result, verdictLines(result));
}
