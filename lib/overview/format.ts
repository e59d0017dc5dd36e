// Isomorphic, pure: moments as the overview, queue and inbox show them (durations: lib/format.ts).

/** "2026-11-25 09:12": a moment to the minute in UTC (the dashboards' columns say UTC); "—" for none. */
export function utcMinute(d: Date | null): string {
  return d === null ? "—" : d.toISOString().slice(0, 16).replace("T", " ");
}
