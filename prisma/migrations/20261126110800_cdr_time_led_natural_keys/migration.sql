-- Natural keys now lead with the call's start: its wall clock as written in the file (epoch for
-- CUCM and epoch-mapped sources), in seconds + 2^34, as 10 hex digits, followed by the first 128
-- bits of the sha256 the parser made before (lib/cdr/normalise.ts naturalKey). Keys arriving in
-- time order append to the unique (source_id, natural_key) index instead of hitting a random
-- leaf page per row. Rewrites existing keys the same way, so re-importing a file loaded before
-- this migration still adds no duplicates. The wall clock is started_at read in the zone the
-- import used (its own time_zone, else its source's); rows of files written with an explicit
-- UTC offset in the time (rare) get the zone's wall clock here and their UTC time in the parser.
UPDATE "cdr" AS c
SET "natural_key" = lpad(to_hex(floor(extract(epoch FROM
      CASE WHEN i."format" = 'cucm' OR s."mapping"->>'dateFormat' IN ('epoch', 'epoch-ms')
           THEN c."started_at" AT TIME ZONE 'UTC'
           ELSE c."started_at" AT TIME ZONE coalesce(i."time_zone", s."timeZone") END))::bigint + 17179869184), 10, '0')
    || left(c."natural_key", 32)
FROM "cdr_import" AS i
JOIN "cdr_source" AS s ON s."id" = i."source_id"
WHERE i."id" = c."import_id" AND c."natural_key" ~ '^[0-9a-f]{64}$';
