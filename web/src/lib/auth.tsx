// The signed-in user: loaded once from /api/auth/me; a 401 anywhere sends the user to the login page.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { api, ApiError, setUnauthorizedHandler, type Me } from '../api/index.ts';

interface Auth {
  me: Me | null;
  /** True until the first /auth/me answer. */
  checking: boolean;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  can: (permission: string) => boolean;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(true);
  const navigate = useNavigate();
  const location = useLocation();

  useEffect(() => {
    let live = true;
    api.me()
      .then((m) => { if (live) setMe(m); })
      .catch((err: unknown) => { if (live && !(err instanceof ApiError && err.status === 401)) console.error(err); })
      .finally(() => { if (live) setChecking(false); });
    return () => { live = false; };
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setMe(null);
      if (window.location.pathname !== '/login') {
        const next = window.location.pathname + window.location.search;
        navigate(`/login?next=${encodeURIComponent(next)}`, { replace: true });
      }
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate, location.key]);

  const login = useCallback(async (username: string, password: string) => {
    const m = await api.login(username, password);
    setMe(m);
    return m;
  }, []);
  const logout = useCallback(async () => {
    try { await api.logout(); } finally {
      setMe(null);
      navigate('/login', { replace: true });
    }
  }, [navigate]);
  const can = useCallback((p: string) => !!me?.permissions.includes(p), [me]);
  const value = useMemo(() => ({ me, checking, login, logout, can }), [me, checking, login, logout, can]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user, for screens behind the login. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('not signed in');
  return me;
}
