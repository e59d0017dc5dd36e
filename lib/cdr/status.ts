// An import's lifecycle as the pages, the API and the polling client read it (isomorphic: the
// progress component runs it in the browser): QUEUED → RUNNING → LOADED / REFUSED / FAILED.

export type CdrImportStatus = "QUEUED" | "RUNNING" | "LOADED" | "REFUSED" | "FAILED";

/** LOADED, REFUSED or FAILED: no job will change it any more (only a retry of a FAILED one). */
export function isImportFinished(status: CdrImportStatus): boolean {
  return status === "LOADED" || status === "REFUSED" || status === "FAILED";
}

/**
 * FAILED with its upload still kept (upload_path): POST /api/v1/cdr-imports/{id}/retry can run
 * it again. A LOADED or REFUSED import's upload is removed, and retrying a refused file would
 * only refuse it again.
 */
export function isImportRetryable(i: { status: CdrImportStatus; uploadPath: string | null }): boolean {
  return i.status === "FAILED" && i.uploadPath !== null;
}
