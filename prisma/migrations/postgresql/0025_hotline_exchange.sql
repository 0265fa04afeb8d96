-- CreateTable
CREATE TABLE "HotlineOrder" (
    "orderId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "requestType" TEXT NOT NULL,
    "callerName" TEXT,
    "callerPhone" TEXT,
    "platformCategory" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "platformDeadline" TIMESTAMP(3),
    "requestHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HotlineOrder_pkey" PRIMARY KEY ("orderId")
);

-- CreateTable
CREATE TABLE "OutboundDelivery" (
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "eventSeq" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutboundDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "HotlineOrder_caseId_idx" ON "HotlineOrder"("caseId");

-- CreateIndex
CREATE INDEX "OutboundDelivery_status_nextAttemptAt_idx" ON "OutboundDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboundDelivery_eventSeq_idx" ON "OutboundDelivery"("eventSeq");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundDelivery_channel_externalId_seq_key" ON "OutboundDelivery"("channel", "externalId", "seq");
