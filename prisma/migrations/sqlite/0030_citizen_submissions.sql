-- CreateTable
CREATE TABLE "CitizenSubmission" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trackingCode" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "categoryCode" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "lon" REAL NOT NULL,
    "lat" REAL NOT NULL,
    "address" TEXT,
    "gridCode" TEXT NOT NULL,
    "villageCode" TEXT NOT NULL,
    "townshipCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "contactPhoneMasked" TEXT,
    "caseId" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "rejectReason" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CitizenSubmissionPhoto" (
    "attachmentId" TEXT NOT NULL PRIMARY KEY,
    "submissionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "CitizenSubmission_trackingCode_key" ON "CitizenSubmission"("trackingCode");

-- CreateIndex
CREATE UNIQUE INDEX "CitizenSubmission_idempotencyKey_key" ON "CitizenSubmission"("idempotencyKey");

-- CreateIndex
CREATE INDEX "CitizenSubmission_villageCode_status_createdAt_idx" ON "CitizenSubmission"("villageCode", "status", "createdAt");

-- CreateIndex
CREATE INDEX "CitizenSubmission_townshipCode_status_createdAt_idx" ON "CitizenSubmission"("townshipCode", "status", "createdAt");

-- CreateIndex
CREATE INDEX "CitizenSubmission_countyCode_status_createdAt_idx" ON "CitizenSubmission"("countyCode", "status", "createdAt");

-- CreateIndex
CREATE INDEX "CitizenSubmissionPhoto_submissionId_idx" ON "CitizenSubmissionPhoto"("submissionId");
