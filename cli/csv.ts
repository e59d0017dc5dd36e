// Small CSV files (customer lists, ticket exports) for the CLI: read whole,
// header checked, each record with the file line it starts on.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import * as z from "zod";
import { CliError } from "./run.ts";

export function readCsv<S extends z.ZodType>(file: string, header: string[], schema: S) {
  const name = path.basename(file);
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(readFileSync(file), { columns: true, info: true, bom: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new CliError(`${name}: ${(error as Error).message}`);
  }
  const columns = Object.keys(records[0]?.record ?? {});
  const missing = header.filter((h) => !columns.includes(h));
  if (!records.length) throw new CliError(`${name}: no rows (expected the header ${header.join(",")} and at least one row)`);
  if (missing.length) throw new CliError(`${name}: line 1: missing column(s) ${missing.join(", ")}; expected ${header.join(",")}`);
  const rows: { line: number; row: z.output<S> }[] = [];
  const problems: string[] = [];
  for (const { record, info } of records) {
    const parsed = schema.safeParse(record);
    if (parsed.success) rows.push({ line: info.lines, row: parsed.data });
    else for (const issue of parsed.error.issues) problems.push(`${name}: line ${info.lines}: ${issue.path.join(".")}: ${issue.message}`);
  }
  if (problems.length) throw new CliError(`nothing imported; fix these rows:\n${problems.join("\n")}`);
  return rows;
}
