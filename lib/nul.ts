// PostgreSQL's text and jsonb cannot hold U+0000: a parameter or JSON value with one makes it
// refuse the whole statement (SQLSTATE 22021 / 22P05), which an API would answer with a 500.
// Input is checked for it at the boundary instead, and answered as the bad input it is.

/** Whether the text holds a NUL character. */
export const hasNul = (text: string): boolean => text.includes("\u0000");

/** The text with each NUL as U+FFFD, the replacement character: for text kept as read (a file's field, a reject's line). */
export const withoutNul = (text: string): string => (hasNul(text) ? text.replaceAll("\u0000", "\uFFFD") : text);

/**
 * Where the first NUL is in parsed JSON (in a string value or an object key), as a path of keys
 * and indexes as zod reports one (`["devices", 2, "label"]`); null when there is none.
 */
export function findNul(json: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof json === "string") return hasNul(json) ? path : null;
  if (Array.isArray(json)) {
    for (let i = 0; i < json.length; i++) {
      const found = findNul(json[i], [...path, i]);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof json === "object" && json !== null) {
    for (const [key, value] of Object.entries(json)) {
      if (hasNul(key)) return [...path, key];
      const found = findNul(value, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}
