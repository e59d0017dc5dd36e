// The synthetic dataset of bench:match and bench:dashboard, generated set-based in SQL
// (generate_series) into a fresh, migrated bench database: CDR sources with one LOADED import
// each covering `months` periods of 30 days from `base` (one unless --months says more), customers
// with two DIDs and `extensions` extensions each (and optionally a phone each), N CDRs over that
// period and R ghost reports. cdr's monthly partitions for the period are created first. Every id and number
// derives from the row's index, so the same spec always gives the same rows (but for the
// gen_random_uuid() ids and now() stamps), and rows refer to each other without joins.
import type pg from "pg";
import { duration, fmt, positiveInt } from "./common.ts";

/** One month of the dataset: 30 days. */
export const PERIOD_SECONDS = 30 * 24 * 3600;

export interface DatasetSpec {
  /** Start of the period the imports cover and the CDRs and reports fall in. */
  base: Date;
  /** The period's length in seconds: `months` × 30 days (--months, default 1). */
  periodSeconds: number;
  sources: number;
  customers: number;
  cdrs: number;
  reports: number;
  /** Customer c's account is this prefix and c on seven digits. */
  accountPrefix: string;
  /** Extensions per customer, each rung by its share of the customer's inbound CDRs. */
  extensions: number;
  /** Every tenth customer also on the next source (customers spanning two PBXs). */
  secondSource: boolean;
  /** One phone per customer, from the remediation catalog's vendors (the queue's vendor column). */
  devices: boolean;
  /**
   * The odd reports (random times) go to every n-th customer only: 1 spreads them over all
   * customers; 10 piles them on one customer in ten, the "scanned" ones that fill the queue.
   */
  randomReportsEveryNthCustomer: number;
  /** One odd report in n carries the scanner caller ID "100". */
  scannerCallerIdEvery: number;
}

/** The command-line options that size the dataset (for parseArgs), the same in every bench. */
export const DATASET_OPTIONS = {
  customers: { type: "string" },
  cdrs: { type: "string" },
  reports: { type: "string" },
  sources: { type: "string", default: "50" },
  months: { type: "string", default: "1" },
  small: { type: "boolean", default: false },
} as const;

type Sizes = Pick<DatasetSpec, "customers" | "cdrs" | "reports">;
type Shape = Omit<DatasetSpec, "sources" | "periodSeconds" | keyof Sizes>;

/**
 * The spec from DATASET_OPTIONS' values (sizes not given default to `defaults.small` under
 * --small, `defaults.full` otherwise) and the bench's own shape; exits with why when a size is
 * not a positive integer or the sizes do not fit the number plan.
 */
export function datasetSpec(
  values: { customers?: string; cdrs?: string; reports?: string; sources?: string; months?: string; small?: boolean },
  defaults: { small: Sizes; full: Sizes },
  shape: Shape,
): DatasetSpec {
  const sizes = values.small ? defaults.small : defaults.full;
  const spec: DatasetSpec = {
    ...shape,
    customers: positiveInt("customers", values.customers, sizes.customers),
    cdrs: positiveInt("cdrs", values.cdrs, sizes.cdrs),
    reports: positiveInt("reports", values.reports, sizes.reports),
    sources: positiveInt("sources", values.sources, 50),
    periodSeconds: positiveInt("months", values.months, 1) * PERIOD_SECONDS,
  };
  // Extensions are 10000 + (customer / sources) * extensions + j: five digits, unique per source.
  if (Math.floor((spec.customers - 1) / spec.sources) * spec.extensions + spec.extensions - 1 > 89_999) {
    console.error(`--customers ${spec.customers} is too many for ${spec.sources} sources (at most ${Math.floor(90_000 / spec.extensions) * spec.sources})`);
    process.exit(1);
  }
  // DIDs are +1312 and customer * 2 + j on seven digits.
  if (spec.customers * 2 > 9_999_999) {
    console.error("--customers must be under 5,000,000");
    process.exit(1);
  }
  return spec;
}

/** Customer c's account, as the generated customer row has it. */
export const accountOf = (spec: DatasetSpec, c: number) => `${spec.accountPrefix}${String(c).padStart(7, "0")}`;
/** Customer c's DID j (0 or 1), as the generated customer_number row has it. */
export const didOf = (c: number, j: number) => `+1312${String(c * 2 + j).padStart(7, "0")}`;

/** Runs one statement and prints its time (and row count, for an INSERT). */
export async function timed(label: string, db: pg.Client, sql: string, params: unknown[] = []): Promise<void> {
  const t = performance.now();
  const result = await db.query(sql, params);
  console.log(`  ${label}: ${duration(performance.now() - t)}${result.command === "INSERT" ? ` (${fmt(result.rowCount ?? 0)} rows)` : ""}`);
}

// Deterministic ids and numbers as SQL expressions of an index.
const SOURCE_ID = (s: string) => `md5('src' || (${s}))::uuid`;
const IMPORT_ID = (s: string) => `md5('imp' || (${s}))::uuid`;
const CUSTOMER_ID = (c: string) => `md5('cust' || (${c}))::uuid`;
const DID = (c: string, j: string) => `'+1312' || lpad(((${c}) * 2 + (${j}))::text, 7, '0')`;

export async function generateDataset(db: pg.Client, spec: DatasetSpec): Promise<void> {
  const { sources: SOURCES, extensions: EXTENSIONS } = spec;
  const EXTENSION = (c: string, j: string) => `(10000 + ((${c}) / ${SOURCES}) * ${EXTENSIONS} + (${j}))::text`;

  await db.query("set maintenance_work_mem = '512MB'");
  // The partitions of every UTC month the period touches (a fresh database has none, and rows
  // in cdr_default would be searched unpruned).
  await timed(
    "cdr partitions",
    db,
    `select cdr_ensure_partitions(array(
       select generate_series(date_trunc('month', $1::timestamptz at time zone 'UTC'),
                              ($1::timestamptz + make_interval(secs => $2)) at time zone 'UTC', interval '1 month')::date))`,
    [spec.base, spec.periodSeconds],
  );
  await timed(
    "sources + imports",
    db,
    `with s as (select s from generate_series(0, $1::int - 1) s),
     src as (
       insert into cdr_source (id, name, format, "timeZone", "defaultCountry", "updatedAt")
       select ${SOURCE_ID("s")}, 'pbx-' || lpad(s::text, 3, '0'), 'asterisk', 'UTC', 'US', now() from s
       returning id)
     insert into cdr_import (id, source_id, status, file_name, file_size, imported_by, finished_at,
                             rows_read, rows_inserted, unanswered_rows, coverage_from, coverage_to)
     select ${IMPORT_ID("s")}, ${SOURCE_ID("s")}, 'LOADED', 'Master-' || s || '.csv', 0, 'bench', now(),
            $2::int, $2::int, $2::int * 3 / 10, $3::timestamptz, $3::timestamptz + make_interval(secs => $4)
     from s where exists (select 1 from src)`,
    [SOURCES, Math.round(spec.cdrs / SOURCES), spec.base, spec.periodSeconds],
  );
  await timed(
    "customers",
    db,
    `insert into customer (id, account, name, "timeZone", "updatedAt")
     select ${CUSTOMER_ID("c")}, $2::text || lpad(c::text, 7, '0'), 'Customer ' || c,
            (array['America/Chicago', 'America/New_York', 'Europe/London'])[1 + c % 3], now()
     from generate_series(0, $1::int - 1) c`,
    [spec.customers, spec.accountPrefix],
  );
  // Every customer on source c % SOURCES (with secondSource, every tenth also on the next one).
  await timed(
    "customer sources",
    db,
    `insert into customer_source ("customerId", "sourceId")
     select ${CUSTOMER_ID("c")}, ${SOURCE_ID(`c % ${SOURCES}`)} from generate_series(0, $1::int - 1) c
     ${spec.secondSource ? `union all select ${CUSTOMER_ID("c")}, ${SOURCE_ID(`(c + 1) % ${SOURCES}`)} from generate_series(0, $1::int - 1) c where c % 10 = 0 and ${SOURCES} > 1` : ""}`,
    [spec.customers],
  );
  await timed(
    "customer numbers",
    db,
    `insert into customer_number (id, "customerId", kind, number, "sourceId", raw)
     select gen_random_uuid(), ${CUSTOMER_ID("c")}, 'DID'::"NumberKind", ${DID("c", "j")}, null, substr(${DID("c", "j")}, 3)
     from generate_series(0, $1::int - 1) c, generate_series(0, 1) j
     union all
     select gen_random_uuid(), ${CUSTOMER_ID("c")}, 'EXTENSION'::"NumberKind", ${EXTENSION("c", "j")}, ${SOURCE_ID(`c % ${SOURCES}`)}, ${EXTENSION("c", "j")}
     from generate_series(0, $1::int - 1) c, generate_series(0, $2::int - 1) j`,
    [spec.customers, EXTENSIONS],
  );
  if (spec.devices) {
    await timed(
      "devices",
      db,
      `insert into device (id, "customerId", vendor, model, firmware, mac, extension, "updatedAt")
       select gen_random_uuid(), ${CUSTOMER_ID("c")},
              (array['yealink', 'polycom', 'grandstream', 'snom'])[1 + c % 4],
              (array['T46G', 'VVX410', 'GXP2170', 'D345'])[1 + c % 4],
              (array['28.73.0.50', '5.9.5', '1.0.11.3', '10.1.54.13'])[1 + c % 4],
              '02' || lpad(to_hex(c), 10, '0'), ${EXTENSION("c", "0")}, now()
       from generate_series(0, $1::int - 1) c`,
      [spec.customers],
    );
  }

  // The cdr table's secondary indexes and foreign keys, dropped for the load and rebuilt after
  // it (set-based builds are several times faster than row-by-row maintenance), exactly as the
  // migrations defined them. pg_indexes writes a partitioned table's index as CREATE INDEX … ON
  // ONLY cdr, which would build no partition's index (and leave the parent's invalid: no ON
  // CONFLICT target, no index scans): without ONLY it builds every partition's.
  const { rows: indexes } = await db.query<{ name: string; def: string }>(
    `select indexname as name, replace(indexdef, ' ON ONLY ', ' ON ') as def from pg_indexes
     where schemaname = current_schema() and tablename = 'cdr' and indexname <> 'cdr_pkey'`,
  );
  const { rows: fks } = await db.query<{ name: string; def: string }>(
    `select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
     where conrelid = 'cdr'::regclass and contype = 'f'`,
  );
  for (const fk of fks) await db.query(`alter table cdr drop constraint "${fk.name}"`);
  for (const index of indexes) await db.query(`drop index "${index.name}"`);

  // CDR i: customer by a multiplicative hash, on the customer's first source; times spread
  // evenly over the period; the rest from a second, independent hash h (so that no source gets
  // only one kind of call): 80% inbound to one of the customer's DIDs (ringing one of its
  // extensions), 20% outbound from a DID, external numbers never in 312; dispositions 70%
  // answered, 15% no answer, 8% busy, 5% failed, 2% other.
  await timed(
    "cdrs",
    db,
    `insert into cdr (id, source_id, import_id, line, started_at, answered_at, ended_at, duration_sec, bill_sec,
                      caller_number, caller_name, caller_raw, callee_number, callee_raw, endpoint,
                      disposition, disposition_raw, context, unique_id, linked_id, natural_key)
     select i, ${SOURCE_ID(`c % ${SOURCES}`)}, ${IMPORT_ID(`c % ${SOURCES}`)}, i, t,
            case when d < 70 then t + interval '5 seconds' end,
            t + make_interval(secs => dur),
            dur, case when d < 70 then dur - 5 else 0 end,
            case when inbound then ext_caller else did end,
            null,
            '"" <' || case when inbound then ext_caller else did end || '>',
            case when inbound then did else ext_caller end,
            case when inbound then substr(did, 3) else substr(ext_caller, 3) end,
            case when inbound then ${EXTENSION("c", `(h / 1000) % ${EXTENSIONS}`)} end,
            (case when d < 70 then 'ANSWERED' when d < 85 then 'NO_ANSWER' when d < 93 then 'BUSY'
                  when d < 98 then 'FAILED' else 'OTHER' end)::"CdrDisposition",
            case when d < 70 then 'ANSWERED' when d < 85 then 'NO ANSWER' when d < 93 then 'BUSY'
                 when d < 98 then 'FAILED' else 'CONGESTION' end,
            case when inbound then 'from-pstn' else 'from-internal' end,
            '1767225600.' || i, '1767225600.' || i, '1767225600.' || i
     from (
       select i, c, d, inbound, h, 5 + (h / 100000) % 300 as dur,
              $1::timestamptz + make_interval(secs => i::float8 * $3::float8 / $2::bigint) as t,
              ${DID("c", "(h / 500) % 2")} as did,
              '+1' || (4150000000 + (i * 104729) % 5000000000)::text as ext_caller
       from (
         select i, h, ((i * 2654435761) % 4294967296 % $4::bigint)::int as c, (h % 100)::int as d, (h / 100) % 5 <> 0 as inbound
         from (select i, (i * 2246822519) % 4294967291 as h from generate_series(1::bigint, $2::bigint) i) i
       ) g
     ) x`,
    [spec.base, spec.cdrs, spec.periodSeconds, spec.customers],
  );
  await db.query(`select setval(pg_get_serial_sequence('cdr', 'id'), $1)`, [spec.cdrs]);
  const t = performance.now();
  for (const index of indexes) await db.query(index.def);
  for (const fk of fks) await db.query(`alter table cdr add constraint "${fk.name}" ${fk.def}`);
  console.log(`  cdr indexes + foreign keys (${indexes.length} + ${fks.length}): ${duration(performance.now() - t)}`);

  // Even k: at the time (±2 min) of the first inbound CDR from i(k) on, one in ten of those by
  // extension. Odd k: a customer by a hash, rounded down to every n-th one, one of its DIDs, a
  // random time in the period (these may still hit a CDR), one in scannerCallerIdEvery with
  // caller ID "100".
  await timed(
    "reports",
    db,
    `insert into ghost_report (id, "customerId", number, "numberRaw", "ringAt", "windowMinutes", "callerId", ticket, "enteredBy")
     select gen_random_uuid(), ${CUSTOMER_ID("substr(cdr.callee_number, 6)::int / 2")},
            case when k % 20 = 0 then cdr.endpoint else cdr.callee_number end,
            case when k % 20 = 0 then cdr.endpoint else substr(cdr.callee_number, 3) end,
            cdr.started_at + make_interval(secs => (k * 37) % 241 - 120), 5, null, 'GL-' || k, 'bench'
     from (select k, least(1 + (k / 2) * greatest($2::bigint / (($1::bigint + 1) / 2), 1) + (k / 2) % 7, $2::bigint - 1) as i
           from generate_series(0::bigint, $1::bigint - 1, 2) k) p
     cross join lateral (select * from cdr where cdr.id >= p.i and cdr.endpoint is not null order by cdr.id limit 1) cdr
     union all
     select gen_random_uuid(), ${CUSTOMER_ID("c")}, ${DID("c", "k % 2")}, substr(${DID("c", "k % 2")}, 3),
            $3::timestamptz + make_interval(secs => (k * 7777777) % $4::bigint), 5,
            case when k % $7::int = 1 then '100' end, 'GL-' || k, 'bench'
     from (select k, ((((k / 2) * 2654435761) % greatest($5::bigint / $6::int, 1)) * $6::int)::int as c
           from generate_series(1::bigint, $1::bigint - 1, 2) k) q`,
    [spec.reports, spec.cdrs, spec.base, spec.periodSeconds, spec.customers, spec.randomReportsEveryNthCustomer, spec.scannerCallerIdEvery],
  );
  await timed("analyze", db, "analyze");
}
