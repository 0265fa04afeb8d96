import type { AuthUser } from '../services/auth/auth-user';

declare global {
  namespace Express {
    interface Request {
      /** Set by assignRequestId. */
      id: string;
      /** Set by requireAuth. */
      user?: AuthUser;
    }
  }
}
