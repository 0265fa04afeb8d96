-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "alarmLevel" TEXT NOT NULL DEFAULT 'NONE',
ADD COLUMN     "yellowAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Case_alarmLevel_yellowAt_idx" ON "Case"("alarmLevel", "yellowAt");

-- CreateIndex
CREATE INDEX "Case_alarmLevel_stageDeadline_idx" ON "Case"("alarmLevel", "stageDeadline");
