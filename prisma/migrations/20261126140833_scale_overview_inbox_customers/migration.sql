-- Issue 6: the overview, inbox and customers pages at 100,000 customers / 200,000 reports.
-- IF [NOT] EXISTS: on a large database these indexes can be built ahead with CREATE INDEX
-- CONCURRENTLY (no write lock; it cannot run inside a migration's transaction), under these
-- names, and the migration then only records them.

-- Trigram operator classes for the customers search (contrib, trusted since PostgreSQL 13: a
-- database owner may create it). Shipped with the embedded server and Debian's postgresql-15.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- DropIndex
DROP INDEX IF EXISTS "ghost_report_createdAt_idx";

-- DropIndex
DROP INDEX IF EXISTS "report_verdict_verdict_ring_at_idx";

-- CreateIndex
CREATE INDEX IF NOT EXISTS "customer_createdAt_idx" ON "customer"("createdAt");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "customer_account_trgm_idx" ON "customer" USING GIN ("account" gin_trgm_ops);

-- CreateIndex
CREATE INDEX IF NOT EXISTS "customer_name_trgm_idx" ON "customer" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX IF NOT EXISTS "customer_number_number_trgm_idx" ON "customer_number" USING GIN ("number" gin_trgm_ops);

-- CreateIndex
CREATE INDEX IF NOT EXISTS "ghost_report_createdAt_id_idx" ON "ghost_report"("createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "ghost_report_enteredBy_createdAt_id_idx" ON "ghost_report"("enteredBy", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "report_verdict_verdict_ring_at_customer_id_idx" ON "report_verdict"("verdict", "ring_at", "customer_id");
