-- CreateIndex
CREATE INDEX "ghost_report_ringAt_idx" ON "ghost_report"("ringAt");
