import { useMemo } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router";
import { Provider } from "urql";
import { createClient } from "../lib/client";
import { useAuth } from "../features/auth/AuthContext";
import { SignInPage } from "../features/auth/SignInPage";
import { ViewerProvider } from "../features/auth/ViewerContext";
import { PeoplePage } from "../features/people/PeoplePage";
import { DirectorySyncRoutes } from "../features/directory-sync/DirectorySyncRoutes";
import { OfficesPage } from "../features/offices/OfficesPage";
import { AppShell } from "./AppShell";
import { NotFoundPage } from "./NotFoundPage";

/** Message shown on the sign-in page after the server rejected the token. */
export const EXPIRED_NOTICE = "Your session has expired. Please sign in again.";

/** The routes: sign-in while signed out, the app shell otherwise. */
export function App() {
  const { token, signOut } = useAuth();
  const location = useLocation();
  const client = useMemo(
    () => (token ? createClient({ token, onUnauthenticated: () => signOut(EXPIRED_NOTICE) }) : null),
    [token, signOut],
  );

  if (!token || !client) {
    const next = location.pathname + location.search;
    return (
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route
          path="*"
          element={<Navigate to={next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`} replace />}
        />
      </Routes>
    );
  }

  return (
    <Provider value={client}>
      <ViewerProvider>
        <Routes>
          <Route element={<AppShell />}>
            <Route index element={<Navigate to="/people" replace />} />
            <Route path="sign-in" element={<Navigate to="/people" replace />} />
            <Route path="people" element={<PeoplePage />} />
            <Route path="settings" element={<Navigate to="/settings/directory-sync" replace />} />
            <Route path="settings/directory-sync/*" element={<DirectorySyncRoutes />} />
            <Route path="settings/offices" element={<OfficesPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </ViewerProvider>
    </Provider>
  );
}
