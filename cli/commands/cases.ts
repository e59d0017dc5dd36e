// `ghostline cases advance`: moves cases on with time (REMEDIATION_SENT → VERIFYING after the
// provisioning grace period, VERIFYING → RESOLVED after the quiet period). Meant for cron; the
// app's job queue runs the same function.
import { output, withDatabase } from "../run.ts";

export async function advanceCasesCommand(opts: { json?: boolean }) {
  const result = await withDatabase(async () => {
    const { advanceCases } = await import("@/lib/cases/automation.ts");
    return advanceCases();
  });
  const list = (numbers: number[]) => (numbers.length ? `: ${numbers.map((n) => `#${n}`).join(", ")}` : "");
  output(opts.json, result, [
    `${result.verifying.length} case(s) now verifying${list(result.verifying)}`,
    `${result.resolved.length} case(s) resolved${list(result.resolved)}`,
  ]);
}
