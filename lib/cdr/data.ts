import "server-only";
import * as z from "zod";
import { prisma } from "@/lib/db/client.ts";
import type { CdrImportMessage } from "./load";
import { type ImportProgress, importProgress } from "./progress";
import { type CdrImportStatus, isImportRetryable } from "./status";

export function listSources() {
  return prisma.cdrSource.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true, name: true, format: true, timeZone: true, defaultCountry: true,
      _count: { select: { customers: true, imports: { where: { status: "LOADED" } } } },
    },
  });
}

/** A source's settings by name (null when unknown). */
export function findSource(name: string) {
  return prisma.cdrSource.findUnique({ where: { name }, select: { id: true, name: true, format: true, timeZone: true, defaultCountry: true, mapping: true } });
}

export function listImports(limit = 50) {
  return prisma.cdrImport.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true, fileName: true, status: true, format: true, importedBy: true, createdAt: true,
      rowsRead: true, rowsInserted: true, rowsDuplicate: true, rowsRejected: true,
      coverageFrom: true, coverageTo: true, error: true, source: { select: { name: true } },
      uploadPath: true, fileSize: true, startedAt: true, progressRows: true, progressBytes: true,
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
  status: CdrImportStatus;
  format: string | null;
  /** The format asked for at upload (`auto` or a name), null when the source's was used. */
  requestedFormat: string | null;
  fileSize: number;
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
  /** Accepted rows that were not answered calls. */
  unansweredRows: number;
  /** Warnings in words (time-zone disagreement, re-decoded text, ...). */
  messages: CdrImportMessage[];
  error: string | null;
  errorLine: number | null;
  attempts: number;
  startedAt: string | null;
  /** Live while QUEUED / RUNNING; the last values seen once it ended. */
  progress: ImportProgress;
  /** FAILED with its file still kept: POST /api/v1/cdr-imports/{id}/retry runs it again. */
  retryable: boolean;
}

const importSelect = {
  id: true, fileName: true, status: true, format: true, importedBy: true, createdAt: true, finishedAt: true,
  rowsRead: true, rowsInserted: true, rowsDuplicate: true, rowsRejected: true, warnings: true,
  coverageFrom: true, coverageTo: true, error: true, errorLine: true, source: { select: { name: true } },
  requestedFormat: true, fileSize: true, unansweredRows: true, messages: true, attempts: true, startedAt: true,
  progressRows: true, progressBytes: true, uploadPath: true,
} as const;

/** One import, or null when `id` is not a known import (or not a UUID at all). */
export async function getImport(id: string) {
  if (!uuid.safeParse(id).success) return null;
  return prisma.cdrImport.findUnique({ where: { id }, select: importSelect });
}

export type CdrImportRecord = NonNullable<Awaited<ReturnType<typeof getImport>>>;

export function importSummary(i: CdrImportRecord, now = new Date()): CdrImportSummary {
  const fileSize = Number(i.fileSize);
  const progress = importProgress({ rows: i.progressRows, bytes: Number(i.progressBytes), fileSize, startedAt: i.startedAt, now: i.finishedAt ?? now });
  return {
    id: i.id,
    source: i.source.name,
    fileName: i.fileName,
    status: i.status,
    format: i.format,
    requestedFormat: i.requestedFormat,
    fileSize,
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
    unansweredRows: i.unansweredRows,
    messages: Array.isArray(i.messages) ? (i.messages as unknown as CdrImportMessage[]) : [],
    error: i.error,
    errorLine: i.errorLine,
    attempts: i.attempts,
    startedAt: i.startedAt?.toISOString() ?? null,
    progress,
    retryable: isImportRetryable(i),
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
