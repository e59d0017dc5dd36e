import { describe, expect, it } from "vitest";
import { MultipartError, multipartBoundary, multipartFile } from "./multipart";

const BOUNDARY = "----ghostline7MA4YWxkTrZu0gW";

function form(parts: { name: string; fileName?: string; body: string | Buffer }[]): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.fileName === undefined ? "" : `; filename="${p.fileName}"`}`;
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${p.fileName ? "Content-Type: text/csv\r\n" : ""}\r\n`));
    chunks.push(Buffer.isBuffer(p.body) ? p.body : Buffer.from(p.body));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

/** The body in chunks of `size` bytes, as a network delivers it. */
async function* inChunks(buf: Buffer, size: number) {
  for (let i = 0; i < buf.length; i += size) yield new Uint8Array(buf.subarray(i, i + size));
}

async function read(gen: AsyncGenerator<Buffer>) {
  const parts: Buffer[] = [];
  for await (const c of gen) parts.push(c);
  return Buffer.concat(parts);
}

describe("multipartBoundary", () => {
  it("reads the boundary of multipart/form-data only", () => {
    expect(multipartBoundary(`multipart/form-data; boundary=${BOUNDARY}`)).toBe(BOUNDARY);
    expect(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b"')).toBe("a b");
    expect(multipartBoundary("text/csv")).toBeNull();
    expect(multipartBoundary(null)).toBeNull();
  });
});

describe("multipartFile", () => {
  const csv = Buffer.from(`"a","b"\r\n"c","d"\r\n--not-the-boundary\r\n`.repeat(500));

  it("streams the file part byte for byte, whatever the chunking, skipping fields before it", async () => {
    const body = form([{ name: "note", body: "hello" }, { name: "file", fileName: "C:\\exports\\Master.csv", body: csv }, { name: "after", body: "x" }]);
    for (const size of [1, 7, 64, 4096, body.length]) {
      const { fileName, content } = await multipartFile(inChunks(body, size), BOUNDARY);
      expect(fileName).toBe("C:\\exports\\Master.csv");
      expect((await read(content)).equals(csv)).toBe(true);
    }
  });

  it("keeps binary (gzip) content intact", async () => {
    const gz = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0xff, 0x00]);
    const { content } = await multipartFile(inChunks(form([{ name: "file", fileName: "a.csv.gz", body: gz }]), 3), BOUNDARY);
    expect((await read(content)).equals(gz)).toBe(true);
  });

  it("refuses a form without a file, or one cut inside the file", async () => {
    await expect(multipartFile(inChunks(form([{ name: "note", body: "hi" }]), 5), BOUNDARY)).rejects.toBeInstanceOf(MultipartError);
    const cut = form([{ name: "file", fileName: "a.csv", body: csv }]).subarray(0, 500);
    const { content } = await multipartFile(inChunks(cut, 100), BOUNDARY);
    await expect(read(content)).rejects.toThrow(/ends inside the file/);
  });
});
