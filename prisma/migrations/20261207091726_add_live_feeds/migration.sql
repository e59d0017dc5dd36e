-- CreateEnum
CREATE TYPE "CdrFeedSegmentStatus" AS ENUM ('UP', 'GAP');

-- AlterTable
ALTER TABLE "cdr_import" ADD COLUMN     "feed_day" DATE;

-- AlterTable
ALTER TABLE "cdr_source" ADD COLUMN     "amiHost" TEXT,
ADD COLUMN     "amiPort" INTEGER,
ADD COLUMN     "amiSecret" TEXT,
ADD COLUMN     "amiUsername" TEXT,
ADD COLUMN     "feedError" TEXT,
ADD COLUMN     "feedErrorAt" TIMESTAMPTZ(3),
ADD COLUMN     "feedQuietMinutes" INTEGER NOT NULL DEFAULT 15,
ADD COLUMN     "feedSecretHash" TEXT,
ADD COLUMN     "feedSecretPrefix" TEXT;

-- CreateTable
CREATE TABLE "cdr_feed_segment" (
    "id" BIGSERIAL NOT NULL,
    "source_id" UUID NOT NULL,
    "status" "CdrFeedSegmentStatus" NOT NULL,
    "from_at" TIMESTAMPTZ(3) NOT NULL,
    "to_at" TIMESTAMPTZ(3) NOT NULL,
    "via" TEXT NOT NULL,
    "cdrs" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT,

    CONSTRAINT "cdr_feed_segment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "cdr_feed_segment_source_id_to_at_idx" ON "cdr_feed_segment"("source_id", "to_at");

-- CreateIndex
CREATE UNIQUE INDEX "cdr_import_source_id_feed_day_key" ON "cdr_import"("source_id", "feed_day");

-- AddForeignKey
ALTER TABLE "cdr_feed_segment" ADD CONSTRAINT "cdr_feed_segment_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "cdr_source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "ghost_report_number_ringAt_idx" ON "ghost_report"("number", "ringAt");
