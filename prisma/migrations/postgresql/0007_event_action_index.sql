-- CreateIndex
CREATE INDEX "CaseEvent_action_createdAt_idx" ON "CaseEvent"("action", "createdAt");
