-- AlterTable
ALTER TABLE "CaseEvent" ADD COLUMN "callbackRating" TEXT;
ALTER TABLE "CaseEvent" ADD COLUMN "callbackResolved" BOOLEAN;

-- AlterTable
ALTER TABLE "RegisterAccess" ADD COLUMN "caseId" TEXT;

-- CreateTable
CREATE TABLE "HotlineCall" (
    "caseId" TEXT NOT NULL PRIMARY KEY,
    "requestType" TEXT NOT NULL,
    "callerName" TEXT,
    "callerPhone" TEXT,
    "createdAt" DATETIME NOT NULL
);
