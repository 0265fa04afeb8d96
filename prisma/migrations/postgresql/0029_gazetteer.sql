-- CreateTable
CREATE TABLE "PlaceName" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "lon" DOUBLE PRECISION NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "gridCode" TEXT NOT NULL,
    "unitCode" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlaceName_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlaceNameKey" (
    "key" TEXT NOT NULL,
    "placeId" TEXT NOT NULL,

    CONSTRAINT "PlaceNameKey_pkey" PRIMARY KEY ("key","placeId")
);

-- CreateIndex
CREATE INDEX "PlaceName_gridCode_idx" ON "PlaceName"("gridCode");

-- CreateIndex
CREATE UNIQUE INDEX "PlaceName_name_gridCode_key" ON "PlaceName"("name", "gridCode");

-- CreateIndex
CREATE INDEX "PlaceNameKey_placeId_idx" ON "PlaceNameKey"("placeId");

-- AddForeignKey
ALTER TABLE "PlaceNameKey" ADD CONSTRAINT "PlaceNameKey_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "PlaceName"("id") ON DELETE CASCADE ON UPDATE CASCADE;
