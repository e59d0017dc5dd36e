// `ghostline cdrs retention [--months N] [--apply]`: shows cdr's monthly partitions and what the
// retention setting keeps; --months sets it (audited), --apply drops the months it no longer keeps.
import { CliError, output, withDatabase } from "../run.ts";
import { formatBytes } from "@/lib/format.ts";

const month = (d: Date | null) => (d === null ? "DEFAULT" : d.toISOString().slice(0, 7));
const day = (d: Date | null) => (d === null ? "never" : d.toISOString().slice(0, 10));

export async function retentionCommand(opts: { months?: string; apply?: boolean; json?: boolean }) {
  const months = opts.months === undefined ? undefined : opts.months === "none" ? null : Number(opts.months);
  if (months !== undefined && months !== null && !Number.isSafeInteger(months)) {
    throw new CliError(`--months must be a whole number of months (or "none" to keep everything), not "${opts.months}"`);
  }
  await withDatabase(async () => {
    const retention = await import("@/lib/cdr/retention.ts");
    const actor = { actorId: null, actorLabel: "cli" };
    if (months !== undefined) {
      try {
        await retention.setCdrRetentionMonths(months, actor);
      } catch (error) {
        throw new CliError(error instanceof Error ? error.message : String(error));
      }
    }
    let dropped: Awaited<ReturnType<typeof retention.applyCdrRetention>>["dropped"] = [];
    if (opts.apply) {
      try {
        ({ dropped } = await retention.applyCdrRetention(actor));
      } catch (error) {
        if (error instanceof retention.RetentionNotSetError) throw new CliError(error.message);
        throw error;
      }
    }
    const plan = await retention.cdrRetentionPlan();
    output(opts.json, { ...plan, dropped }, [
      plan.retention.months === null ? "Retention: every month is kept." : `Retention: ${plan.retention.months} months before the current one (months before ${month(plan.cutoff)} are dropped).`,
      ...(plan.retention.droppedBefore === null ? [] : [`CDRs before ${day(plan.retention.droppedBefore)} were dropped; imports no longer cover that time.`]),
      ...dropped.map((p) => `Dropped ${p.name} (${month(p.from)}, about ${p.rowsEstimate ?? "?"} rows, ${formatBytes(p.bytes)}).`),
      "Partitions:",
      ...plan.partitions.map((p) => `  ${month(p.from).padEnd(8)} ${p.name.padEnd(14)} ${String(p.rowsEstimate ?? "?").padStart(12)} rows ${formatBytes(p.bytes).padStart(10)}${plan.due.includes(p) ? "  due: run with --apply" : ""}`),
      `Next drop: ${day(plan.nextDrop)}`,
    ]);
  });
}
