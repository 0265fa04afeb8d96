-- CreateTable
CREATE TABLE "WorkLog" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "gridCode" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "lon" DOUBLE PRECISION,
    "lat" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "idempotencyKey" TEXT,

    CONSTRAINT "WorkLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RankingSnapshot" (
    "id" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "unitCode" TEXT NOT NULL,
    "rows" TEXT NOT NULL,
    "frozenAt" TIMESTAMP(3) NOT NULL,
    "frozenById" TEXT,

    CONSTRAINT "RankingSnapshot_pkey" PRIMARY KEY ("id")
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
CREATE FUNCTION "ranking_snapshot_frozen"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'RankingSnapshot is frozen';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "RankingSnapshot_frozen" BEFORE UPDATE OR DELETE ON "RankingSnapshot"
FOR EACH ROW EXECUTE FUNCTION "ranking_snapshot_frozen"();
