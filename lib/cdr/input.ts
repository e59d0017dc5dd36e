// Byte-level intake: gunzip when the gzip magic is there, strip a UTF-8 BOM, refuse empty,
// binary and UTF-16 files, and hand back the file head (for detection) plus the rest.
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { SAMPLE_BYTES } from "./detect";
import { CdrFileRefused } from "./errors";

export type CdrInput = NodeJS.ReadableStream | AsyncIterable<Buffer | Uint8Array | string>;

export interface OpenedInput {
  /** First ≥ 64 KiB of text bytes (BOM removed); all of the file if shorter. */
  head: Buffer;
  /** True when `head` is the whole file. */
  headIsAll: boolean;
  rest: AsyncIterator<Buffer>;
  gzip: boolean;
  bom: boolean;
  /** Set once the gzip stream ended early (truncated download / copy). */
  gzipTruncated(): boolean;
}

async function* buffers(input: CdrInput): AsyncGenerator<Buffer> {
  for await (const chunk of input as AsyncIterable<Buffer | Uint8Array | string>) {
    if (typeof chunk === "string") yield Buffer.from(chunk, "utf8");
    else yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}

/** Reads from `it` until `min` bytes are buffered or it ends. */
async function fill(it: AsyncIterator<Buffer>, min: number): Promise<{ head: Buffer; done: boolean }> {
  const parts: Buffer[] = [];
  let size = 0;
  while (size < min) {
    const next = await it.next();
    if (next.done === true) return { head: Buffer.concat(parts), done: true };
    parts.push(next.value);
    size += next.value.length;
  }
  return { head: Buffer.concat(parts), done: false };
}

async function* prepend(head: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  if (head.length > 0) yield head;
  for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield next.value;
}

function gunzip(source: AsyncIterable<Buffer>, fileName: string | null, truncated: { value: boolean }): AsyncIterator<Buffer> {
  const input = Readable.from(source);
  const inflate = createGunzip();
  let sourceError: unknown = null;
  input.on("error", (err) => {
    sourceError = err;
    inflate.destroy(err);
  });
  input.pipe(inflate);
  async function* run(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of inflate) yield chunk as Buffer;
    } catch (err) {
      if (sourceError !== null) throw sourceError;
      const e = err as NodeJS.ErrnoException;
      // zlib: "unexpected end of file" = the gzip member stops early; keep what was inflated.
      if (e.code === "Z_BUF_ERROR") {
        truncated.value = true;
        return;
      }
      throw new CdrFileRefused("corrupt-gzip", `gzip data is corrupt (${e.message})`, fileName);
    } finally {
      input.destroy();
      inflate.destroy();
    }
  }
  return run();
}

function refuseBinary(head: Buffer, fileName: string | null): void {
  if (head[0] === 0xff && head[1] === 0xfe) {
    throw new CdrFileRefused("unsupported-encoding", "file is UTF-16 (little-endian BOM); save the export as UTF-8 CSV", fileName);
  }
  if (head[0] === 0xfe && head[1] === 0xff) {
    throw new CdrFileRefused("unsupported-encoding", "file is UTF-16 (big-endian BOM); save the export as UTF-8 CSV", fileName);
  }
  if (head.subarray(0, 4).equals(Buffer.from("PK\x03\x04", "latin1"))) {
    throw new CdrFileRefused("binary", "file is a ZIP archive (an .xlsx workbook?), not CSV text; export the report as CSV", fileName);
  }
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new CdrFileRefused("binary", "file is a legacy Office document (.xls?), not CSV text; export the report as CSV", fileName);
  }
  const nul = head.indexOf(0);
  if (nul >= 0) {
    let line = 1;
    for (let i = head.indexOf(0x0a); i >= 0 && i < nul; i = head.indexOf(0x0a, i + 1)) line++;
    throw new CdrFileRefused("binary", `line ${line}: file is binary, not CSV text (NUL byte at offset ${nul})`, fileName, line);
  }
  let control = 0;
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  if (control > head.length / 100) {
    throw new CdrFileRefused("binary", `file is binary, not CSV text (${control} control bytes in the first ${head.length})`, fileName);
  }
}

export async function openInput(input: CdrInput, fileName: string | null): Promise<OpenedInput> {
  let source: AsyncIterator<Buffer> = buffers(input);
  const magic = await fill(source, 2);
  if (magic.head.length === 0) throw new CdrFileRefused("empty", "file is empty", fileName);
  const gzip = magic.head[0] === 0x1f && magic.head[1] === 0x8b;
  const truncated = { value: false };
  const rest = prepend(magic.head, source);
  source = gzip ? gunzip({ [Symbol.asyncIterator]: () => rest }, fileName, truncated) : rest;
  const filled = await fill(source, SAMPLE_BYTES);
  let head = filled.head;
  if (head.length === 0) throw new CdrFileRefused("empty", "file is empty", fileName);
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  if (bom) head = head.subarray(3);
  refuseBinary(head, fileName);
  if (filled.done && /^[\s,;]*$/.test(head.toString("latin1"))) {
    throw new CdrFileRefused("empty", "file is empty (only blank lines)", fileName);
  }
  return { head, headIsAll: filled.done, rest: source, gzip, bom, gzipTruncated: () => truncated.value };
}
