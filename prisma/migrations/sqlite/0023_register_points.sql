-- CreateIndex
CREATE INDEX "Place_lat_idx" ON "Place"("lat");

-- CreateIndex
CREATE INDEX "Thing_lat_idx" ON "Thing"("lat");

-- CreateIndex
CREATE INDEX "Organisation_lat_idx" ON "Organisation"("lat");
