// The file of a multipart/form-data upload (RFC 7578), streamed: only the part headers are held
// in memory, the file's bytes pass through as they arrive (an export can be gigabytes, which
// Request.formData() would buffer whole).

/** Headers and small fields before the file part, at most this many bytes. */
const MAX_HEAD_BYTES = 64 * 1024;

/** The boundary of a `multipart/form-data` Content-Type, or null for any other type. */
export function multipartBoundary(contentType: string | null): string | null {
  if (contentType === null || !/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

export class MultipartError extends Error {
  override readonly name = "MultipartError";
}

/** The file name of a part's Content-Disposition as sent (cleanFileName makes it safe), or null when it is not a file. */
function fileNameOf(headers: string): string | null {
  const disposition = headers.split("\r\n").find((h) => /^content-disposition\s*:/i.test(h));
  const match = disposition === undefined ? null : /;\s*filename="([^"]*)"/i.exec(disposition) ?? /;\s*filename=([^;\s]+)/i.exec(disposition);
  if (match === null || match[1] === undefined) return null;
  return match[1];
}

/**
 * Reads `body` up to the first part that carries a file; resolves with the file's name and a
 * stream of its bytes (ending at the part's closing delimiter). Throws MultipartError when the
 * body holds no file part or ends inside it.
 */
export async function multipartFile(body: AsyncIterable<Uint8Array>, boundary: string): Promise<{ fileName: string; content: AsyncGenerator<Buffer> }> {
  const input = body[Symbol.asyncIterator]();
  // The first delimiter has no CRLF before it; adding one makes every delimiter alike.
  let buf = Buffer.from("\r\n");
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const more = async () => {
    const next = await input.next();
    if (next.done === true) return false;
    buf = Buffer.concat([buf, next.value]);
    return true;
  };
  const need = async (found: () => boolean, what: string) => {
    while (!found()) {
      if (buf.length > MAX_HEAD_BYTES) throw new MultipartError(`no ${what} in the first ${MAX_HEAD_BYTES} bytes of the form`);
      if (!(await more())) throw new MultipartError(`the form ends before ${what}`);
    }
  };

  for (;;) {
    await need(() => buf.indexOf(delimiter) >= 0, "a file part");
    buf = buf.subarray(buf.indexOf(delimiter) + delimiter.length);
    await need(() => buf.length >= 2, "a file part");
    if (buf.subarray(0, 2).toString("latin1") === "--") throw new MultipartError("the form has no file part");
    await need(() => buf.indexOf("\r\n\r\n") >= 0, "the part's headers");
    const end = buf.indexOf("\r\n\r\n");
    const fileName = fileNameOf(buf.subarray(0, end).toString("utf8"));
    buf = buf.subarray(end + 4);
    if (fileName === null) continue; // a plain field: skip to the next part

    async function* content(): AsyncGenerator<Buffer> {
      try {
        for (;;) {
          const at = buf.indexOf(delimiter);
          if (at >= 0) {
            if (at > 0) yield buf.subarray(0, at);
            return;
          }
          // The tail may be the start of the delimiter: hold it back until more arrives.
          const safe = buf.length - (delimiter.length - 1);
          if (safe > 0) {
            yield buf.subarray(0, safe);
            buf = buf.subarray(safe);
          }
          if (!(await more())) throw new MultipartError("the form ends inside the file (upload cut short?)");
        }
      } finally {
        await input.return?.();
      }
    }
    return { fileName, content: content() };
  }
}
