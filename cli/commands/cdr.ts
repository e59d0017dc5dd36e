// `ghostline sources add` and `ghostline import-cdrs`.
//
// Registration for cli/main.ts (paste after the `demo` commands):
//
// const sources = program.command("sources").description("CDR sources: the PBXs whose call records are imported");
// sources.command("add")
//   .description("add a CDR source")
//   .argument("<name>", "a name for the PBX, e.g. pbx-east")
//   .addOption(new Option("--format <format>", "its CDR format").choices(["auto", "asterisk", "asterisk-custom", "freepbx", "freeswitch", "3cx", "cucm", "mapped"]).makeOptionMandatory())
//   .requiredOption("--timezone <zone>", "IANA time zone the PBX writes local times in, e.g. America/New_York")
//   .option("--country <cc>", "ISO 3166 country for reading national numbers (default US)")
//   .option("--mapping <json>", "column mapping for --format mapped, as JSON")
//   .option("--json", "print the result as JSON")
//   .action(async (name, opts) => (await import("./commands/cdr.ts")).sourcesAddCommand({ ...opts, name }));
// program
//   .command("import-cdrs")
//   .description("load CDR export files into a source (one transaction per file; duplicates are skipped)")
//   .requiredOption("--source <name>", "the CDR source the files come from")
//   .addOption(new Option("--format <format>", "override the source's format").choices(["auto", "asterisk", "asterisk-custom", "freepbx", "freeswitch", "3cx", "cucm", "mapped"]))
//   .option("--timezone <zone>", "override the source's time zone")
//   .argument("<files...>", "CDR files (.csv, or gzipped)")
//   .option("--json", "print the result as JSON")
//   .action(async (files, opts) => (await import("./commands/cdr.ts")).importCdrsCommand(files, opts));
import { access } from "node:fs/promises";
import { CliError, output, withDatabase } from "../run.ts";
import { cdrFormatSchema, type CdrFormat } from "@/lib/cdr/schema.ts";
import { cdrSourceInputSchema, timeZoneSchema } from "@/lib/cdr/source-schema.ts";
import type { CdrImportResult } from "@/lib/cdr/load.ts";

export async function sourcesAddCommand(opts: { name: string; format: string; timezone: string; country?: string; mapping?: string; json?: boolean }) {
  let mapping: unknown;
  if (opts.mapping !== undefined) {
    try {
      mapping = JSON.parse(opts.mapping);
    } catch {
      throw new CliError("--mapping is not valid JSON");
    }
  }
  const input = cdrSourceInputSchema.parse({
    name: opts.name,
    format: opts.format,
    timeZone: opts.timezone,
    ...(opts.country === undefined ? {} : { defaultCountry: opts.country }),
    ...(mapping === undefined ? {} : { mapping }),
  });
  const source = await withDatabase(async () => {
    const { createSource, SourceExistsError } = await import("@/lib/cdr/writes.ts");
    try {
      return await createSource(input, { label: "cli" });
    } catch (error) {
      if (error instanceof SourceExistsError) throw new CliError(error.message);
      throw error;
    }
  });
  output(
    opts.json,
    { id: source.id, name: source.name, format: source.format, timeZone: source.timeZone, defaultCountry: source.defaultCountry },
    [`Added CDR source ${source.name} (${source.format}, ${source.timeZone}, ${source.defaultCountry})`],
  );
}

function summary(r: CdrImportResult) {
  return {
    importId: r.importId,
    status: r.status,
    format: r.format,
    rowsRead: r.rowsRead,
    rowsInserted: r.rowsInserted,
    rowsDuplicate: r.rowsDuplicate,
    rowsRejected: r.rowsRejected,
    coverageFrom: r.coverageFrom?.toISOString() ?? null,
    coverageTo: r.coverageTo?.toISOString() ?? null,
  };
}

function lines(r: CdrImportResult): string[] {
  if (r.status !== "LOADED") return [`${r.fileName}: ${r.status.toLowerCase()}, nothing loaded (import ${r.importId})`];
  const period = r.coverageFrom === null ? "no calls" : `calls ${r.coverageFrom.toISOString()} to ${r.coverageTo?.toISOString()}`;
  return [
    `${r.fileName}: ${r.format}, ${r.rowsRead} rows read, ${r.rowsInserted} inserted, ${r.rowsDuplicate} duplicate, ${r.rowsRejected} rejected, ${r.warnings} warning${r.warnings === 1 ? "" : "s"}; ${period} (import ${r.importId})`,
  ];
}

export async function importCdrsCommand(files: string[], opts: { source: string; format?: string; timezone?: string; json?: boolean }) {
  const format: CdrFormat | undefined = opts.format === undefined ? undefined : cdrFormatSchema.parse(opts.format);
  const timeZone = opts.timezone === undefined ? undefined : timeZoneSchema.parse(opts.timezone);
  for (const file of files) {
    try {
      await access(file);
    } catch {
      throw new CliError(`cannot read ${file}`);
    }
  }
  const results = await withDatabase(async () => {
    const { loadCdrFile, CdrSourceNotFound } = await import("@/lib/cdr/load.ts");
    const done: CdrImportResult[] = [];
    for (const path of files) {
      try {
        done.push(await loadCdrFile({ source: opts.source, file: { path }, format, timeZone, importedBy: "cli" }));
      } catch (error) {
        if (error instanceof CdrSourceNotFound) throw new CliError(error.message);
        throw error;
      }
    }
    return done;
  });
  const value = results.length === 1 ? summary(results[0] as CdrImportResult) : { imports: results.map(summary) };
  output(opts.json, value, results.flatMap(lines));
  const failed = results.filter((r) => r.status !== "LOADED");
  if (failed.length > 0) {
    throw new CliError(failed.map((r) => `${r.status === "REFUSED" ? "refused" : "failed"}: ${r.error}${r.errorLine !== null && !(r.error ?? "").includes(`line ${r.errorLine}`) ? ` (line ${r.errorLine})` : ""}`).join("\n"));
  }
}
