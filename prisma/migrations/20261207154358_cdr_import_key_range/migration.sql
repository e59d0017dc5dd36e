-- Each import's lowest and highest natural key, so that a load decides whether a batch may
-- repeat a committed call without asking cdr while its own uncommitted rows fill the same
-- partitions: that probe's plan followed statistics an autovacuum ANALYZE had taken during the
-- load (reltuples 0 over a partition holding ~900k of the load's uncommitted rows), chose the
-- (source_id, endpoint, started_at) index with the key range as a filter, and read every heap
-- page of those rows for each batch (bench:ingest, 5M rows, PostgreSQL 17: 7–11 s a probe,
-- 400 s a load). See lib/cdr/load.ts.
ALTER TABLE "cdr_import" ADD COLUMN     "max_natural_key" TEXT,
ADD COLUMN     "min_natural_key" TEXT;

-- Existing imports: one pass over cdr (it takes as long as reading the table once).
UPDATE "cdr_import" i
SET "min_natural_key" = r.min_key, "max_natural_key" = r.max_key
FROM (SELECT "import_id", min("natural_key") AS min_key, max("natural_key") AS max_key FROM "cdr" GROUP BY "import_id") r
WHERE r."import_id" = i."id";
