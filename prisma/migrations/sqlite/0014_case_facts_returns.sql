-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CaseFacts" (
    "caseId" TEXT NOT NULL PRIMARY KEY,
    "gridCode" TEXT NOT NULL,
    "villageCode" TEXT NOT NULL,
    "townshipCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "reporterId" TEXT NOT NULL,
    "lastEventAt" DATETIME NOT NULL,
    "suspendedAt" DATETIME,
    "registeredAt" DATETIME,
    "closedAt" DATETIME,
    "redCardAt" DATETIME,
    "reportedRedCardAt" DATETIME,
    "firstDispatchAt" DATETIME,
    "lastDispatchAt" DATETIME,
    "dispatchCount" INTEGER NOT NULL DEFAULT 0,
    "firstFeedbackAt" DATETIME,
    "lastFeedbackAt" DATETIME,
    "feedbackCount" INTEGER NOT NULL DEFAULT 0,
    "firstLateFeedbackAt" DATETIME,
    "lastLateFeedbackAt" DATETIME,
    "lateFeedbackCount" INTEGER NOT NULL DEFAULT 0,
    "firstExtensionAt" DATETIME,
    "lastExtensionAt" DATETIME,
    "extensionCount" INTEGER NOT NULL DEFAULT 0,
    "firstReturnAt" DATETIME,
    "lastReturnAt" DATETIME,
    "returnCount" INTEGER NOT NULL DEFAULT 0,
    "checkCount" INTEGER NOT NULL DEFAULT 0,
    "redWhileChecking" BOOLEAN NOT NULL DEFAULT false,
    "firstLateCheckAt" DATETIME,
    "lastLateCheckAt" DATETIME,
    "lateCheckCount" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "CaseFacts_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_CaseFacts" ("caseId", "checkCount", "closedAt", "countyCode", "dispatchCount", "extensionCount", "feedbackCount", "firstDispatchAt", "firstExtensionAt", "firstFeedbackAt", "firstLateCheckAt", "firstLateFeedbackAt", "gridCode", "lastDispatchAt", "lastEventAt", "lastExtensionAt", "lastFeedbackAt", "lastLateCheckAt", "lastLateFeedbackAt", "lateCheckCount", "lateFeedbackCount", "redCardAt", "redWhileChecking", "registeredAt", "reportedRedCardAt", "reporterId", "suspendedAt", "townshipCode", "villageCode") SELECT "caseId", "checkCount", "closedAt", "countyCode", "dispatchCount", "extensionCount", "feedbackCount", "firstDispatchAt", "firstExtensionAt", "firstFeedbackAt", "firstLateCheckAt", "firstLateFeedbackAt", "gridCode", "lastDispatchAt", "lastEventAt", "lastExtensionAt", "lastFeedbackAt", "lastLateCheckAt", "lastLateFeedbackAt", "lateCheckCount", "lateFeedbackCount", "redCardAt", "redWhileChecking", "registeredAt", "reportedRedCardAt", "reporterId", "suspendedAt", "townshipCode", "villageCode" FROM "CaseFacts";
DROP TABLE "CaseFacts";
ALTER TABLE "new_CaseFacts" RENAME TO "CaseFacts";
CREATE INDEX "CaseFacts_registeredAt_idx" ON "CaseFacts"("registeredAt");
CREATE INDEX "CaseFacts_suspendedAt_lastEventAt_idx" ON "CaseFacts"("suspendedAt", "lastEventAt");
CREATE INDEX "CaseFacts_firstDispatchAt_idx" ON "CaseFacts"("firstDispatchAt");
CREATE INDEX "CaseFacts_lastDispatchAt_firstDispatchAt_idx" ON "CaseFacts"("lastDispatchAt", "firstDispatchAt");
CREATE INDEX "CaseFacts_dispatchCount_idx" ON "CaseFacts"("dispatchCount");
CREATE INDEX "CaseFacts_firstLateCheckAt_idx" ON "CaseFacts"("firstLateCheckAt");
CREATE INDEX "CaseFacts_lastLateCheckAt_firstLateCheckAt_idx" ON "CaseFacts"("lastLateCheckAt", "firstLateCheckAt");
CREATE INDEX "CaseFacts_lateCheckCount_idx" ON "CaseFacts"("lateCheckCount");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Fold the returns written before this migration (ACCEPT_RETURN events) into CaseFacts, as
-- api/src/case-log/case-facts.ts does for each new one.
UPDATE "CaseFacts" SET
  "firstReturnAt" = (SELECT MIN(e."createdAt") FROM "CaseEvent" e WHERE e."caseId" = "CaseFacts"."caseId" AND e."action" = 'ACCEPT_RETURN'),
  "lastReturnAt" = (SELECT MAX(e."createdAt") FROM "CaseEvent" e WHERE e."caseId" = "CaseFacts"."caseId" AND e."action" = 'ACCEPT_RETURN'),
  "returnCount" = (SELECT COUNT(*) FROM "CaseEvent" e WHERE e."caseId" = "CaseFacts"."caseId" AND e."action" = 'ACCEPT_RETURN')
WHERE EXISTS (SELECT 1 FROM "CaseEvent" e WHERE e."caseId" = "CaseFacts"."caseId" AND e."action" = 'ACCEPT_RETURN');
