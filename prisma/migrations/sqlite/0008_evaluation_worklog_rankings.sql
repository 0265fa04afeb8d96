-- CreateTable
CREATE TABLE "WorkLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "gridCode" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "lon" REAL,
    "lat" REAL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "idempotencyKey" TEXT
);

-- CreateTable
CREATE TABLE "RankingSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "month" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "unitCode" TEXT NOT NULL,
    "rows" TEXT NOT NULL,
    "frozenAt" DATETIME NOT NULL,
    "frozenById" TEXT
);

-- CreateIndex
CREATE INDEX "WorkLog_userId_createdAt_idx" ON "WorkLog"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "WorkLog_gridCode_createdAt_idx" ON "WorkLog"("gridCode", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WorkLog_userId_idempotencyKey_key" ON "WorkLog"("userId", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "RankingSnapshot_month_kind_unitCode_key" ON "RankingSnapshot"("month", "kind", "unitCode");

-- Hand-written: a frozen ranking is never changed or removed (一月一排名 is a record).
CREATE TRIGGER "RankingSnapshot_frozen_update" BEFORE UPDATE ON "RankingSnapshot"
BEGIN SELECT RAISE(ABORT, 'RankingSnapshot is frozen'); END;
CREATE TRIGGER "RankingSnapshot_frozen_delete" BEFORE DELETE ON "RankingSnapshot"
BEGIN SELECT RAISE(ABORT, 'RankingSnapshot is frozen'); END;
