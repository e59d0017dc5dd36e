// Isomorphic (no server-only): the upload form names a file exactly as the server does, so the
// name a person sees in the form is the name the import gets.

/** Longest file name kept: the common file-system limit (ext4, NTFS, APFS: 255). */
export const MAX_FILE_NAME = 255;

/**
 * A file name as a browser or an API client sent it: its last path segment (old browsers and
 * some clients send the full Windows or POSIX path, RFC 7578 §4.2), without control characters,
 * trimmed, at most MAX_FILE_NAME characters; null when nothing is left.
 */
export function cleanFileName(name: string): string | null {
  const cleaned = (name.split(/[\\/]/).pop() ?? "").replace(/\p{Cc}/gu, "").trim().slice(0, MAX_FILE_NAME);
  return cleaned === "" ? null : cleaned;
}
