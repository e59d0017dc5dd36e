// Isomorphic, pure: times and durations as the overview, queue and inbox show them.

/** "3 d 4 h", "5 h 20 min", "12 min"; two units at most, rounded down. */
export function formatDuration(seconds: number): string {
  const minutes = Math.floor(Math.max(0, seconds) / 60);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return mins > 0 ? `${hours} h ${mins} min` : `${hours} h`;
  return `${mins} min`;
}

/** "2026-11-25 09:12": a moment to the minute in UTC (the dashboards' columns say UTC); "—" for none. */
export function utcMinute(d: Date | null): string {
  return d === null ? "—" : d.toISOString().slice(0, 16).replace("T", " ");
}
