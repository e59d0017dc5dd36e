// Isomorphic (no Node imports): the one check of a time zone name, for customers, CDR sources,
// imports and parsing alike.
import * as z from "zod";

/** The canonical IANA name for `zone` (e.g. `europe/paris` → `Europe/Paris`), or null if unknown. */
export function canonicalTimeZone(zone: string): string | null {
  if (zone.trim() === "") return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

// Time zones the runtime knows (IANA names), stored as the runtime spells them
// (america/chicago → America/Chicago); a typo would silently shift every local
// time read in that zone, so it is refused.
export const timeZoneSchema = z
  .string()
  .trim()
  .transform((zone, ctx) => {
    const canonical = canonicalTimeZone(zone);
    if (canonical === null) {
      ctx.addIssue({ code: "custom", message: `Unknown IANA time zone "${zone}" (e.g. America/New_York, Europe/Paris, UTC)` });
      return z.NEVER;
    }
    return canonical;
  });
