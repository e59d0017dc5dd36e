-- CreateEnum
CREATE TYPE "CdrImportStatus" AS ENUM ('LOADED', 'REFUSED', 'FAILED');

-- CreateEnum
CREATE TYPE "CdrDisposition" AS ENUM ('ANSWERED', 'NO_ANSWER', 'BUSY', 'FAILED', 'OTHER');

-- CreateTable
CREATE TABLE "cdr_import" (
    "id" UUID NOT NULL,
    "source_id" UUID NOT NULL,
    "status" "CdrImportStatus" NOT NULL,
    "file_name" TEXT NOT NULL,
    "file_size" BIGINT NOT NULL,
    "sha256" TEXT,
    "format" TEXT,
    "imported_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "rows_read" INTEGER NOT NULL DEFAULT 0,
    "rows_inserted" INTEGER NOT NULL DEFAULT 0,
    "rows_duplicate" INTEGER NOT NULL DEFAULT 0,
    "rows_rejected" INTEGER NOT NULL DEFAULT 0,
    "warnings" INTEGER NOT NULL DEFAULT 0,
    "coverage_from" TIMESTAMPTZ(3),
    "coverage_to" TIMESTAMPTZ(3),
    "error" TEXT,
    "error_line" INTEGER,

    CONSTRAINT "cdr_import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cdr" (
    "id" BIGSERIAL NOT NULL,
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

    CONSTRAINT "cdr_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cdr_reject" (
    "id" BIGSERIAL NOT NULL,
    "import_id" UUID NOT NULL,
    "line" INTEGER NOT NULL,
    "raw" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "field" TEXT,

    CONSTRAINT "cdr_reject_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "cdr_import_source_id_created_at_idx" ON "cdr_import"("source_id", "created_at");

-- CreateIndex
CREATE INDEX "cdr_source_id_callee_number_started_at_idx" ON "cdr"("source_id", "callee_number", "started_at");

-- CreateIndex
CREATE INDEX "cdr_source_id_endpoint_started_at_idx" ON "cdr"("source_id", "endpoint", "started_at");

-- CreateIndex
CREATE INDEX "cdr_import_id_idx" ON "cdr"("import_id");

-- CreateIndex
CREATE UNIQUE INDEX "cdr_source_id_natural_key_key" ON "cdr"("source_id", "natural_key");

-- CreateIndex
CREATE INDEX "cdr_reject_import_id_line_idx" ON "cdr_reject"("import_id", "line");

-- AddForeignKey
ALTER TABLE "cdr_import" ADD CONSTRAINT "cdr_import_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "cdr_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cdr" ADD CONSTRAINT "cdr_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "cdr_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cdr" ADD CONSTRAINT "cdr_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "cdr_import"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cdr_reject" ADD CONSTRAINT "cdr_reject_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "cdr_import"("id") ON DELETE CASCADE ON UPDATE CASCADE;
