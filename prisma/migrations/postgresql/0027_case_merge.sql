-- AlterEnum
ALTER TYPE "CaseState" ADD VALUE 'MERGED';

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "mergedIntoId" TEXT;

-- AlterTable
ALTER TABLE "CaseEvent" ADD COLUMN     "audienceUsers" TEXT;

-- CreateTable
CREATE TABLE "CaseFollower" (
    "caseId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "fromCaseId" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseFollower_pkey" PRIMARY KEY ("caseId","userId")
);

-- CreateIndex
CREATE INDEX "CaseFollower_userId_at_idx" ON "CaseFollower"("userId", "at");

-- CreateIndex
CREATE INDEX "Case_mergedIntoId_idx" ON "Case"("mergedIntoId");

-- AddForeignKey
ALTER TABLE "CaseFollower" ADD CONSTRAINT "CaseFollower_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
