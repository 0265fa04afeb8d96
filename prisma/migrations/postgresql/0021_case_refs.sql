-- CreateTable
CREATE TABLE "CaseRef" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseRef_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaseRef_caseId_idx" ON "CaseRef"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "CaseRef_channel_externalId_key" ON "CaseRef"("channel", "externalId");
