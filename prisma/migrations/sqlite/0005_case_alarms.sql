-- Alarm state of the current stage deadline (hand-edited: plain ADD COLUMN instead of the
-- table rebuild Prisma's diff writes, which would copy every case).
ALTER TABLE "Case" ADD COLUMN "yellowAt" DATETIME;
ALTER TABLE "Case" ADD COLUMN "alarmLevel" TEXT NOT NULL DEFAULT 'NONE';
CREATE INDEX "Case_alarmLevel_yellowAt_idx" ON "Case"("alarmLevel", "yellowAt");
CREATE INDEX "Case_alarmLevel_stageDeadline_idx" ON "Case"("alarmLevel", "stageDeadline");
