// `customers import` and `import-reports`: CSV files from the CRM and the
// ticket system. Both are all or nothing, listing every bad row by line.
import path from "node:path";
import { readCsv } from "../csv.ts";
import { CliError, output, withDatabase } from "../run.ts";
import { customerImportRowSchema } from "@/lib/customers/schema.ts";
import { reportInputSchema } from "@/lib/matching/report-schema.ts";

export async function importCustomersCommand(file: string, opts: { json?: boolean }) {
  const rows = readCsv(file, ["account", "name", "timezone", "numbers", "sources"], customerImportRowSchema);
  const result = await withDatabase(async () => {
    const { importCustomers } = await import("@/lib/customers/writes.ts");
    return importCustomers(rows, "cli");
  });
  if (result.problems.length) {
    const name = path.basename(file);
    throw new CliError(`nothing imported; fix these rows:\n${result.problems.map((p) => `${name}: line ${p.line}: ${p.field}: ${p.message}`).join("\n")}`);
  }
  output(opts.json, { imported: result.imported }, [`Imported ${result.imported} customers from ${path.basename(file)}.`]);
}

export async function importReportsCommand(file: string, opts: { json?: boolean }) {
  const rows = readCsv(file, ["account", "number", "ring_time", "window_minutes", "caller_id", "ticket"], reportInputSchema);
  const result = await withDatabase(async () => {
    const { createReports } = await import("@/lib/matching/reports.ts");
    return createReports(rows.map((r) => r.row), "cli");
  });
  if (result.problems.length) {
    const name = path.basename(file);
    throw new CliError(`nothing imported; fix these rows:\n${result.problems.map((p) => `${name}: line ${rows[p.index]!.line}: ${p.field}: ${p.message}`).join("\n")}`);
  }
  output(
    opts.json,
    { imported: result.created.length, reports: result.created.map((r) => ({ id: r.id, account: r.customer.account, number: r.number, ringTime: r.ringAt, ticket: r.ticket })) },
    [`Imported ${result.created.length} reported rings from ${path.basename(file)}.`],
  );
}
