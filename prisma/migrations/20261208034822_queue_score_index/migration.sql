-- CreateIndex
CREATE INDEX "customer_finding_score_last_no_record_at_customer_id_idx" ON "customer_finding"("score", "last_no_record_at", "customer_id");
