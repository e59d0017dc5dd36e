-- CreateIndex
CREATE INDEX "cdr_import_source_id_coverage_from_idx" ON "cdr_import"("source_id", "coverage_from");

-- CreateIndex
CREATE INDEX "ghost_report_createdAt_idx" ON "ghost_report"("createdAt");
