-- CreateTable
CREATE TABLE "MapSetting" (
    "id" TEXT NOT NULL DEFAULT 'map',
    "kind" TEXT NOT NULL DEFAULT 'NONE',
    "tiandituKey" TEXT,
    "xyzUrl" TEXT,
    "attribution" TEXT,
    "subdomains" TEXT NOT NULL DEFAULT '',
    "maxZoom" INTEGER NOT NULL DEFAULT 18,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "MapSetting_pkey" PRIMARY KEY ("id")
);
