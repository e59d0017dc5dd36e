-- cdr becomes a table partitioned by range on started_at, one partition per UTC calendar month
-- (cdr_pYYYY_MM) and a DEFAULT partition (cdr_default) so that no row is ever refused for want
-- of its month's partition. Verdicts are range joins on (number, started_at): they prune to the
-- one or two months around a ring, and retention (lib/cdr/retention.ts) detaches and drops whole
-- months instead of deleting rows. schema.prisma cannot say PARTITION BY; the model there
-- states the keys, which PostgreSQL requires to include the partition key (docs/scaling.md).
--
-- Existing rows move with INSERT … SELECT under an ACCESS EXCLUSIVE lock (imports wait; a
-- reader sees the old table or the new one, never half of it); ids are kept and cdr_id_seq goes
-- on from where it was.

-- The partitions of the listed months (first days of UTC months) that do not exist yet, each
-- created with the month's rows taken out of cdr_default first (a partition cannot be added
-- over rows the DEFAULT partition holds for its range) and then attached. Returns the names it
-- created. Shared by this migration and lib/cdr/partitions.ts, so both name and bound a month
-- alike. Partitions go in one at a time under an advisory lock: two app instances starting at
-- once would otherwise both find a month missing.
CREATE FUNCTION "cdr_ensure_partitions"(months date[]) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
  m date;
  part text;
  lo timestamptz;
  hi timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(7344);
  FOR m IN SELECT DISTINCT date_trunc('month', x)::date FROM unnest(months) AS x ORDER BY 1 LOOP
    part := 'cdr_p' || to_char(m, 'YYYY_MM');
    CONTINUE WHEN to_regclass(part) IS NOT NULL;
    lo := m::timestamp AT TIME ZONE 'UTC';
    hi := (m + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    EXECUTE format('CREATE TABLE %I (LIKE "cdr" INCLUDING DEFAULTS)', part);
    EXECUTE format(
      'WITH moved AS (DELETE FROM "cdr_default" WHERE "started_at" >= %L AND "started_at" < %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
      lo, hi, part);
    EXECUTE format('ALTER TABLE "cdr" ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
    RETURN NEXT part;
  END LOOP;
END $$;

LOCK TABLE "cdr" IN ACCESS EXCLUSIVE MODE;
ALTER TABLE "cdr" RENAME TO "cdr_unpartitioned";
ALTER INDEX "cdr_pkey" RENAME TO "cdr_unpartitioned_pkey";
ALTER INDEX "cdr_source_id_natural_key_key" RENAME TO "cdr_unpartitioned_natural_key";
ALTER INDEX "cdr_source_id_callee_number_started_at_idx" RENAME TO "cdr_unpartitioned_callee";
ALTER INDEX "cdr_source_id_endpoint_started_at_idx" RENAME TO "cdr_unpartitioned_endpoint";

CREATE TABLE "cdr" (
    "id" BIGINT NOT NULL DEFAULT nextval('cdr_id_seq'),
    "source_id" UUID NOT NULL,
    "import_id" UUID NOT NULL,
    "line" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "answered_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "duration_sec" DECIMAL(12,3),
    "bill_sec" DECIMAL(12,3),
    "caller_number" TEXT,
    "caller_name" TEXT,
    "caller_raw" TEXT NOT NULL,
    "callee_number" TEXT,
    "callee_raw" TEXT NOT NULL,
    "endpoint" TEXT,
    "disposition" "CdrDisposition" NOT NULL,
    "disposition_raw" TEXT NOT NULL,
    "context" TEXT,
    "unique_id" TEXT,
    "linked_id" TEXT,
    "natural_key" TEXT NOT NULL,

    CONSTRAINT "cdr_pkey" PRIMARY KEY ("id", "started_at")
) PARTITION BY RANGE ("started_at");
ALTER SEQUENCE "cdr_id_seq" OWNED BY "cdr"."id";

-- A unique index on a partitioned table must contain the partition key, so the de-duplication
-- key gains started_at. Its meaning does not change: natural_key leads with the start's wall
-- clock as written in the file (lib/cdr/normalise.ts naturalKey), and the same call in two
-- exports read in the same zone has the same started_at, so (source_id, natural_key) and
-- (source_id, natural_key, started_at) refuse the same rows. Only a re-import read in another
-- zone (a per-import time_zone override) gives the same key another started_at; the loader
-- skips those itself (lib/cdr/load.ts tests NOT EXISTS on (source_id, natural_key) across all
-- partitions, under the source's lock), as lib/cdr/partition.int.test.ts checks. The index's
-- (source_id, natural_key) prefix serves the loader's probes and that NOT EXISTS.
CREATE UNIQUE INDEX "cdr_source_id_natural_key_started_at_key" ON "cdr"("source_id", "natural_key", "started_at");
CREATE INDEX "cdr_source_id_callee_number_started_at_idx" ON "cdr"("source_id", "callee_number", "started_at");
CREATE INDEX "cdr_source_id_endpoint_started_at_idx" ON "cdr"("source_id", "endpoint", "started_at");

CREATE TABLE "cdr_default" PARTITION OF "cdr" DEFAULT;

SELECT "cdr_ensure_partitions"(array(
  SELECT DISTINCT date_trunc('month', "started_at" AT TIME ZONE 'UTC')::date FROM "cdr_unpartitioned"));
INSERT INTO "cdr" ("id", "source_id", "import_id", "line", "started_at", "answered_at", "ended_at", "duration_sec", "bill_sec", "caller_number", "caller_name", "caller_raw", "callee_number", "callee_raw", "endpoint", "disposition", "disposition_raw", "context", "unique_id", "linked_id", "natural_key")
  SELECT "id", "source_id", "import_id", "line", "started_at", "answered_at", "ended_at", "duration_sec", "bill_sec", "caller_number", "caller_name", "caller_raw", "callee_number", "callee_raw", "endpoint", "disposition", "disposition_raw", "context", "unique_id", "linked_id", "natural_key" FROM "cdr_unpartitioned";
DROP TABLE "cdr_unpartitioned";
ANALYZE "cdr";

-- The retention setting (months of CDRs kept; null keeps all), one row, edited on the admin
-- page; dropped_before is where the kept CDRs begin once months were dropped, so that coverage
-- (lib/matching/evaluate.ts) no longer counts an import's period before it.
CREATE TABLE "cdr_retention" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "months" INTEGER,
    "dropped_before" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" TEXT,

    CONSTRAINT "cdr_retention_pkey" PRIMARY KEY ("id")
);
