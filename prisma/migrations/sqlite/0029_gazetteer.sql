-- CreateTable
CREATE TABLE "PlaceName" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "lon" REAL NOT NULL,
    "lat" REAL NOT NULL,
    "gridCode" TEXT NOT NULL,
    "unitCode" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PlaceNameKey" (
    "key" TEXT NOT NULL,
    "placeId" TEXT NOT NULL,

    PRIMARY KEY ("key", "placeId"),
    CONSTRAINT "PlaceNameKey_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "PlaceName" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PlaceName_gridCode_idx" ON "PlaceName"("gridCode");

-- CreateIndex
CREATE UNIQUE INDEX "PlaceName_name_gridCode_key" ON "PlaceName"("name", "gridCode");

-- CreateIndex
CREATE INDEX "PlaceNameKey_placeId_idx" ON "PlaceNameKey"("placeId");
