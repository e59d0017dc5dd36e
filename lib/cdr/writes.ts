import "server-only";
import { recordAudit } from "@/lib/audit/writes.ts";
import type { AuditActor } from "@/lib/auth/actor.ts";
import { Prisma, prisma } from "@/lib/db/client.ts";
import pg from "pg";
import { CdrSourceNotFound } from "./errors";
import { connectionString, uuidv7 } from "./load";
import type { CdrFormat } from "./schema";
import { type CdrSourceInput, cdrSourceInputSchema } from "./source-schema";

export class SourceExistsError extends Error {
  override readonly name = "SourceExistsError";
  constructor(readonly sourceName: string) {
    super(`a CDR source named ${sourceName} already exists`);
  }
}

/** Adds a CDR source (validated with cdrSourceInputSchema) and audits it. */
export async function createSource(input: CdrSourceInput, actor: AuditActor) {
  const data = cdrSourceInputSchema.parse(input);
  try {
    return await prisma.$transaction(async (tx) => {
      const source = await tx.cdrSource.create({
        data: {
          name: data.name,
          format: data.format,
          timeZone: data.timeZone,
          defaultCountry: data.defaultCountry,
          ...(data.mapping === undefined ? {} : { mapping: data.mapping as Prisma.InputJsonValue }),
        },
        select: { id: true, name: true, format: true, timeZone: true, defaultCountry: true, mapping: true, createdAt: true },
      });
      await recordAudit(
        {
          ...actor,
          action: "cdr_source.create",
          entityType: "cdr_source",
          entityId: source.id,
          after: { name: source.name, format: source.format, timeZone: source.timeZone, defaultCountry: source.defaultCountry },
        },
        tx,
      );
      return source;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new SourceExistsError(data.name);
    throw error;
  }
}

export interface QueuedImportInput {
  /** The source's name, or its id when the caller has looked it up already. */
  source: string | { id: string };
  fileName: string;
  fileSize: number;
  /** Where the file waits for its job (see uploads.ts), or the CLI user's own file. */
  uploadPath: string;
  format?: CdrFormat;
  timeZone?: string;
  importedBy: string;
}

/**
 * Records an import waiting for its job (QUEUED); throws CdrSourceNotFound for an unknown source.
 * Through pg, not Prisma: `ghostline import-cdrs` queues and then loads in one process, and
 * Prisma's first query instantiates its query compiler (WebAssembly: +61 MB RSS, measured), which
 * then sits under the whole load: the CLI's peak RSS on a 1M-row file was 304–318 MB with it and
 * 266 MB without, against the 300 MB bar (issue 12). The loader itself is pg too (load.ts).
 */
export async function createQueuedImport(input: QueuedImportInput): Promise<{ id: string }> {
  const client = new pg.Client({ connectionString: connectionString() });
  await client.connect();
  try {
    const byName = typeof input.source === "string";
    const { rows } = await client.query<{ id: string }>(
      `insert into cdr_import (id, source_id, status, file_name, file_size, upload_path, requested_format, time_zone, imported_by)
       select $2, id, 'QUEUED', $3, $4, $5, $6, $7, $8 from cdr_source where ${byName ? "name" : "id::text"} = $1
       returning id`,
      [byName ? input.source : (input.source as { id: string }).id, uuidv7(), input.fileName, input.fileSize, input.uploadPath,
        input.format ?? null, input.timeZone ?? null, input.importedBy],
    );
    const row = rows[0];
    if (row === undefined) throw new CdrSourceNotFound(typeof input.source === "string" ? input.source : input.source.id);
    return row;
  } finally {
    await client.end();
  }
}

/** Remembers the pg-boss job that will run the import (for support: its state is in pgboss.job). */
export async function setImportJob(importId: string, jobId: string) {
  await prisma.cdrImport.update({ where: { id: importId }, data: { jobId } });
}

export class ImportNotRetryable extends Error {
  override readonly name = "ImportNotRetryable";
}

/**
 * Puts a FAILED import whose upload is still kept back in the queue (the caller sends its job;
 * the runner finds out whether the file is still on disk, see run.ts).
 * Resolves false for an unknown import; throws ImportNotRetryable with the reason otherwise.
 */
export async function requeueImport(importId: string, actor: AuditActor): Promise<boolean> {
  const found = await prisma.cdrImport.findUnique({ where: { id: importId }, select: { status: true, uploadPath: true } });
  if (found === null) return false;
  if (found.status !== "FAILED") throw new ImportNotRetryable(`Only a failed import can be retried; this one is ${found.status.toLowerCase()}.`);
  if (found.uploadPath === null) throw new ImportNotRetryable("Its file is no longer kept on the server; upload the file again.");
  // Conditional on FAILED: two clicks at once queue it once.
  const queued = await prisma.cdrImport.updateMany({
    where: { id: importId, status: "FAILED" },
    // jobId too: a QUEUED import's job_id is its current job's, null until it is sent (run.ts
    // failInterruptedImports fails a QUEUED import left without one).
    data: { status: "QUEUED", jobId: null, error: null, errorLine: null, finishedAt: null, progressRows: 0, progressBytes: BigInt(0) },
  });
  if (queued.count === 0) throw new ImportNotRetryable("It is being retried already.");
  await recordAudit({ ...actor, action: "cdr_import.retry", entityType: "cdr_import", entityId: importId });
  return true;
}

/**
 * Records why a QUEUED import could not be handed to its job (it stays retryable while its
 * upload is kept). Only while QUEUED: a job that did start writes its own outcome.
 */
export async function failQueuedImport(importId: string, error: string) {
  await prisma.cdrImport.updateMany({ where: { id: importId, status: "QUEUED" }, data: { status: "FAILED", error, finishedAt: new Date() } });
}
