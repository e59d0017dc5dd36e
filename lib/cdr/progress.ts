// Isomorphic: a running import's progress in the terms people read (the API, the page, the CLI bar).

export interface ImportProgress {
  /** Rows read so far (accepted + rejected). */
  rows: number;
  /** Bytes of the file read so far (compressed bytes for a gzipped file, like fileSize). */
  bytes: number;
  fileSize: number;
  /** 0..1, or null when the size is unknown. */
  fraction: number | null;
  /** Null until a second has passed and a row was read. */
  rowsPerSecond: number | null;
  /** Seconds left at the rate so far; null while there is no rate yet. */
  etaSeconds: number | null;
}

export function importProgress(p: { rows: number; bytes: number; fileSize: number; startedAt: Date | null; now: Date }): ImportProgress {
  const fraction = p.fileSize > 0 ? Math.min(1, p.bytes / p.fileSize) : null;
  const elapsed = p.startedAt === null ? 0 : (p.now.getTime() - p.startedAt.getTime()) / 1000;
  const measured = elapsed >= 1 && p.rows > 0 && p.bytes > 0;
  const rowsPerSecond = measured ? Math.round(p.rows / elapsed) : null;
  const etaSeconds = measured && p.fileSize > 0 ? Math.max(0, Math.round(((p.fileSize - p.bytes) * elapsed) / p.bytes)) : null;
  return { rows: p.rows, bytes: p.bytes, fileSize: p.fileSize, fraction, rowsPerSecond, etaSeconds };
}
