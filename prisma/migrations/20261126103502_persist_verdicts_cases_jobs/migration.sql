-- CreateEnum
CREATE TYPE "Verdict" AS ENUM ('PBX_RECORD_FOUND', 'NO_PBX_RECORD', 'NO_COVERAGE');

-- CreateEnum
CREATE TYPE "FindingLevel" AS ENUM ('LIKELY_SCANNED', 'POSSIBLE', 'NOT_INDICATED');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('NEW', 'INVESTIGATING', 'REMEDIATION_SENT', 'VERIFYING', 'RESOLVED', 'FALSE_POSITIVE');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "CdrImportStatus" ADD VALUE 'QUEUED';
ALTER TYPE "CdrImportStatus" ADD VALUE 'RUNNING';

-- AlterTable
ALTER TABLE "cdr_import" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "job_id" TEXT,
ADD COLUMN     "messages" JSONB,
ADD COLUMN     "progress_bytes" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "progress_rows" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "requested_format" TEXT,
ADD COLUMN     "started_at" TIMESTAMPTZ(3),
ADD COLUMN     "time_zone" TEXT,
ADD COLUMN     "unanswered_rows" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "upload_path" TEXT;

-- CreateTable
CREATE TABLE "report_verdict" (
    "report_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "ring_at" TIMESTAMPTZ(3) NOT NULL,
    "verdict" "Verdict" NOT NULL,
    "matched_cdr_id" BIGINT,
    "scanner_reached_pbx" BOOLEAN NOT NULL DEFAULT false,
    "sources" JSONB NOT NULL,
    "evaluated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_verdict_pkey" PRIMARY KEY ("report_id")
);

-- CreateTable
CREATE TABLE "customer_finding" (
    "customer_id" UUID NOT NULL,
    "level" "FindingLevel" NOT NULL,
    "score" INTEGER NOT NULL,
    "evidence" JSONB NOT NULL,
    "no_record_rings" INTEGER NOT NULL DEFAULT 0,
    "first_no_record_at" TIMESTAMPTZ(3),
    "last_no_record_at" TIMESTAMPTZ(3),
    "sweep_with" TEXT[],
    "evaluated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_finding_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "cases" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "customer_id" UUID NOT NULL,
    "open_customer_id" UUID,
    "status" "CaseStatus" NOT NULL DEFAULT 'NEW',
    "assignee_id" TEXT,
    "recurrences" INTEGER NOT NULL DEFAULT 0,
    "last_recurrence_at" TIMESTAMPTZ(3),
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "remediation_sent_at" TIMESTAMPTZ(3),
    "verifying_since" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "remediation" (
    "id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "case_id" UUID,
    "device_id" UUID,
    "vendor" TEXT NOT NULL,
    "model" TEXT,
    "firmware" TEXT NOT NULL,
    "actions" TEXT[],
    "params" JSONB NOT NULL,
    "syntax" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    "sent_by" TEXT,

    CONSTRAINT "remediation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "report_verdict_customer_id_verdict_ring_at_idx" ON "report_verdict"("customer_id", "verdict", "ring_at");

-- CreateIndex
CREATE INDEX "report_verdict_verdict_ring_at_idx" ON "report_verdict"("verdict", "ring_at");

-- CreateIndex
CREATE INDEX "customer_finding_level_score_idx" ON "customer_finding"("level", "score");

-- CreateIndex
CREATE INDEX "customer_finding_last_no_record_at_idx" ON "customer_finding"("last_no_record_at");

-- CreateIndex
CREATE UNIQUE INDEX "cases_number_key" ON "cases"("number");

-- CreateIndex
CREATE UNIQUE INDEX "cases_open_customer_id_key" ON "cases"("open_customer_id");

-- CreateIndex
CREATE INDEX "cases_status_updated_at_idx" ON "cases"("status", "updated_at");

-- CreateIndex
CREATE INDEX "cases_assignee_id_status_idx" ON "cases"("assignee_id", "status");

-- CreateIndex
CREATE INDEX "cases_customer_id_opened_at_idx" ON "cases"("customer_id", "opened_at");

-- CreateIndex
CREATE INDEX "remediation_customer_id_created_at_idx" ON "remediation"("customer_id", "created_at");

-- CreateIndex
CREATE INDEX "remediation_case_id_idx" ON "remediation"("case_id");

-- AddForeignKey
ALTER TABLE "report_verdict" ADD CONSTRAINT "report_verdict_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "ghost_report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_finding" ADD CONSTRAINT "customer_finding_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "remediation" ADD CONSTRAINT "remediation_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "remediation" ADD CONSTRAINT "remediation_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "remediation" ADD CONSTRAINT "remediation_device_id_fkey" FOREIGN KEY ("device_id") REFERENCES "device"("id") ON DELETE SET NULL ON UPDATE CASCADE;
