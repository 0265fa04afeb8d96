import type { AuthUser } from '../services/auth/auth-user';

/**
 * Who may see and retry the channels' deliveries (the 12345 platform's notifications): admins,
 * who see every case of the city, which the deliveries name. Nobody else.
 */
export function mayManageChannels(user: AuthUser): boolean {
  return user.role === 'ADMIN';
}
