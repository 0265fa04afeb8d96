-- CreateTable
CREATE TABLE "MapSetting" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'map',
    "kind" TEXT NOT NULL DEFAULT 'NONE',
    "tiandituKey" TEXT,
    "xyzUrl" TEXT,
    "attribution" TEXT,
    "subdomains" TEXT NOT NULL DEFAULT '',
    "maxZoom" INTEGER NOT NULL DEFAULT 18,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT
);
