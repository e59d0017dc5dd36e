import "server-only";
// Uploaded CDR files wait on disk for their background import (and stay there for a retry
// when it fails). Streamed to disk as they arrive: an upload may be gigabytes, and the
// request must not hold it in memory.
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { cleanFileName } from "./file-name";
import { multipartBoundary, multipartFile } from "./multipart";

export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

/** GHOSTLINE_MAX_UPLOAD_BYTES, read per call; the default (2 GiB) when unset or not a positive integer. */
export function maxUploadBytes(): number {
  const value = Number(process.env.GHOSTLINE_MAX_UPLOAD_BYTES);
  return Number.isSafeInteger(value) && value > 0 ? value : DEFAULT_MAX_UPLOAD_BYTES;
}

/**
 * Where uploads wait: `uploads/` under GHOSTLINE_DATA_DIR (default `.ghostline` in the
 * project, the server's working directory). The worker that loads a file must see this
 * directory, so instances sharing one database need it on a shared volume.
 */
export function uploadDir(): string {
  return path.resolve(process.env.GHOSTLINE_DATA_DIR ?? ".ghostline", "uploads");
}

export class UploadTooLarge extends Error {
  override readonly name = "UploadTooLarge";
  constructor(readonly limit: number) {
    super(`the upload is larger than ${limit} bytes`);
  }
}

/** A request body's chunks; stops the upload when the reader stops early (over the limit, an error). */
export async function* bodyChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** The body's bytes as they arrive; throws UploadTooLarge once more than `limit` have come. */
export async function* limitBytes(body: AsyncIterable<Uint8Array>, limit: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > limit) throw new UploadTooLarge(limit);
    yield chunk;
  }
}

/**
 * The uploaded file of a request: the raw body, or the file part of a multipart/form-data body
 * (with the name the browser gave it). The bytes are counted: past `limit`, reading throws
 * UploadTooLarge. Throws MultipartError for a form without a file.
 */
export async function uploadedFile(body: ReadableStream<Uint8Array>, contentType: string | null, limit: number) {
  const bytes = limitBytes(bodyChunks(body), limit);
  const boundary = multipartBoundary(contentType);
  if (boundary === null) return { content: bytes, fileName: null };
  const part = await multipartFile(bytes, boundary);
  return { content: part.content, fileName: cleanFileName(part.fileName) };
}

/**
 * Writes `body` to a new file in the upload directory; resolves with its path and size.
 * On any read error (UploadTooLarge included) the partial file is removed and the error thrown.
 */
export async function saveUpload(body: AsyncIterable<Uint8Array>): Promise<{ path: string; size: number }> {
  const dir = uploadDir();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${randomUUID()}.upload`);
  let size = 0;
  async function* counted() {
    for await (const chunk of body) {
      size += chunk.byteLength;
      yield chunk;
    }
  }
  try {
    await pipeline(Readable.from(counted()), createWriteStream(file, { flags: "wx", mode: 0o600 }));
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
  return { path: file, size };
}

/**
 * Deletes an upload once it is no longer needed. Only files inside the upload directory:
 * a CLI import records the user's own file as its upload, and that one is never deleted.
 */
export async function removeUpload(file: string): Promise<boolean> {
  const relative = path.relative(uploadDir(), path.resolve(file));
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return false;
  await rm(file, { force: true });
  return true;
}
