// Isomorphic, pure: durations and moments, one format wherever the app, the API's pages and the CLI
// show one (the overview's medians, an import's time left, the dashboards' UTC columns).

const UNITS = [
  { label: "d", seconds: 86_400 },
  { label: "h", seconds: 3600 },
  { label: "min", seconds: 60 },
  { label: "s", seconds: 1 },
] as const;

/**
 * "3 d 4 h", "5 h 20 min", "3 min 20 s", "42 s": the largest unit and the next one when it is
 * not zero, rounded down (a median of 12 min 59 s is not 13 min yet); "0 s" for zero or less.
 */
export function formatDuration(seconds: number): string {
  const total = Math.floor(Math.max(0, seconds));
  const first = UNITS.findIndex((u) => total >= u.seconds);
  if (first === -1) return "0 s";
  const big = UNITS[first]!;
  const parts = [`${Math.floor(total / big.seconds)} ${big.label}`];
  const next = UNITS[first + 1];
  const rest = next ? Math.floor((total % big.seconds) / next.seconds) : 0;
  if (next && rest > 0) parts.push(`${rest} ${next.label}`);
  return parts.join(" ");
}

/** "2026-11-25 09:12": a moment to the minute in UTC (the dashboards' columns say UTC); "—" for none. */
export function utcMinute(d: Date | null): string {
  return d === null ? "—" : d.toISOString().slice(0, 16).replace("T", " ");
}

/** "812 B", "8.0 kB", "1.5 MB", "2.3 GB": a size in decimal units (as df -H and the admin page show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 999.95 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
