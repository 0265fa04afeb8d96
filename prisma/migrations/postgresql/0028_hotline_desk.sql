-- AlterTable
ALTER TABLE "CaseEvent" ADD COLUMN     "callbackRating" TEXT,
ADD COLUMN     "callbackResolved" BOOLEAN;

-- AlterTable
ALTER TABLE "RegisterAccess" ADD COLUMN     "caseId" TEXT;

-- CreateTable
CREATE TABLE "HotlineCall" (
    "caseId" TEXT NOT NULL,
    "requestType" TEXT NOT NULL,
    "callerName" TEXT,
    "callerPhone" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HotlineCall_pkey" PRIMARY KEY ("caseId")
);
