-- CreateIndex
CREATE INDEX "Case_categoryCode_lat_idx" ON "Case"("categoryCode", "lat");
