import "server-only";
// cdr's monthly partitions (migration 20261126150000_partition_cdr_by_month). The app creates
// them ahead: at `ghostline db migrate` and serve, the current UTC month, MONTHS_AHEAD more and
// MONTHS_BACK before it (not before the retention's cutoff), so that a day's imports, and last
// month's or last year's exports loaded late, go straight into their month: a row that lands in
// cdr_default is written twice (the move below). A row whose month has no partition yet
// (an old export, a PBX clock years off) is not refused: it lands in cdr_default, and the next
// ensureCdrPartitions (after every LOADED import, see run.ts / the CLI) moves the rows of each
// month found there into a new partition of their own. Creating every month up front from the
// earliest CDR instead would make a partition for each month of a stray 1970 timestamp's gap.
import { prisma } from "@/lib/db/client.ts";

/** Months created ahead of the current one: a quarter, so a stopped scheduler has time to be noticed. */
export const MONTHS_AHEAD = 3;
/** Months created before the current one: a year of exports loaded late (a backfill). */
export const MONTHS_BACK = 12;

const PARTITION_NAME = /^cdr_p(\d{4})_(\d{2})$/;

export interface CdrPartition {
  name: string;
  /** First instant of the UTC month it holds; null for the DEFAULT partition. */
  from: Date | null;
  /** First instant after it; null for the DEFAULT partition. */
  to: Date | null;
  /** The planner's estimate (pg_class.reltuples); null until the partition is first analysed. */
  rowsEstimate: number | null;
  /** Table, indexes and TOAST. */
  bytes: number;
}

/** The UTC month starting at `month` (a month's first instant), `by` months on. */
export function addMonths(month: Date, by: number): Date {
  return new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + by, 1));
}

/** The first instant of the UTC month holding `at`. */
export function monthOf(at: Date): Date {
  return addMonths(at, 0);
}

/** A partition's month from its name (cdr_pYYYY_MM, as cdr_ensure_partitions names them); null for any other. */
export function partitionMonth(name: string): Date | null {
  const m = PARTITION_NAME.exec(name);
  return m === null ? null : new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
}

/**
 * Creates the missing partitions of the current UTC month, `monthsAhead` months after it,
 * `monthsBack` before it (from the retention's cutoff at the earliest), and
 * every month cdr_default holds rows of (those rows move into it); returns the names created.
 * The SQL function does the work under an advisory lock, so instances starting at once agree.
 */
export async function ensureCdrPartitions(options: { now?: Date; monthsAhead?: number; monthsBack?: number } = {}): Promise<string[]> {
  const now = monthOf(options.now ?? new Date());
  const ahead = options.monthsAhead ?? MONTHS_AHEAD;
  // Not before the retention's cutoff: those months were dropped on purpose.
  const [retention] = await prisma.$queryRaw<{ dropped_before: Date | null }[]>`select dropped_before from cdr_retention where id = 1`;
  const droppedBefore = retention?.dropped_before ?? null;
  let first = addMonths(now, -(options.monthsBack ?? MONTHS_BACK));
  if (droppedBefore !== null && droppedBefore > first) {
    // The first month wholly kept: the cutoff's own month when it starts it, else the next.
    const cutoffMonth = monthOf(droppedBefore);
    first = cutoffMonth < droppedBefore ? addMonths(cutoffMonth, 1) : cutoffMonth;
  }
  const rows = await prisma.$queryRaw<{ name: string }[]>`
    select cdr_ensure_partitions(array(
      select date_trunc('month', started_at at time zone 'UTC')::date from cdr_default group by 1
      union all
      select generate_series(${first}::timestamptz at time zone 'UTC', (${now}::timestamptz at time zone 'UTC') + make_interval(months => ${ahead}::int), interval '1 month')::date
    )) as name`;
  return rows.map((r) => r.name);
}

/** cdr's partitions, oldest month first, the DEFAULT partition last. */
export async function listCdrPartitions(): Promise<CdrPartition[]> {
  const rows = await prisma.$queryRaw<{ name: string; tuples: number; bytes: bigint }[]>`
    select c.relname as name, c.reltuples::float8 as tuples, pg_total_relation_size(c.oid) as bytes
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'cdr'::regclass`;
  return rows
    .map((r) => {
      const from = partitionMonth(r.name);
      return { name: r.name, from, to: from === null ? null : addMonths(from, 1), rowsEstimate: r.tuples < 0 ? null : Math.round(r.tuples), bytes: Number(r.bytes) };
    })
    .sort((a, b) => (a.from?.getTime() ?? Number.POSITIVE_INFINITY) - (b.from?.getTime() ?? Number.POSITIVE_INFINITY));
}
