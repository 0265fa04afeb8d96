-- CreateTable
CREATE TABLE "HotlineOrder" (
    "orderId" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "requestType" TEXT NOT NULL,
    "callerName" TEXT,
    "callerPhone" TEXT,
    "platformCategory" TEXT,
    "receivedAt" DATETIME NOT NULL,
    "platformDeadline" DATETIME,
    "requestHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OutboundDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "eventSeq" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "lastError" TEXT,
    "deliveredAt" DATETIME,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "HotlineOrder_caseId_idx" ON "HotlineOrder"("caseId");

-- CreateIndex
CREATE INDEX "OutboundDelivery_status_nextAttemptAt_idx" ON "OutboundDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboundDelivery_eventSeq_idx" ON "OutboundDelivery"("eventSeq");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundDelivery_channel_externalId_seq_key" ON "OutboundDelivery"("channel", "externalId", "seq");
