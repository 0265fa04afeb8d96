-- Per-case facts for the evaluation indicators (docs/metrics.md, "How it runs"): kept by
-- recordCaseFacts in the transaction of every event appended; built here for the cases before.
-- DropIndex
DROP INDEX "CaseEvent_action_createdAt_idx";

-- CreateIndex
CREATE INDEX "CaseEvent_action_createdAt_gridCode_idx" ON "CaseEvent"("action", "createdAt", "gridCode");

-- CreateTable
CREATE TABLE "CaseFacts" (
    "caseId" TEXT NOT NULL,
    "gridCode" TEXT NOT NULL,
    "villageCode" TEXT NOT NULL,
    "townshipCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "reporterId" TEXT NOT NULL,
    "lastEventAt" TIMESTAMP(3) NOT NULL,
    "suspendedAt" TIMESTAMP(3),
    "registeredAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "redCardAt" TIMESTAMP(3),
    "reportedRedCardAt" TIMESTAMP(3),
    "firstDispatchAt" TIMESTAMP(3),
    "lastDispatchAt" TIMESTAMP(3),
    "dispatchCount" INTEGER NOT NULL DEFAULT 0,
    "firstFeedbackAt" TIMESTAMP(3),
    "lastFeedbackAt" TIMESTAMP(3),
    "feedbackCount" INTEGER NOT NULL DEFAULT 0,
    "firstLateFeedbackAt" TIMESTAMP(3),
    "lastLateFeedbackAt" TIMESTAMP(3),
    "lateFeedbackCount" INTEGER NOT NULL DEFAULT 0,
    "firstExtensionAt" TIMESTAMP(3),
    "lastExtensionAt" TIMESTAMP(3),
    "extensionCount" INTEGER NOT NULL DEFAULT 0,
    "checkCount" INTEGER NOT NULL DEFAULT 0,
    "redWhileChecking" BOOLEAN NOT NULL DEFAULT false,
    "firstLateCheckAt" TIMESTAMP(3),
    "lastLateCheckAt" TIMESTAMP(3),
    "lateCheckCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CaseFacts_pkey" PRIMARY KEY ("caseId")
);

-- CreateIndex
CREATE INDEX "CaseFacts_registeredAt_idx" ON "CaseFacts"("registeredAt");

-- CreateIndex
CREATE INDEX "CaseFacts_suspendedAt_lastEventAt_idx" ON "CaseFacts"("suspendedAt", "lastEventAt");

-- CreateIndex
CREATE INDEX "CaseFacts_firstDispatchAt_idx" ON "CaseFacts"("firstDispatchAt");

-- CreateIndex
CREATE INDEX "CaseFacts_lastDispatchAt_firstDispatchAt_idx" ON "CaseFacts"("lastDispatchAt", "firstDispatchAt");

-- CreateIndex
CREATE INDEX "CaseFacts_dispatchCount_idx" ON "CaseFacts"("dispatchCount");

-- CreateIndex
CREATE INDEX "CaseFacts_firstLateCheckAt_idx" ON "CaseFacts"("firstLateCheckAt");

-- CreateIndex
CREATE INDEX "CaseFacts_lastLateCheckAt_firstLateCheckAt_idx" ON "CaseFacts"("lastLateCheckAt", "firstLateCheckAt");

-- CreateIndex
CREATE INDEX "CaseFacts_lateCheckCount_idx" ON "CaseFacts"("lateCheckCount");

-- AddForeignKey
ALTER TABLE "CaseFacts" ADD CONSTRAINT "CaseFacts_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: the facts of the cases already in the log, folded as recordCaseFacts does
-- (api/src/services/metrics/case-facts.ts), in order of the cases' creation. A check is late
-- when the case's previous check or RED_CARD raised while CHECKING (in seq order) is such a
-- RED_CARD; the case still has one pending when that is its last.
INSERT INTO "CaseFacts" ("caseId", "gridCode", "villageCode", "townshipCode", "countyCode", "reporterId", "lastEventAt", "suspendedAt", "registeredAt", "closedAt", "redCardAt", "reportedRedCardAt", "firstDispatchAt", "lastDispatchAt", "dispatchCount", "firstFeedbackAt", "lastFeedbackAt", "feedbackCount", "firstLateFeedbackAt", "lastLateFeedbackAt", "lateFeedbackCount", "firstExtensionAt", "lastExtensionAt", "extensionCount", "checkCount", "redWhileChecking", "firstLateCheckAt", "lastLateCheckAt", "lateCheckCount")
SELECT c."id", c."gridCode", c."villageCode", c."townshipCode", c."countyCode", c."reporterId",
  a."lastEventAt", a."suspendedAt", a."registeredAt", a."closedAt", a."redCardAt", a."reportedRedCardAt",
  a."firstDispatchAt", a."lastDispatchAt", a."dispatchCount",
  a."firstFeedbackAt", a."lastFeedbackAt", a."feedbackCount",
  a."firstLateFeedbackAt", a."lastLateFeedbackAt", a."lateFeedbackCount",
  a."firstExtensionAt", a."lastExtensionAt", a."extensionCount",
  COALESCE(k."checkCount", 0), COALESCE(k."redWhileChecking", 0) = 1,
  k."firstLateCheckAt", k."lastLateCheckAt", COALESCE(k."lateCheckCount", 0)
FROM "Case" c
JOIN (
  SELECT e."caseId",
    MAX(e."createdAt") AS "lastEventAt",
    MIN(CASE WHEN e."action" = 'SUSPEND' THEN e."createdAt" END) AS "suspendedAt",
    MIN(CASE WHEN e."action" IN ('REGISTER', 'VERIFY_CONFIRM', 'SELF_RESOLVE') THEN e."createdAt" END) AS "registeredAt",
    MIN(CASE WHEN e."action" IN ('CLOSE', 'APPROVE_SELF_RESOLUTION') THEN e."createdAt" END) AS "closedAt",
    MIN(CASE WHEN e."action" = 'RED_CARD' AND e."fromState" <> 'CLOSED' THEN e."createdAt" END) AS "redCardAt",
    MIN(CASE WHEN e."action" = 'RED_CARD' AND e."fromState" = 'REPORTED' THEN e."createdAt" END) AS "reportedRedCardAt",
    MIN(CASE WHEN e."action" = 'DISPATCH' THEN e."createdAt" END) AS "firstDispatchAt",
    MAX(CASE WHEN e."action" = 'DISPATCH' THEN e."createdAt" END) AS "lastDispatchAt",
    SUM(CASE WHEN e."action" = 'DISPATCH' THEN 1 ELSE 0 END) AS "dispatchCount",
    MIN(CASE WHEN e."action" = 'FEEDBACK' THEN e."createdAt" END) AS "firstFeedbackAt",
    MAX(CASE WHEN e."action" = 'FEEDBACK' THEN e."createdAt" END) AS "lastFeedbackAt",
    SUM(CASE WHEN e."action" = 'FEEDBACK' THEN 1 ELSE 0 END) AS "feedbackCount",
    MIN(CASE WHEN e."action" = 'FEEDBACK' AND strpos(COALESCE(e."payload", ''), '"onTime":true') = 0 THEN e."createdAt" END) AS "firstLateFeedbackAt",
    MAX(CASE WHEN e."action" = 'FEEDBACK' AND strpos(COALESCE(e."payload", ''), '"onTime":true') = 0 THEN e."createdAt" END) AS "lastLateFeedbackAt",
    SUM(CASE WHEN e."action" = 'FEEDBACK' AND strpos(COALESCE(e."payload", ''), '"onTime":true') = 0 THEN 1 ELSE 0 END) AS "lateFeedbackCount",
    MIN(CASE WHEN e."action" = 'APPROVE_EXTENSION' THEN e."createdAt" END) AS "firstExtensionAt",
    MAX(CASE WHEN e."action" = 'APPROVE_EXTENSION' THEN e."createdAt" END) AS "lastExtensionAt",
    SUM(CASE WHEN e."action" = 'APPROVE_EXTENSION' THEN 1 ELSE 0 END) AS "extensionCount"
  FROM "CaseEvent" e
  GROUP BY e."caseId"
) a ON a."caseId" = c."id"
LEFT JOIN (
  SELECT m."caseId",
    SUM(m."isCheck") AS "checkCount",
    MAX(CASE WHEN m."newest" = 1 AND m."isCheck" = 0 THEN 1 ELSE 0 END) AS "redWhileChecking",
    MIN(CASE WHEN m."late" = 1 THEN m."createdAt" END) AS "firstLateCheckAt",
    MAX(CASE WHEN m."late" = 1 THEN m."createdAt" END) AS "lastLateCheckAt",
    SUM(m."late") AS "lateCheckCount"
  FROM (
    SELECT e."caseId", e."createdAt",
      CASE WHEN e."action" = 'RED_CARD' THEN 0 ELSE 1 END AS "isCheck",
      CASE WHEN e."action" <> 'RED_CARD'
        AND LAG(e."action") OVER (PARTITION BY e."caseId" ORDER BY e."seq") = 'RED_CARD' THEN 1 ELSE 0 END AS "late",
      ROW_NUMBER() OVER (PARTITION BY e."caseId" ORDER BY e."seq" DESC) AS "newest"
    FROM "CaseEvent" e
    WHERE e."action" IN ('CHECK_PASS', 'CHECK_FAIL') OR (e."action" = 'RED_CARD' AND e."fromState" = 'CHECKING')
  ) m
  GROUP BY m."caseId"
) k ON k."caseId" = c."id"
ORDER BY c."createdAt", c."id";
