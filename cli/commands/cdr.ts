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
import { stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { CliError, output, withDatabase } from "../run.ts";
import { cdrFormatSchema, type CdrFormat } from "@/lib/cdr/schema.ts";
import { cdrSourceInputSchema } from "@/lib/cdr/source-schema.ts";
import { timeZoneSchema } from "@/lib/time-zone.ts";
import type { CdrImportResult } from "@/lib/cdr/load.ts";
import { importProgress } from "@/lib/cdr/progress.ts";
import { formatDuration } from "@/lib/format.ts";
import { importErrorText } from "@/lib/cdr/errors.ts";

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
      return await createSource(input, { actorId: null, actorLabel: "cli" });
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
    ...r.messages.map((m) => `  warning${m.line === undefined ? "" : ` (line ${m.line})`}: ${m.message}`),
  ];
}

/** A one-line progress bar on stderr (only drawn when stderr is a terminal), redrawn at most 5 times a second. */
function progressBar(fileName: string, fileSize: number) {
  const startedAt = new Date();
  let drawn = 0;
  return {
    update(p: { rows: number; bytes: number }) {
      const now = Date.now();
      if (now - drawn < 200) return;
      drawn = now;
      const { fraction, rowsPerSecond, etaSeconds } = importProgress({ ...p, fileSize, startedAt, now: new Date(now) });
      const width = 24;
      const filled = Math.round((fraction ?? 0) * width);
      const parts = [
        `${fileName} [${"#".repeat(filled)}${" ".repeat(width - filled)}]`,
        fraction === null ? null : `${Math.floor(fraction * 100)}%`,
        `${p.rows.toLocaleString("en-US")} rows`,
        rowsPerSecond === null ? null : `${rowsPerSecond.toLocaleString("en-US")} rows/s`,
        etaSeconds === null ? null : `ETA ${formatDuration(etaSeconds)}`,
      ];
      process.stderr.write(`\r\x1b[K${parts.filter((x) => x !== null).join("  ")}`);
    },
    clear() {
      if (drawn > 0) process.stderr.write("\r\x1b[K");
    },
  };
}

/**
 * Loads each file in this process, waiting for it (no job queue: the CLI is the worker), through
 * the same runner as the app's background imports, so the verdicts are re-evaluated after LOADED.
 */
export async function importCdrsCommand(files: string[], opts: { source: string; format?: string; timezone?: string; json?: boolean }) {
  const format: CdrFormat | undefined = opts.format === undefined ? undefined : cdrFormatSchema.parse(opts.format);
  const timeZone = opts.timezone === undefined ? undefined : timeZoneSchema.parse(opts.timezone);
  const sizes: number[] = [];
  for (const file of files) {
    try {
      sizes.push((await stat(file)).size);
    } catch {
      throw new CliError(`cannot read ${file}`);
    }
  }
  const results = await withDatabase(async () => {
    const { CdrSourceNotFound } = await import("@/lib/cdr/errors.ts");
    const { createQueuedImport } = await import("@/lib/cdr/writes.ts");
    const { runImport } = await import("@/lib/cdr/run.ts");
    const done: CdrImportResult[] = [];
    for (const [i, file] of files.entries()) {
      let queued: { id: string };
      try {
        queued = await createQueuedImport({
          source: opts.source,
          fileName: basename(file),
          fileSize: sizes[i] ?? 0,
          // The user's own file: the runner never deletes a file outside its upload directory.
          uploadPath: resolve(file),
          ...(format === undefined ? {} : { format }),
          ...(timeZone === undefined ? {} : { timeZone }),
          importedBy: "cli",
        });
      } catch (error) {
        if (error instanceof CdrSourceNotFound) throw new CliError(error.message);
        throw error;
      }
      const bar = process.stderr.isTTY ? progressBar(basename(file), sizes[i] ?? 0) : null;
      let result: CdrImportResult | null;
      try {
        result = await runImport(queued.id, {
          ...(bar === null ? {} : { onProgress: bar.update }),
          onInterrupted: (ids) => {
            for (const id of ids) process.stderr.write(`ghostline: import ${id} of ${opts.source} was left running by a process that stopped; marked FAILED (nothing of it was loaded)\n`);
          },
        });
      } finally {
        bar?.clear();
      }
      if (result === null) throw new CliError(`${file}: the import ${queued.id} was not run (it was taken by another process?)`);
      done.push(result);
    }
    return done;
  });
  const value = results.length === 1 ? summary(results[0] as CdrImportResult) : { imports: results.map(summary) };
  output(opts.json, value, results.flatMap(lines));
  const failed = results.filter((r) => r.status !== "LOADED");
  if (failed.length > 0) {
    throw new CliError(failed.map((r) => `${r.status === "REFUSED" ? "refused" : "failed"}: ${importErrorText(r.error, r.errorLine)}`).join("\n"));
  }
}
