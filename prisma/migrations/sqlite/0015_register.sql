-- AlterTable
ALTER TABLE "WorkLog" ADD COLUMN "personId" TEXT;

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gridCode" TEXT NOT NULL,
    "villageCode" TEXT NOT NULL,
    "townshipCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "idNumberCipher" TEXT,
    "idNumberIndex" TEXT,
    "idNumberMasked" TEXT,
    "phoneCipher" TEXT,
    "phoneIndex" TEXT,
    "phoneMasked" TEXT,
    "sex" TEXT,
    "birthDate" TEXT,
    "residence" TEXT NOT NULL,
    "placeId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "archivedAt" DATETIME,
    "archiveReason" TEXT,
    "anonymisedAt" DATETIME
);

-- CreateTable
CREATE TABLE "PersonTag" (
    "personId" TEXT NOT NULL,
    "tagCode" TEXT NOT NULL,
    "since" DATETIME NOT NULL,

    PRIMARY KEY ("personId", "tagCode"),
    CONSTRAINT "PersonTag_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PersonChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "userId" TEXT,
    "kind" TEXT NOT NULL,
    "changes" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "RegisterAccess" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL,
    "userId" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "fields" TEXT NOT NULL,
    "purpose" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Place" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gridCode" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "building" TEXT,
    "unit" TEXT,
    "household" TEXT,
    "lon" REAL,
    "lat" REAL,
    "outline" TEXT,
    "createdAt" DATETIME NOT NULL,
    "archivedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "Person_idNumberIndex_key" ON "Person"("idNumberIndex");

-- CreateIndex
CREATE INDEX "Person_gridCode_name_idx" ON "Person"("gridCode", "name");

-- CreateIndex
CREATE INDEX "Person_villageCode_idx" ON "Person"("villageCode");

-- CreateIndex
CREATE INDEX "Person_townshipCode_idx" ON "Person"("townshipCode");

-- CreateIndex
CREATE INDEX "Person_countyCode_idx" ON "Person"("countyCode");

-- CreateIndex
CREATE INDEX "Person_name_idx" ON "Person"("name");

-- CreateIndex
CREATE INDEX "Person_phoneIndex_idx" ON "Person"("phoneIndex");

-- CreateIndex
CREATE INDEX "Person_archivedAt_idx" ON "Person"("archivedAt");

-- CreateIndex
CREATE INDEX "Person_createdAt_id_idx" ON "Person"("createdAt", "id");

-- CreateIndex
CREATE INDEX "PersonTag_tagCode_idx" ON "PersonTag"("tagCode");

-- CreateIndex
CREATE INDEX "PersonChange_personId_at_idx" ON "PersonChange"("personId", "at");

-- CreateIndex
CREATE INDEX "RegisterAccess_at_id_idx" ON "RegisterAccess"("at", "id");

-- CreateIndex
CREATE INDEX "RegisterAccess_personId_idx" ON "RegisterAccess"("personId");

-- CreateIndex
CREATE INDEX "RegisterAccess_userId_at_idx" ON "RegisterAccess"("userId", "at");

-- CreateIndex
CREATE INDEX "Place_gridCode_idx" ON "Place"("gridCode");

-- CreateIndex
CREATE INDEX "WorkLog_personId_createdAt_idx" ON "WorkLog"("personId", "createdAt");
