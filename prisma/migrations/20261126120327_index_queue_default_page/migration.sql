-- DropIndex
DROP INDEX "customer_finding_level_score_idx";

-- CreateIndex
CREATE INDEX "customer_finding_level_score_last_no_record_at_customer_id_idx" ON "customer_finding"("level", "score", "last_no_record_at", "customer_id");
