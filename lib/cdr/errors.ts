/** Why a whole file was refused (nothing from it may be loaded). */
export type CdrRefusalCode =
  | "empty"
  | "binary"
  | "unsupported-encoding"
  | "unknown-format"
  | "format-mismatch"
  | "bad-options"
  | "corrupt-gzip"
  | "record-too-large";

/**
 * Thrown by parseCdrStream when a file cannot be loaded. Shape problems ("18 columns expected
 * for Asterisk, line 1 has 5") are found in the first 64 KiB and thrown before any row is
 * yielded; `record-too-large` and `corrupt-gzip` can surface later, so a loader must treat the
 * import as failed and roll back whatever it staged.
 */
export class CdrFileRefused extends Error {
  override readonly name = "CdrFileRefused";
  constructor(
    readonly code: CdrRefusalCode,
    message: string,
    readonly fileName: string | null = null,
    readonly line: number | null = null,
  ) {
    super(fileName === null ? message : `${fileName}: ${message}`);
  }
}

/** An import or upload named a source that does not exist. */
export class CdrSourceNotFound extends Error {
  override readonly name = "CdrSourceNotFound";
  constructor(readonly sourceName: string) {
    super(`no CDR source named ${sourceName} (add it with \`ghostline sources add\`)`);
  }
}

/** A refused or failed import's error in words, with its line unless the message already names it. */
export function importErrorText(error: string | null, errorLine: number | null): string {
  const text = error ?? "";
  return errorLine !== null && !text.includes(`line ${errorLine}`) ? `${text} (line ${errorLine})` : text;
}
