import "server-only";
import * as z from "zod";
import { prisma } from "@/lib/db/client.ts";

export function listSources() {
  return prisma.cdrSource.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, format: true, timeZone: true, defaultCountry: true, _count: { select: { customers: true } } },
  });
}

export function listImports(limit = 50) {
  return prisma.cdrImport.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true, fileName: true, status: true, format: true, importedBy: true, createdAt: true,
      rowsRead: true, rowsInserted: true, rowsDuplicate: true, rowsRejected: true,
      coverageFrom: true, coverageTo: true, error: true, source: { select: { name: true } },
    },
  });
}

// One import and its rejected rows, for /api/v1/cdr-imports and /imports/[id].
const uuid = z.uuid();

/** The import's summary as the API answers it (dates as ISO strings). */
export interface CdrImportSummary {
  id: string;
  source: string;
  fileName: string;
  status: "QUEUED" | "RUNNING" | "LOADED" | "REFUSED" | "FAILED";
  format: string | null;
  importedBy: string;
  createdAt: string;
  finishedAt: string | null;
  rowsRead: number;
  rowsInserted: number;
  rowsDuplicate: number;
  rowsRejected: number;
  warnings: number;
  coverageFrom: string | null;
  coverageTo: string | null;
  error: string | null;
  errorLine: number | null;
}

const importSelect = {
  id: true, fileName: true, status: true, format: true, importedBy: true, createdAt: true, finishedAt: true,
  rowsRead: true, rowsInserted: true, rowsDuplicate: true, rowsRejected: true, warnings: true,
  coverageFrom: true, coverageTo: true, error: true, errorLine: true, source: { select: { name: true } },
} as const;

/** One import, or null when `id` is not a known import (or not a UUID at all). */
export async function getImport(id: string) {
  if (!uuid.safeParse(id).success) return null;
  return prisma.cdrImport.findUnique({ where: { id }, select: importSelect });
}

export type CdrImportRecord = NonNullable<Awaited<ReturnType<typeof getImport>>>;

export function importSummary(i: CdrImportRecord): CdrImportSummary {
  return {
    id: i.id,
    source: i.source.name,
    fileName: i.fileName,
    status: i.status,
    format: i.format,
    importedBy: i.importedBy,
    createdAt: i.createdAt.toISOString(),
    finishedAt: i.finishedAt?.toISOString() ?? null,
    rowsRead: i.rowsRead,
    rowsInserted: i.rowsInserted,
    rowsDuplicate: i.rowsDuplicate,
    rowsRejected: i.rowsRejected,
    warnings: i.warnings,
    coverageFrom: i.coverageFrom?.toISOString() ?? null,
    coverageTo: i.coverageTo?.toISOString() ?? null,
    error: i.error,
    errorLine: i.errorLine,
  };
}

/** Rejected rows in line order, `take` at a time after the (line, id) of the last row seen. */
export function listRejects(importId: string, take: number, after?: { line: number; id: bigint }) {
  return prisma.cdrReject.findMany({
    where: {
      importId,
      ...(after === undefined ? {} : { OR: [{ line: { gt: after.line } }, { line: after.line, id: { gt: after.id } }] }),
    },
    orderBy: [{ line: "asc" }, { id: "asc" }],
    take,
    select: { id: true, line: true, reason: true, field: true, raw: true },
  });
}

/** Every rejected row of an import, read a page at a time. */
export async function* allRejects(importId: string, pageSize = 5000) {
  let after: { line: number; id: bigint } | undefined;
  for (;;) {
    const page = await listRejects(importId, pageSize, after);
    yield* page;
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) return;
    after = { line: last.line, id: last.id };
  }
}
