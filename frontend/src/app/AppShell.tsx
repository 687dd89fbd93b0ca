import { NavLink, Outlet } from "react-router";
import { useAuth } from "../features/auth/AuthContext";
import { useViewer } from "../features/auth/ViewerContext";
import { AttentionBanner } from "../features/alerts/AttentionBanner";

/** Header with navigation and the signed-in user; the page below. */
export function AppShell() {
  const viewer = useViewer();
  const { signOut } = useAuth();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="brand">OfficeTogether</span>
        <span className="company">{viewer.company.name}</span>
        <nav aria-label="Main">
          <ul>
            <li>
              <NavLink to="/people">People</NavLink>
            </li>
            {viewer.isCompanyAdmin && (
              <li>
                <NavLink to="/settings/directory-sync">Settings</NavLink>
              </li>
            )}
            {viewer.isCompanyAdmin && (
              <li>
                {/* A full page load: GraphiQL is its own page, signed in with the same token. */}
                <a href="/playground">API playground</a>
              </li>
            )}
          </ul>
        </nav>
        <span className="whoami">
          <span>{viewer.user.name}</span>
          <button type="button" className="link-button" onClick={() => signOut()}>
            Sign out
          </button>
        </span>
      </header>
      <main id="main" className="app-main">
        <AttentionBanner />
        <Outlet />
      </main>
    </>
  );
}
