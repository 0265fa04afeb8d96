import { CITY_CODE } from '@wangge/shared/domain/unit-codes';
import type { AuthUser } from '../auth/auth-user';

/** The city-wide actor the ranking scheduler computes as (never a login). */
export const SYSTEM_USER: AuthUser = {
  id: 'system',
  role: 'ADMIN',
  unitCode: CITY_CODE,
  departmentId: null,
  gridCodes: [],
  username: 'system',
  displayName: '系统',
  sessionId: 'system',
};
