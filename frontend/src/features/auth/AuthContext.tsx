import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { loadToken, saveToken } from "./token";

/** What the auth context offers. */
export interface Auth {
  /** The bearer token, or null when signed out. */
  token: string | null;
  /** Why the user was signed out (e.g. an expired session), shown on the sign-in page. */
  notice: string | null;
  /** Signs in with a token. */
  signIn: (token: string) => void;
  /** Signs out, optionally saying why. */
  signOut: (notice?: string) => void;
}

const AuthContext = createContext<Auth | null>(null);

/** Holds the session token (persisted in localStorage). */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => loadToken());
  const [notice, setNotice] = useState<string | null>(null);
  const signIn = useCallback((t: string) => {
    saveToken(t);
    setNotice(null);
    setToken(t);
  }, []);
  const signOut = useCallback((why?: string) => {
    saveToken(null);
    setNotice(why ?? null);
    setToken(null);
  }, []);
  const value = useMemo(() => ({ token, notice, signIn, signOut }), [token, notice, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The current session. */
export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error("useAuth outside AuthProvider");
  return ctx;
}
