// Why a directory write was refused, per field, so a form shows it inline and
// the API answers it with the right status (400 bad input, 404 unknown, 409
// conflict with what is stored).
export class DirectoryError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly fieldErrors: Record<string, string[]>,
  ) {
    super(Object.entries(fieldErrors).map(([field, messages]) => `${field}: ${messages.join("; ")}`).join("\n"));
  }

  static of(status: 400 | 404 | 409, field: string, message: string) {
    return new DirectoryError(status, { [field]: [message] });
  }
}

/** What a form shows after a refused write: the fields' messages inline. */
export type DirectoryFormState = { ok?: string; error?: string; fieldErrors?: Record<string, string[] | undefined> };
