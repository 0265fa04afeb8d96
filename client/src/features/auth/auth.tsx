import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { ApiError, api, getToken, setToken } from '../../lib/api';

/** The signed-in user, as GET /api/me returns it. */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: string;
  unitCode: string | null;
  gridCodes: string[];
  departmentId: string | null;
}

interface Auth {
  me: Me | null;
  ready: boolean;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Drops the token and user here (after POST /api/auth/logout-all ended the session). */
  forgetSession(): void;
}

const AuthContext = createContext<Auth | null>(null);

/** Restores the session from the stored token, and signs in and out. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!getToken()) {
      setReady(true);
      return;
    }
    api<Me>('/api/me')
      .then(setMe)
      // Only a refused token signs out; offline, the worker keeps working (outbox).
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) setToken(null);
      })
      .finally(() => setReady(true));
  }, []);
  const signIn = useCallback(async (username: string, password: string) => {
    const data = await api<{ token: string; user: Me }>('/api/auth/login', {
      method: 'POST',
      json: { username, password },
    });
    setToken(data.token);
    setMe(data.user);
  }, []);
  const signOut = useCallback(async () => {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    setToken(null);
    setMe(null);
  }, []);
  const forgetSession = useCallback(() => {
    setToken(null);
    setMe(null);
  }, []);
  return (
    <AuthContext.Provider value={{ me, ready, signIn, signOut, forgetSession }}>
      {children}
    </AuthContext.Provider>
  );
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
