-- AlterTable
ALTER TABLE "Case" ADD COLUMN "thingId" TEXT;

-- CreateTable
CREATE TABLE "Thing" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gridCode" TEXT NOT NULL,
    "villageCode" TEXT NOT NULL,
    "townshipCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "classCode" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "lon" REAL NOT NULL,
    "lat" REAL NOT NULL,
    "state" TEXT NOT NULL,
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "archivedAt" DATETIME,
    "archiveReason" TEXT
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gridCode" TEXT NOT NULL,
    "villageCode" TEXT NOT NULL,
    "townshipCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT,
    "placeId" TEXT,
    "contactName" TEXT,
    "contactPhoneCipher" TEXT,
    "contactPhoneIndex" TEXT,
    "contactPhoneMasked" TEXT,
    "lon" REAL,
    "lat" REAL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "archivedAt" DATETIME,
    "archiveReason" TEXT
);

-- CreateTable
CREATE TABLE "Situation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gridCode" TEXT NOT NULL,
    "villageCode" TEXT NOT NULL,
    "townshipCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "placeId" TEXT,
    "personId" TEXT,
    "authorId" TEXT NOT NULL,
    "caseId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "archivedAt" DATETIME,
    "archiveReason" TEXT
);

-- CreateTable
CREATE TABLE "RegisterChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "recordType" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "userId" TEXT,
    "kind" TEXT NOT NULL,
    "changes" TEXT NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Grid" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "villageCode" TEXT NOT NULL,
    "townshipCode" TEXT NOT NULL,
    "countyCode" TEXT NOT NULL,
    "geometry" TEXT NOT NULL,
    "centroidLon" REAL NOT NULL,
    "centroidLat" REAL NOT NULL,
    "minLon" REAL NOT NULL,
    "minLat" REAL NOT NULL,
    "maxLon" REAL NOT NULL,
    "maxLat" REAL NOT NULL,
    "isSynthetic" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" DATETIME NOT NULL,
    "teamVersion" INTEGER NOT NULL DEFAULT 1
);
INSERT INTO "new_Grid" ("centroidLat", "centroidLon", "code", "countyCode", "geometry", "isSynthetic", "maxLat", "maxLon", "minLat", "minLon", "name", "townshipCode", "updatedAt", "villageCode") SELECT "centroidLat", "centroidLon", "code", "countyCode", "geometry", "isSynthetic", "maxLat", "maxLon", "minLat", "minLon", "name", "townshipCode", "updatedAt", "villageCode" FROM "Grid";
DROP TABLE "Grid";
ALTER TABLE "new_Grid" RENAME TO "Grid";
CREATE INDEX "Grid_villageCode_idx" ON "Grid"("villageCode");
CREATE INDEX "Grid_townshipCode_idx" ON "Grid"("townshipCode");
CREATE INDEX "Grid_countyCode_idx" ON "Grid"("countyCode");
CREATE TABLE "new_GridMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gridCode" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phoneCipher" TEXT,
    "phoneIndex" TEXT,
    "phoneMasked" TEXT,
    "userId" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "GridMember_gridCode_fkey" FOREIGN KEY ("gridCode") REFERENCES "Grid" ("code") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "GridMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_GridMember" ("gridCode", "id", "name", "role", "userId") SELECT "gridCode", "id", "name", "role", "userId" FROM "GridMember";
DROP TABLE "GridMember";
ALTER TABLE "new_GridMember" RENAME TO "GridMember";
CREATE INDEX "GridMember_gridCode_idx" ON "GridMember"("gridCode");
CREATE INDEX "GridMember_userId_idx" ON "GridMember"("userId");
CREATE INDEX "GridMember_phoneIndex_idx" ON "GridMember"("phoneIndex");
CREATE TABLE "new_Place" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gridCode" TEXT NOT NULL,
    "villageCode" TEXT NOT NULL DEFAULT '',
    "townshipCode" TEXT NOT NULL DEFAULT '',
    "countyCode" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parentId" TEXT,
    "building" TEXT,
    "unit" TEXT,
    "household" TEXT,
    "address" TEXT,
    "lon" REAL,
    "lat" REAL,
    "outline" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archivedAt" DATETIME,
    "archiveReason" TEXT
);
INSERT INTO "new_Place" ("archivedAt", "building", "createdAt", "gridCode", "household", "id", "kind", "lat", "lon", "name", "outline", "unit") SELECT "archivedAt", "building", "createdAt", "gridCode", "household", "id", "kind", "lat", "lon", "name", "outline", "unit" FROM "Place";
DROP TABLE "Place";
ALTER TABLE "new_Place" RENAME TO "Place";
CREATE INDEX "Place_gridCode_archivedAt_idx" ON "Place"("gridCode", "archivedAt");
CREATE INDEX "Place_villageCode_idx" ON "Place"("villageCode");
CREATE INDEX "Place_townshipCode_idx" ON "Place"("townshipCode");
CREATE INDEX "Place_countyCode_idx" ON "Place"("countyCode");
CREATE INDEX "Place_parentId_idx" ON "Place"("parentId");
CREATE INDEX "Place_createdAt_id_idx" ON "Place"("createdAt", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Thing_code_key" ON "Thing"("code");

-- CreateIndex
CREATE INDEX "Thing_gridCode_archivedAt_idx" ON "Thing"("gridCode", "archivedAt");

-- CreateIndex
CREATE INDEX "Thing_villageCode_idx" ON "Thing"("villageCode");

-- CreateIndex
CREATE INDEX "Thing_townshipCode_idx" ON "Thing"("townshipCode");

-- CreateIndex
CREATE INDEX "Thing_countyCode_idx" ON "Thing"("countyCode");

-- CreateIndex
CREATE INDEX "Thing_classCode_idx" ON "Thing"("classCode");

-- CreateIndex
CREATE INDEX "Thing_createdAt_id_idx" ON "Thing"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Organisation_gridCode_archivedAt_idx" ON "Organisation"("gridCode", "archivedAt");

-- CreateIndex
CREATE INDEX "Organisation_villageCode_idx" ON "Organisation"("villageCode");

-- CreateIndex
CREATE INDEX "Organisation_townshipCode_idx" ON "Organisation"("townshipCode");

-- CreateIndex
CREATE INDEX "Organisation_countyCode_idx" ON "Organisation"("countyCode");

-- CreateIndex
CREATE INDEX "Organisation_contactPhoneIndex_idx" ON "Organisation"("contactPhoneIndex");

-- CreateIndex
CREATE INDEX "Organisation_createdAt_id_idx" ON "Organisation"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Situation_gridCode_archivedAt_idx" ON "Situation"("gridCode", "archivedAt");

-- CreateIndex
CREATE INDEX "Situation_villageCode_idx" ON "Situation"("villageCode");

-- CreateIndex
CREATE INDEX "Situation_townshipCode_idx" ON "Situation"("townshipCode");

-- CreateIndex
CREATE INDEX "Situation_countyCode_idx" ON "Situation"("countyCode");

-- CreateIndex
CREATE INDEX "Situation_placeId_idx" ON "Situation"("placeId");

-- CreateIndex
CREATE INDEX "Situation_personId_idx" ON "Situation"("personId");

-- CreateIndex
CREATE INDEX "Situation_createdAt_id_idx" ON "Situation"("createdAt", "id");

-- CreateIndex
CREATE INDEX "RegisterChange_recordType_recordId_version_idx" ON "RegisterChange"("recordType", "recordId", "version");

-- CreateIndex
CREATE INDEX "Case_thingId_idx" ON "Case"("thingId");
