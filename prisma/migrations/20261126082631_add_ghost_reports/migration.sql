-- CreateTable
CREATE TABLE "ghost_report" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "numberRaw" TEXT NOT NULL,
    "ringAt" TIMESTAMPTZ(3) NOT NULL,
    "windowMinutes" INTEGER NOT NULL DEFAULT 5,
    "callerId" TEXT,
    "ticket" TEXT,
    "notes" TEXT,
    "enteredBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ghost_report_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ghost_report_customerId_ringAt_idx" ON "ghost_report"("customerId", "ringAt");

-- CreateIndex
CREATE INDEX "ghost_report_ticket_idx" ON "ghost_report"("ticket");

-- AddForeignKey
ALTER TABLE "ghost_report" ADD CONSTRAINT "ghost_report_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
