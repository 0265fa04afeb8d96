-- CreateIndex
CREATE INDEX "RegisterCount_recordType_class_gridCode_idx" ON "RegisterCount"("recordType", "class", "gridCode");
