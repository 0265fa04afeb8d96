import { addCalendarDays, startOfShanghaiDay } from '@wangge/shared/calendar/shanghai-date';
import type { TAccessLogFilter } from '@wangge/shared/schemas/register';
import type { Prisma } from '../../generated/prisma/client';

/** The access-log rows a filter names: a person, a user, Shanghai days `from`–`to` (both included). */
export function accessLogWhere(f: TAccessLogFilter): Prisma.RegisterAccessWhereInput[] {
  const and: Prisma.RegisterAccessWhereInput[] = [];
  if (f.person) and.push({ personId: f.person });
  if (f.user) and.push({ userId: f.user });
  if (f.from) and.push({ at: { gte: startOfShanghaiDay(f.from) } });
  if (f.to) and.push({ at: { lt: startOfShanghaiDay(addCalendarDays(f.to, 1)) } });
  return and;
}
