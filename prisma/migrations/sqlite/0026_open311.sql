-- CreateTable
CREATE TABLE "Open311Key" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "keyPrefix" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "lastUsedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Open311Request" (
    "serviceRequestId" TEXT NOT NULL PRIMARY KEY,
    "keyId" TEXT NOT NULL,
    "serviceCode" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "address" TEXT,
    "lat" REAL NOT NULL,
    "lon" REAL NOT NULL,
    "mediaUrl" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Open311Key_keyHash_key" ON "Open311Key"("keyHash");

-- CreateIndex
CREATE INDEX "Open311Request_createdAt_idx" ON "Open311Request"("createdAt");
