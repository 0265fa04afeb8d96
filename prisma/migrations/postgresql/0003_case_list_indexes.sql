-- DropIndex
DROP INDEX "Case_gridCode_state_idx";

-- DropIndex
DROP INDEX "Case_villageCode_state_idx";

-- DropIndex
DROP INDEX "Case_townshipCode_state_idx";

-- DropIndex
DROP INDEX "Case_countyCode_state_idx";

-- DropIndex
DROP INDEX "Case_reporterId_idx";

-- CreateIndex
CREATE INDEX "Case_gridCode_createdAt_idx" ON "Case"("gridCode", "createdAt");

-- CreateIndex
CREATE INDEX "Case_villageCode_createdAt_idx" ON "Case"("villageCode", "createdAt");

-- CreateIndex
CREATE INDEX "Case_townshipCode_createdAt_idx" ON "Case"("townshipCode", "createdAt");

-- CreateIndex
CREATE INDEX "Case_countyCode_createdAt_idx" ON "Case"("countyCode", "createdAt");

-- CreateIndex
CREATE INDEX "Case_reporterId_createdAt_idx" ON "Case"("reporterId", "createdAt");
