-- CreateEnum
CREATE TYPE "AuthEventKind" AS ENUM ('SUCCESS', 'BAD_CREDENTIALS', 'THROTTLED', 'DISABLED', 'PASSWORD_CHANGED', 'PASSWORD_RESET', 'USER_CREATED', 'USER_DISABLED', 'USER_ENABLED', 'SIGNED_OUT_EVERYWHERE');

-- CreateTable
CREATE TABLE "AuthEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "outcome" "AuthEventKind" NOT NULL,
    "username" TEXT NOT NULL,
    "userId" TEXT,
    "actorId" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "AuthEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuthEvent_username_id_idx" ON "AuthEvent"("username", "id");

-- CreateIndex
CREATE INDEX "AuthEvent_outcome_id_idx" ON "AuthEvent"("outcome", "id");

-- CreateIndex
CREATE INDEX "AuthEvent_userId_idx" ON "AuthEvent"("userId");
