-- CreateTable
CREATE TABLE "AuthEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "outcome" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "userId" TEXT,
    "actorId" TEXT,
    "ip" TEXT,
    "userAgent" TEXT
);

-- CreateIndex
CREATE INDEX "AuthEvent_username_id_idx" ON "AuthEvent"("username", "id");

-- CreateIndex
CREATE INDEX "AuthEvent_outcome_id_idx" ON "AuthEvent"("outcome", "id");

-- CreateIndex
CREATE INDEX "AuthEvent_userId_idx" ON "AuthEvent"("userId");
