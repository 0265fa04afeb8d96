import type { AuthUser } from './auth-user';

/**
 * Recently resolved tokens, so an authenticated request costs no database round trip. An
 * entry lives `ttlMs` at most and never past its session's expiry; logout on this node evicts
 * at once, a revocation elsewhere takes effect within `ttlMs`.
 */
export function createSessionCache(ttlMs = 15_000, maxEntries = 10_000) {
  const entries = new Map<string, { user: AuthUser; validUntil: number }>();
  const evictListeners = new Set<(sessionId: string, origin: 'local' | 'peer') => void>();
  // Sessions ended here: a request that read the session before the logout may not re-cache it.
  const ended = new Map<string, number>();
  return {
    get(tokenHash: string, now: number): AuthUser | undefined {
      const hit = entries.get(tokenHash);
      if (!hit) return undefined;
      if (hit.validUntil <= now) {
        entries.delete(tokenHash);
        return undefined;
      }
      return hit.user;
    },
    set(tokenHash: string, user: AuthUser, sessionExpiresAt: number, now: number) {
      if (ended.has(user.sessionId)) return;
      if (entries.size >= maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(tokenHash, { user, validUntil: Math.min(now + ttlMs, sessionExpiresAt) });
    },
    /** Forgets a session (logout) and tells listeners (the socket server disconnects it). */
    /** Whether the session was ended on this node (logout): refused even if read as valid. */
    isEnded(sessionId: string): boolean {
      return ended.has(sessionId);
    },
    /** `origin` is 'peer' when another API node ended it (so it is not announced again). */
    evictSession(sessionId: string, origin: 'local' | 'peer' = 'local') {
      // Remembered for the session's remaining life at most; a revoked session never returns.
      if (ended.size >= maxEntries) ended.delete(ended.keys().next().value as string);
      ended.set(sessionId, Date.now());
      for (const [key, { user }] of entries) if (user.sessionId === sessionId) entries.delete(key);
      for (const listener of evictListeners) listener(sessionId, origin);
    },
    onEvict(listener: (sessionId: string, origin: 'local' | 'peer') => void): () => void {
      evictListeners.add(listener);
      return () => evictListeners.delete(listener);
    },
  };
}
export type SessionCache = ReturnType<typeof createSessionCache>;
